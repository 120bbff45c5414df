#include "services/server/demo_data.h"

#include <algorithm>
#include <utility>

#include "core/clock.h"
#include "services/domain/await_command.h"
#include "services/domain/domain.h"
#include "services/reporting/report_rules.h"

namespace biopolis {
namespace {

constexpr std::int64_t kRouble = 100;  // kopecks
constexpr std::int64_t kMillion = 1'000'000 * kRouble;

struct DemoOrganization {
  const char* inn;
  const char* ogrn;
  const char* kpp;
  const char* full_name;
  const char* short_name;
  const char* address;
  const char* person;
  const char* email;
  const char* phone;
};

const DemoOrganization kOrganizations[] = {
    {"4345042753", "1024317979080", "434501001", "Акционерное общество «Вятская биофармацевтическая компания»",
     "АО «ВБФК»", "610035, Кировская обл., г. Киров, ул. Производственная, 24", "Иванов Пётр Сергеевич",
     "office@vbfk.example", "+7 8332 555-010"},
    {"4345695985", "1024366201166", "434501001",
     "Общество с ограниченной ответственностью «Кировский центр клеточных технологий»", "ООО «КЦКТ»",
     "610002, Кировская обл., г. Киров, ул. Ленина, 112", "Сидорова Мария Андреевна", "info@kckt.example",
     "+7 8332 555-020"},
    {"4345212878", "1024326984923", "434501001", "Общество с ограниченной ответственностью «БиоСинтез Вятка»",
     "ООО «БиоСинтез Вятка»", "610046, Кировская обл., г. Киров, ул. Московская, 201", "Кузнецов Алексей Ильич",
     "contact@biosintez.example", "+7 8332 555-030"},
    {"4345610903", "1024320244189", "434501001", "Общество с ограниченной ответственностью «Нолинский завод ферментов»",
     "ООО «НЗФ»", "613440, Кировская обл., г. Нолинск, ул. Заводская, 3", "Попова Елена Викторовна", "nzf@nzf.example",
     "+7 83368 2-11-40"},
    {"4345919018", "1024397558723", "434501001",
     "Общество с ограниченной ответственностью «Слободской фармацевтический завод»", "ООО «СФЗ»",
     "613150, Кировская обл., г. Слободской, ул. Советская, 77", "Морозов Дмитрий Олегович", "sfz@sfz.example",
     "+7 83362 4-20-15"},
    {"434547560780", "304436915212942", "", "Индивидуальный предприниматель Смирнова Анна Викторовна",
     "ИП Смирнова А. В.", "610017, Кировская обл., г. Киров, ул. Горького, 5, кв. 12", "Смирнова Анна Викторовна",
     "smirnova@mail.example", "+7 912 555-44-33"},
};

ApplicationRecord Project(const char* name, const char* description, std::vector<std::string> okved,
                          std::int64_t total_millions, std::int64_t three_year_millions, int jobs, std::int64_t area,
                          Date start, Date end) {
  ApplicationRecord a;
  a.project_name = name;
  a.project_description = description;
  a.okved_codes = std::move(okved);
  a.planned_investment_kopecks = total_millions * kMillion;
  a.planned_investment_3y_kopecks = three_year_millions * kMillion;
  a.planned_jobs = jobs;
  a.requested_land_area_m2 = area;
  a.planned_start_date = start;
  a.planned_completion_date = end;
  return a;
}

}  // namespace

const std::vector<DemoKey>& DemoKeys() {
  static const std::vector<DemoKey> kKeys = {
      {"admin", "Demo administrator", "bpk_demo_admin_0000000000000000000000000000000"},
      {"officer", "Demo officer (ministry)", "bpk_demo_officer_00000000000000000000000000000"},
      {"auditor", "Demo auditor", "bpk_demo_auditor_00000000000000000000000000000"},
      {"resident", "Demo resident: АО «ВБФК» (organizations/1)", "bpk_demo_resident_vbfk_0000000000000000000000"},
      {"resident", "Demo applicant: ООО «КЦКТ» (organizations/2)", "bpk_demo_resident_kckt_0000000000000000000000"},
      {"resident", "Demo applicant: ООО «НЗФ» (organizations/4)", "bpk_demo_resident_nzf_00000000000000000000000"},
  };
  return kKeys;
}

Result<bool> SeedDemoData(Domain& live) {
  bool empty = false;
  Status st = live.store().Read([&](Transaction& tx) {
    empty = !tx.policies().Get(1).has_value();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!empty) return false;

  // The demo zone is seeded as its history happened: through the domain's
  // own commands, on a clock that starts about two years back and walks
  // forward to now (never past it), so every record, audit entry and event
  // carries the time it would have had. АО «ВБФК» registers then and has
  // two years of reports; the applications in progress are recent.
  const TimeMicros now = live.clock().Now();
  const Date today = ZoneDateOf(now);
  const Date start = Date{today.year - 2, (today.month - 1) / 3 * 3 + 1, 1}.AddDays(9);
  ManualClock clock(std::min(ZoneStartOf(start), now));
  Domain domain(live.store(), clock);
  // Moves the history clock to 10:00 on `d` (never backwards, never past now).
  auto at = [&](Date d) {
    const TimeMicros t = std::min(ZoneStartOf(d) + TimeMicros{10} * 3600 * 1'000'000, now);
    clock.Set(std::max(t, clock.Now()));
  };

  at(start);
  PolicyRecord policy;
  policy.effective_from = Date{2020, 1, 1};
  policy.min_investment_kopecks = 120 * kMillion;
  policy.min_investment_3y_kopecks = 40 * kMillion;
  policy.allowed_okved_prefixes = {"20.14", "20.59", "21", "32.50", "46.46", "72.11", "72.19"};
  policy.info_request_days = 30;
  policy.reservation_days = 90;
  policy.reservation_days = 90;
  policy.description =
      "Industrial-production SEZ: at least 120 mln roubles without VAT, 40 mln within 3 years "
      "(Government Decree No. 156 of 14.02.2024; older statutory rule kept for the 3-year part).";
  BIOPOLIS_RETURN_IF_ERROR(domain.policies.Seed(policy));

  Caller officer_intake{"system", Role::kOfficer, 0};
  std::vector<std::int64_t> org_ids;
  for (const auto& o : kOrganizations) {
    OrganizationRecord r;
    r.inn = o.inn;
    r.ogrn = o.ogrn;
    r.kpp = o.kpp;
    r.full_name = o.full_name;
    r.short_name = o.short_name;
    r.legal_address = o.address;
    r.contact_person = o.person;
    r.contact_email = o.email;
    r.contact_phone = o.phone;
    BIOPOLIS_ASSIGN_OR_RETURN(
        auto created, AwaitCommand<OrganizationRecord>([&](auto encode, auto reply) {
          domain.organizations.Create(officer_intake, {"CreateOrganization", "", ""}, r, encode, reply);
        }));
    org_ids.push_back(created.id);
  }

  // Keys: admin, officer, auditor, and residents bound to organizations 1, 2, 4.
  const std::vector<DemoKey>& keys = DemoKeys();
  const Role roles[] = {Role::kAdmin,    Role::kOfficer,  Role::kAuditor,
                        Role::kResident, Role::kResident, Role::kResident};
  const std::int64_t orgs[] = {0, 0, 0, org_ids[0], org_ids[1], org_ids[3]};
  std::vector<Caller> callers;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    ApiKeyRecord k;
    k.display_name = keys[i].holder;
    k.role = roles[i];
    k.organization_id = orgs[i];
    BIOPOLIS_ASSIGN_OR_RETURN(auto created, domain.keys.CreateDirect(k, keys[i].secret));
    callers.push_back(Caller{"apiKeys/" + std::to_string(created.key.id), roles[i], orgs[i]});
  }
  const Caller& officer = callers[1];
  // Applicants without a demo key act through a system caller bound to their organization.
  auto applicant = [&](std::size_t org_index) {
    for (const auto& c : callers) {
      if (c.role == Role::kResident && c.organization_id == org_ids[org_index]) return c;
    }
    return Caller{"system", Role::kResident, org_ids[org_index]};
  };

  auto create = [&](std::size_t org_index, const ApplicationRecord& draft, std::int64_t& id) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(
        auto created, AwaitCommand<ApplicationRecord>([&](auto encode, auto reply) {
          domain.applications.Create(applicant(org_index), {"CreateApplication", "", ""}, draft, encode, reply);
        }));
    id = created.id;
    return Status::Ok();
  };
  auto act = [&](const Caller& who, std::int64_t id, ApplicationAction action, ApplicationActionArgs args,
                 const char* method) {
    return AwaitCommand<ApplicationRecord>([&](auto encode, auto reply) {
             domain.applications.Act(who, {method, "", ""}, id, "", action, args, encode, reply);
           })
        .status();
  };
  ApplicationActionArgs none;

  struct DemoPlot {
    const char* cadastral;
    const char* site;
    std::int64_t area;
    PermittedUse use;
    UtilityCapacity capacity;
    double lat;
    double lon;
  };
  const char* kNorth = "Площадка № 1 «Северная» (г. Киров, Октябрьский р-н)";
  const char* kChepetsk = "Площадка № 2 «Кирово-Чепецкая»";
  const char* kLab = "Площадка № 3 «Лабораторный кампус»";
  const DemoPlot kPlots[] = {
      {"43:40:000302:112", kNorth, 42000, PermittedUse::kProduction, {2500, 600, 300, 500}, 58.6412, 49.6135},
      {"43:40:000302:113", kNorth, 18500, PermittedUse::kProduction, {1200, 250, 120, 200}, 58.6420, 49.6160},
      {"43:40:000302:114", kNorth, 9600, PermittedUse::kWarehouse, {300, 40, 0, 30}, 58.6431, 49.6172},
      {"43:40:000302:115", kNorth, 25000, PermittedUse::kProduction, {1800, 400, 200, 350}, 58.6405, 49.6188},
      {"43:40:000302:116", kNorth, 6200, PermittedUse::kOffice, {150, 20, 0, 20}, 58.6398, 49.6141},
      {"43:40:000302:117", kNorth, 31000, PermittedUse::kProduction, {2200, 500, 250, 450}, 58.6389, 49.6199},
      {"43:40:000302:118", kNorth, 4800, PermittedUse::kUtility, {5000, 0, 0, 0}, 58.6380, 49.6120},
      {"43:42:000201:45", kChepetsk, 55000, PermittedUse::kProduction, {4000, 900, 500, 800}, 58.5560, 50.0395},
      {"43:42:000201:46", kChepetsk, 12000, PermittedUse::kWarehouse, {400, 60, 0, 50}, 58.5571, 50.0410},
      {"43:42:000201:47", kChepetsk, 21500, PermittedUse::kProduction, {1500, 300, 150, 260}, 58.5582, 50.0425},
      {"43:42:000201:48", kChepetsk, 8700, PermittedUse::kLaboratory, {600, 80, 20, 70}, 58.5593, 50.0440},
      {"43:42:000201:49", kChepetsk, 16000, PermittedUse::kProduction, {1100, 220, 110, 190}, 58.5604, 50.0455},
      {"43:42:000201:50", kChepetsk, 7300, PermittedUse::kWarehouse, {250, 30, 0, 25}, 58.5615, 50.0470},
      {"43:40:000415:7", kLab, 3200, PermittedUse::kLaboratory, {400, 60, 10, 50}, 58.6035, 49.6680},
      {"43:40:000415:8", kLab, 4100, PermittedUse::kLaboratory, {500, 70, 15, 60}, 58.6040, 49.6692},
      {"43:40:000415:9", kLab, 2600, PermittedUse::kOffice, {120, 15, 0, 15}, 58.6046, 49.6704},
      {"43:40:000415:10", kLab, 5400, PermittedUse::kLaboratory, {700, 90, 20, 80}, 58.6052, 49.6716},
      {"43:40:000415:11", kLab, 3900, PermittedUse::kLaboratory, {450, 65, 10, 55}, 58.6058, 49.6728},
      {"43:40:000415:12", kLab, 2300, PermittedUse::kOffice, {100, 10, 0, 10}, 58.6064, 49.6740},
      {"43:40:000415:13", kLab, 6800, PermittedUse::kLaboratory, {900, 120, 30, 100}, 58.6070, 49.6752},
  };
  std::vector<std::int64_t> plot_ids;
  for (const auto& d : kPlots) {
    PlotRecord p;
    p.cadastral_number = d.cadastral;
    p.site = d.site;
    p.area_m2 = d.area;
    p.permitted_use = d.use;
    p.capacity = d.capacity;
    p.has_location = true;
    p.latitude = d.lat;
    p.longitude = d.lon;
    BIOPOLIS_ASSIGN_OR_RETURN(auto created, AwaitCommand<PlotRecord>([&](auto encode, auto reply) {
                                domain.land.CreatePlot(officer, {"CreatePlot", "", ""}, p, encode, reply);
                              }));
    plot_ids.push_back(created.id);
  }
  struct DemoMeasure {
    SupportKind kind;
    const char* title;
    const char* basis;
    std::int64_t budget_millions;
    std::int64_t cap_millions;
    std::vector<std::string> okved;
  };
  const DemoMeasure kMeasures[] = {
      {SupportKind::kTaxBenefit,
       "Пониженная ставка налога на прибыль (региональная часть)",
       "Закон Кировской области о налоговых льготах резидентам ОЭЗ",
       0,
       0,
       {}},
      {SupportKind::kSubsidy,
       "Субсидия на приобретение GMP-оборудования",
       "Постановление Правительства Кировской области (госпрограмма «Развитие промышленности»)",
       50,
       10,
       {"21"}},
      {SupportKind::kGrant,
       "Грант на НИОКР в области биотехнологий",
       "Положение о грантах ОЭЗ «Биополис»",
       20,
       5,
       {"72.11", "72.19"}},
      {SupportKind::kRentDiscount,
       "Скидка 50% на арендную плату в первые 3 года",
       "Договор аренды, приложение 3",
       0,
       0,
       {}},
      {SupportKind::kCertificationSupport,
       "Сопровождение сертификации GMP и регистрации препаратов",
       "Регламент управляющей компании ОЭЗ",
       0,
       0,
       {"21"}},
      {SupportKind::kPromotionSupport,
       "Участие в отраслевых выставках (Фармтех, BIO)",
       "План продвижения ОЭЗ на 2026 год",
       0,
       0,
       {}},
  };
  std::vector<std::int64_t> measure_ids;
  for (const auto& d : kMeasures) {
    SupportMeasureRecord m;
    m.kind = d.kind;
    m.title = d.title;
    m.legal_basis = d.basis;
    m.open_from = start;  // open since the zone's demo history began
    m.total_budget_kopecks = d.budget_millions * kMillion;
    m.cap_per_resident_kopecks = d.cap_millions * kMillion;
    m.eligibility.require_active_status = true;
    m.eligibility.okved_prefixes = d.okved;
    BIOPOLIS_ASSIGN_OR_RETURN(
        auto created, AwaitCommand<SupportMeasureRecord>([&](auto encode, auto reply) {
          domain.support.CreateMeasure(officer, {"CreateSupportMeasure", "", ""}, m, encode, reply);
        }));
    measure_ids.push_back(created.id);
  }
  struct DemoService {
    const char* title;
    ServiceCategory category;
    const char* unit;
    int sla;
  };
  const DemoService kServices[] = {
      {"Сопровождение инспектирования GMP", ServiceCategory::kCertification,
       "Управляющая компания ОЭЗ, отдел сертификации (взаимодействие с ФБУ «ГИЛС и НП»)", 20},
      {"Государственная регистрация лекарственного препарата", ServiceCategory::kProductRegistration,
       "Управляющая компания ОЭЗ, регуляторный отдел", 30},
      {"Участие в выставке на коллективном стенде региона", ServiceCategory::kPromotion,
       "Центр поддержки экспорта Кировской области", 10},
      {"Оформление процедуры свободной таможенной зоны", ServiceCategory::kCustoms, "Кировский таможенный пост", 5},
      {"Технологическое присоединение к электросетям", ServiceCategory::kInfrastructure,
       "Сетевая организация, филиал «Кировэнерго»", 15},
  };
  std::vector<std::int64_t> type_ids;
  for (const auto& d : kServices) {
    ServiceTypeRecord t;
    t.title = d.title;
    t.category = d.category;
    t.responsible_unit = d.unit;
    t.sla_working_days = d.sla;
    BIOPOLIS_ASSIGN_OR_RETURN(
        auto created, AwaitCommand<ServiceTypeRecord>([&](auto encode, auto reply) {
          domain.service_desk.CreateType(callers[0], {"CreateServiceType", "", ""}, t, encode, reply);
        }));
    type_ids.push_back(created.id);
  }
  auto plot_act = [&](std::int64_t id, PlotAction action, PlotActionArgs args, const char* method) {
    return AwaitCommand<PlotRecord>([&](auto encode, auto reply) {
             domain.land.ActOnPlot(officer, {method, "", ""}, id, "", action, args, encode, reply);
           })
        .status();
  };
  const Caller& vbfk = callers[3];
  auto open_request = [&](std::int64_t type_id, const char* description) -> Result<std::int64_t> {
    ServiceRequestRecord r;
    r.service_type_id = type_id;
    r.description = description;
    BIOPOLIS_ASSIGN_OR_RETURN(
        auto created, AwaitCommand<ServiceRequestRecord>([&](auto encode, auto reply) {
          domain.service_desk.CreateRequest(vbfk, {"CreateServiceRequest", "", ""}, r, encode, reply);
        }));
    return created.id;
  };
  auto desk_act = [&](const Caller& who, std::int64_t id, ServiceAction action, std::string text, const char* method) {
    return AwaitCommand<ServiceRequestRecord>([&](auto encode, auto reply) {
             domain.service_desk.Act(who, {method, "", ""}, id, "", action, text, encode, reply);
           })
        .status();
  };

  // 1. АО «ВБФК»: registered resident.
  std::int64_t a1 = 0;
  BIOPOLIS_RETURN_IF_ERROR(create(0,
                                  Project("Производство рекомбинантного инсулина",
                                          "GMP-производство субстанции и готовых форм инсулина для эндокринологии.",
                                          {"21.10", "21.20.1"}, 1850, 900, 240, 42000, {2025, 3, 1}, {2029, 12, 31}),
                                  a1));
  at(start.AddDays(3));
  BIOPOLIS_RETURN_IF_ERROR(act(applicant(0), a1, ApplicationAction::kSubmit, none, "SubmitApplication"));
  at(start.AddDays(5));
  BIOPOLIS_RETURN_IF_ERROR(act(officer, a1, ApplicationAction::kAccept, none, "AcceptApplication"));
  at(start.AddDays(12));
  BIOPOLIS_RETURN_IF_ERROR(
      act(officer, a1, ApplicationAction::kReferToExpertCouncil, none, "ReferApplicationToExpertCouncil"));
  at(start.AddDays(26));
  ApplicationActionArgs opinion;
  opinion.opinion = ExpertOpinion::kPositive;
  opinion.text = "Проект соответствует целям ОЭЗ; источники финансирования подтверждены.";
  BIOPOLIS_RETURN_IF_ERROR(act(officer, a1, ApplicationAction::kRecordExpertOpinion, opinion, "RecordExpertOpinion"));
  at(start.AddDays(30));
  ApplicationActionArgs approve;
  approve.text = "Одобрено по итогам экспертного совета.";
  BIOPOLIS_RETURN_IF_ERROR(act(officer, a1, ApplicationAction::kApprove, approve, "ApproveApplication"));
  // Registration: the agreement is signed the day before the officer enters
  // it; the registry's registration date is the day of entry (SignAgreement),
  // not the agreement's date.
  const Date registered = start.AddDays(40);
  at(registered);
  ApplicationActionArgs sign;
  sign.agreement_number = "С-43-001/" + std::to_string(registered.year);
  sign.agreement_date = registered.AddDays(-1);
  sign.commitments = {{Date{registered.year + 1, 12, 31}, 400 * kMillion, 80},
                      {Date{registered.year + 3, 12, 31}, 900 * kMillion, 180},
                      {Date{registered.year + 5, 12, 31}, 1850 * kMillion, 240}};
  BIOPOLIS_RETURN_IF_ERROR(act(officer, a1, ApplicationAction::kSignAgreement, sign, "SignAgreement"));

  // АО «ВБФК» leases plot 1 for 49 years.
  at(registered.AddDays(3));
  LeaseRecord lease;
  lease.plot_id = plot_ids[0];
  BIOPOLIS_RETURN_IF_ERROR(domain.store().Read([&](Transaction& tx) {
    if (auto app = tx.applications().Get(a1)) lease.resident_id = app->resident_id;
    return Status::Ok();
  }));
  lease.start_date = registered.AddDays(3);
  lease.end_date = Date{registered.year + 49, registered.month, 1};
  lease.annual_rent_kopecks = 2'520'000 * kRouble;
  lease.agreement_number = "А-43-" + std::to_string(registered.year) + "/01";
  BIOPOLIS_RETURN_IF_ERROR(AwaitCommand<LeaseRecord>([&](auto encode, auto reply) {
                             domain.land.CreateLease(officer, {"CreateLease", "", ""}, lease, encode, reply);
                           }).status());

  // АО «ВБФК» asked for 8 mln of the GMP subsidy: 6 mln granted, 3 mln paid in two parts.
  at(registered.AddDays(5));
  SupportRequestRecord sr;
  sr.measure_id = measure_ids[1];
  sr.requested_kopecks = 8 * kMillion;
  sr.purpose = "Линия асептического розлива и изоляторы класса A";
  sr.justification = "Инвестиционный проект по соглашению С-43-001";
  BIOPOLIS_ASSIGN_OR_RETURN(auto support_request, AwaitCommand<SupportRequestRecord>([&](auto encode, auto reply) {
                              domain.support.CreateRequest(vbfk, {"CreateSupportRequest", "", ""}, sr, encode, reply);
                            }));
  const std::int64_t support_id = support_request.id;
  auto support_act = [&](const Caller& who, SupportAction action, SupportActionArgs args, const char* method) {
    return AwaitCommand<SupportRequestRecord>([&](auto encode, auto reply) {
             domain.support.Act(who, {method, "", ""}, support_id, "", action, args, encode, reply);
           })
        .status();
  };
  BIOPOLIS_RETURN_IF_ERROR(support_act(vbfk, SupportAction::kSubmit, {}, "SubmitSupportRequest"));
  at(registered.AddDays(10));
  BIOPOLIS_RETURN_IF_ERROR(support_act(officer, SupportAction::kAccept, {}, "AcceptSupportRequest"));
  at(registered.AddDays(20));
  SupportActionArgs grant;
  grant.granted_kopecks = 6 * kMillion;
  BIOPOLIS_RETURN_IF_ERROR(support_act(officer, SupportAction::kApprove, grant, "ApproveSupportRequest"));
  at(registered.AddDays(30));
  SupportActionArgs pay;
  pay.disbursement = {2 * kMillion, registered.AddDays(30), "п/п № 412"};
  BIOPOLIS_RETURN_IF_ERROR(support_act(officer, SupportAction::kDisburse, pay, "RecordDisbursement"));
  at(registered.AddDays(38));
  pay.disbursement = {1 * kMillion, registered.AddDays(38), "п/п № 1174"};
  BIOPOLIS_RETURN_IF_ERROR(support_act(officer, SupportAction::kDisburse, pay, "RecordDisbursement"));

  // Service requests of long ago: one closed (confirmed by the resident), one cancelled.
  at(registered.AddDays(41));
  BIOPOLIS_ASSIGN_OR_RETURN(auto customs,
                            open_request(type_ids[3], "Оформление процедуры СТЗ для ввоза линии розлива"));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(officer, customs, ServiceAction::kTake, "", "TakeServiceRequest"));
  at(registered.AddDays(44));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(officer, customs, ServiceAction::kResolve,
                                    "Процедура СТЗ оформлена, заключение № 10216/0041", "ResolveServiceRequest"));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(vbfk, customs, ServiceAction::kConfirm, "", "ConfirmServiceRequest"));
  at(registered.AddDays(47));
  BIOPOLIS_ASSIGN_OR_RETURN(auto expo, open_request(type_ids[2], "Стенд на выставке «Фармтех» в ноябре"));
  BIOPOLIS_RETURN_IF_ERROR(
      desk_act(vbfk, expo, ServiceAction::kCancel, "Участие перенесено на следующий год", "CancelServiceRequest"));

  // Two years of quarterly reports: every ended quarter from registration,
  // filed ten days after it ends and accepted ten days later — the second one
  // returned once and fixed, the third corrected after acceptance — except
  // the latest quarter already past its due date, left unfiled (overdue), and
  // any ended quarter not yet due.
  const int due_days = policy.report_due_days;
  std::vector<std::pair<int, int>> to_file;
  for (int y = registered.year, q = (registered.month - 1) / 3 + 1;; q == 4 ? (++y, q = 1) : ++q) {
    if (!(QuarterEnd(y, q) < today)) break;
    to_file.emplace_back(y, q);
  }
  while (!to_file.empty() && !(ReportDueDate(to_file.back().first, to_file.back().second, due_days) < today)) {
    to_file.pop_back();  // ended but not yet due: not overdue, simply open
  }
  if (!to_file.empty()) to_file.pop_back();  // the overdue one
  auto report_act = [&](const Caller& who, std::int64_t id, ReportAction action, std::string comment,
                        const char* method) {
    return AwaitCommand<ReportRecord>([&](auto encode, auto reply) {
             domain.reporting.Act(who, {method, "", ""}, id, "", action, comment, encode, reply);
           })
        .status();
  };
  for (std::size_t i = 0; i < to_file.size(); ++i) {
    const auto [year, quarter] = to_file[i];
    const Date end = QuarterEnd(year, quarter);
    at(end.AddDays(10));
    ReportRecord r;
    r.year = year;
    r.quarter = quarter;
    r.investment_kopecks = (60 + 10 * static_cast<std::int64_t>(i)) * kMillion;
    r.capex_kopecks = r.investment_kopecks * 8 / 10;
    r.jobs_at_period_end = 40 + 15 * static_cast<int>(i);
    r.revenue_kopecks = i < 2 ? 0 : (25 + 12 * static_cast<std::int64_t>(i)) * kMillion;
    r.taxes_paid_kopecks = r.revenue_kopecks / 20;
    r.tax_benefits_used_kopecks = r.revenue_kopecks / 50;
    BIOPOLIS_ASSIGN_OR_RETURN(auto report, AwaitCommand<ReportRecord>([&](auto encode, auto reply) {
                                domain.reporting.Create(vbfk, {"CreateReport", "", ""}, r, encode, reply);
                              }));
    BIOPOLIS_RETURN_IF_ERROR(report_act(vbfk, report.id, ReportAction::kSubmit, "", "SubmitReport"));
    if (i == 1) {
      at(end.AddDays(16));
      BIOPOLIS_RETURN_IF_ERROR(report_act(officer, report.id, ReportAction::kReturn,
                                          "Численность не совпадает со справкой СФР: уточните на конец квартала",
                                          "ReturnReport"));
      at(end.AddDays(17));
      ReportRecord fix;
      fix.jobs_at_period_end = r.jobs_at_period_end - 3;
      BIOPOLIS_RETURN_IF_ERROR(AwaitCommand<ReportRecord>([&](auto encode, auto reply) {
                                 domain.reporting.Update(vbfk, {"UpdateReport", "", ""}, report.id, "", fix,
                                                         {"jobs_at_period_end"}, encode, reply);
                               }).status());
      BIOPOLIS_RETURN_IF_ERROR(report_act(vbfk, report.id, ReportAction::kSubmit, "", "SubmitReport"));
    }
    at(end.AddDays(20));
    BIOPOLIS_RETURN_IF_ERROR(report_act(officer, report.id, ReportAction::kAccept, "", "AcceptReport"));
    if (i == 2) {
      // Revenue restated after the annual audit: a correction, filed and accepted.
      at(end.AddDays(45));
      BIOPOLIS_ASSIGN_OR_RETURN(auto correction, AwaitCommand<ReportRecord>([&](auto encode, auto reply) {
                                  domain.reporting.Correct(vbfk, {"CorrectReport", "", ""}, report.id, encode, reply);
                                }));
      ReportRecord fix;
      fix.revenue_kopecks = r.revenue_kopecks + 4 * kMillion;
      BIOPOLIS_RETURN_IF_ERROR(AwaitCommand<ReportRecord>([&](auto encode, auto reply) {
                                 domain.reporting.Update(vbfk, {"UpdateReport", "", ""}, correction.id, "", fix,
                                                         {"revenue_kopecks"}, encode, reply);
                               }).status());
      BIOPOLIS_RETURN_IF_ERROR(report_act(vbfk, correction.id, ReportAction::kSubmit, "", "SubmitReport"));
      at(end.AddDays(50));
      BIOPOLIS_RETURN_IF_ERROR(report_act(officer, correction.id, ReportAction::kAccept, "", "AcceptReport"));
    }
  }

  // The recent weeks: a plot blocked for works, the applications in progress,
  // and the one-stop shop's open requests.
  at(today.AddDays(-30));
  PlotActionArgs block;
  block.reason = "Перекладка сетей водоснабжения до " + std::to_string(today.year + 1) + " года";
  BIOPOLIS_RETURN_IF_ERROR(plot_act(plot_ids[6], PlotAction::kBlock, block, "BlockPlot"));
  at(today.AddDays(-28));
  BIOPOLIS_ASSIGN_OR_RETURN(auto reopened,
                            open_request(type_ids[1], "Регистрация препарата инсулина гларгин: досье модуля 3"));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(officer, reopened, ServiceAction::kTake, "", "TakeServiceRequest"));
  at(today.AddDays(-24));
  BIOPOLIS_RETURN_IF_ERROR(
      desk_act(officer, reopened, ServiceAction::kResolve, "Досье подано в Минздрав", "ResolveServiceRequest"));
  at(today.AddDays(-22));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(vbfk, reopened, ServiceAction::kReopen,
                                    "Минздрав вернул досье: нужны данные стабильности", "ReopenServiceRequest"));
  at(today.AddDays(-20));
  // 2. ООО «КЦКТ»: under review.
  std::int64_t a2 = 0;
  BIOPOLIS_RETURN_IF_ERROR(create(1,
                                  Project("Биобанк и производство клеточных продуктов",
                                          "Лаборатория клеточных технологий и биобанк с чистыми помещениями класса B.",
                                          {"72.11", "21.20"}, 320, 150, 65, 8000, {2026, 1, 15}, {2028, 6, 30}),
                                  a2));
  BIOPOLIS_RETURN_IF_ERROR(act(applicant(1), a2, ApplicationAction::kSubmit, none, "SubmitApplication"));
  at(today.AddDays(-18));
  BIOPOLIS_RETURN_IF_ERROR(act(officer, a2, ApplicationAction::kAccept, none, "AcceptApplication"));
  // Its application holds plot 14 (laboratory campus).
  PlotActionArgs reserve;
  reserve.application_id = a2;
  BIOPOLIS_RETURN_IF_ERROR(plot_act(plot_ids[13], PlotAction::kReserve, reserve, "ReservePlot"));
  at(today.AddDays(-10));

  // 3. ООО «БиоСинтез Вятка»: submitted, waiting for intake.
  std::int64_t a3 = 0;
  BIOPOLIS_RETURN_IF_ERROR(
      create(2,
             Project("Ферментация пробиотических штаммов", "Промышленная ферментация и лиофилизация пробиотиков.",
                     {"21.20.2", "72.19"}, 210, 80, 40, 12000, {2026, 6, 1}, {2029, 5, 31}),
             a3));
  BIOPOLIS_RETURN_IF_ERROR(act(applicant(2), a3, ApplicationAction::kSubmit, none, "SubmitApplication"));

  at(today.AddDays(-8));
  // 4. ООО «НЗФ»: a draft still below the minimum investment (the dry-run shows why).
  std::int64_t a4 = 0;
  BIOPOLIS_RETURN_IF_ERROR(
      create(3,
             Project("Производство технических ферментов", "Ферменты для пищевой и кормовой промышленности.", {"20.14"},
                     95, 30, 25, 5000, {2027, 1, 1}, {2028, 12, 31}),
             a4));

  at(today.AddDays(-6));
  // 5. ООО «СФЗ»: the ministry asked for information.
  std::int64_t a5 = 0;
  BIOPOLIS_RETURN_IF_ERROR(create(4,
                                  Project("Модернизация производства стерильных растворов",
                                          "Новая линия асептического розлива инфузионных растворов.", {"21.20.1"}, 450,
                                          200, 90, 15000, {2026, 4, 1}, {2029, 3, 31}),
                                  a5));
  BIOPOLIS_RETURN_IF_ERROR(act(applicant(4), a5, ApplicationAction::kSubmit, none, "SubmitApplication"));
  BIOPOLIS_RETURN_IF_ERROR(act(officer, a5, ApplicationAction::kAccept, none, "AcceptApplication"));
  at(today.AddDays(-4));
  ApplicationActionArgs info;
  info.text = "Представьте письмо банка о готовности финансирования и уточнённую финансовую модель.";
  BIOPOLIS_RETURN_IF_ERROR(
      act(officer, a5, ApplicationAction::kRequestInformation, info, "RequestApplicationInformation"));

  at(today.AddDays(-4));
  BIOPOLIS_ASSIGN_OR_RETURN(auto gmp,
                            open_request(type_ids[0], "Просим организовать инспектирование GMP участка розлива"));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(officer, gmp, ServiceAction::kTake, "", "TakeServiceRequest"));
  at(today.AddDays(-3));
  BIOPOLIS_ASSIGN_OR_RETURN(auto power,
                            open_request(type_ids[4], "Нужна дополнительная мощность 1,5 МВт для второй очереди"));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(officer, power, ServiceAction::kTake, "", "TakeServiceRequest"));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(officer, power, ServiceAction::kAsk,
                                    "Пришлите, пожалуйста, однолинейную схему и график ввода мощностей",
                                    "AskResident"));
  at(today.AddDays(-3));
  BIOPOLIS_ASSIGN_OR_RETURN(auto certificate, open_request(type_ids[0], "Выдача копии сертификата GMP для тендера"));
  BIOPOLIS_RETURN_IF_ERROR(desk_act(officer, certificate, ServiceAction::kTake, "", "TakeServiceRequest"));
  at(today.AddDays(-2));
  BIOPOLIS_RETURN_IF_ERROR(
      desk_act(officer, certificate, ServiceAction::kResolve, "Копия направлена на e-mail", "ResolveServiceRequest"));
  at(today.AddDays(-1));
  BIOPOLIS_RETURN_IF_ERROR(
      open_request(type_ids[3], "Продление процедуры СТЗ на оборудование второй очереди").status());
  return true;
}

}  // namespace biopolis
