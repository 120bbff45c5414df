// Fills a new database with a large, realistic zone so that costs are measured
// at scale: by default 10,000 organizations, 100,000 applications (most of them
// decided long ago; one live or registered per organization), 2,000 residents
// with leases, 100,000 plots (leased, reserved, blocked, available), 1,000,000
// audit records (a valid hash chain) and 1,000,000 events. Everything goes
// through the storage layer's repositories, so every constraint of the schema
// holds; identifiers carry valid check digits.
//
// It also creates four API keys with fixed secrets for the benchmarks:
//   bpk_bench_admin_0000000000000000000000000000000     (administrator)
//   bpk_bench_officer_000000000000000000000000000      (officer)
//   bpk_bench_auditor_000000000000000000000000000      (auditor)
//   bpk_bench_resident_00000000000000000000000000      (resident of organizations/1)
// and five service types, so `bench/run_load.sh BUILD --db FILE` can drive it.
//
//   zone_generator --db FILE [--organizations N] [--applications N] [--plots N]
//                  [--audit N] [--events N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "core/identifiers.h"
#include "services/admin/api_key_manager.h"
#include "services/domain/domain.h"
#include "storage/sqlite/sqlite_store.h"

namespace {

namespace bp = ::biopolis;
using SteadyClock = std::chrono::steady_clock;

struct Options {
  std::string db;
  long long organizations = 10'000;
  long long applications = 100'000;
  long long plots = 100'000;
  long long audit = 1'000'000;
  long long events = 1'000'000;
};

// The digits of `n`, left-padded with zeros to `width`.
std::string Padded(long long n, int width) {
  std::string s = std::to_string(n);
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(s.size()))), '0') + s;
}

// Appends the one check digit that makes `prefix + d` pass `check`.
template <typename Check>
std::string WithCheckDigit(const std::string& prefix, Check check) {
  for (char d = '0'; d <= '9'; ++d) {
    std::string candidate = prefix + d;
    if (check(candidate) == bp::IdCheck::kOk) return candidate;
  }
  return prefix + "0";  // unreachable for INN and OGRN
}

// Every organization is a legal entity of the Kirov region (tax office 4345).
std::string InnOf(long long i) { return WithCheckDigit("4345" + Padded(i, 5), bp::CheckInn); }
std::string OgrnOf(long long i) { return WithCheckDigit("1234300" + Padded(i, 5), bp::CheckOgrn); }

// Organizations whose last application was registered: every fifth.
bool IsResident(long long org_index) { return org_index % 5 == 0; }

class Generator {
 public:
  Generator(const Options& o, bp::SqliteStore& store, bp::Clock& clock) : o_(o), store_(store), clock_(clock) {}

  // Runs `fill(tx, i)` for i in [0, count) in transactions of `batch`.
  // `shown` is the count reported, when it differs from `count`.
  template <typename Fill>
  bool InBatches(const char* what, long long count, Fill fill, long long batch = 20'000, long long shown = -1) {
    auto start = SteadyClock::now();
    for (long long first = 0; first < count; first += batch) {
      bp::Status st = store_.WriteAndWait([&](bp::Transaction& tx) -> bp::Status {
        for (long long i = first; i < std::min(count, first + batch); ++i) fill(tx, i);
        return bp::Status::Ok();
      });
      if (!st.ok()) {
        std::fprintf(stderr, "zone_generator: %s failed: %s\n", what, st.ToString().c_str());
        return false;
      }
    }
    std::printf("  %-13s %9lld in %6.1f s\n", what, shown < 0 ? count : shown,
                std::chrono::duration<double>(SteadyClock::now() - start).count());
    std::fflush(stdout);
    return true;
  }

  bool Run() {
    now_ = clock_.Now();
    return ServiceTypes() && Organizations() && Keys() && Applications() && Plots() && Journal();
  }

 private:
  bool ServiceTypes() {
    const char* titles[] = {"Product certification", "Registration of a medicinal product", "Trade fair stand",
                            "Laboratory accreditation", "Customs consultation"};
    return InBatches("service types", 5, [&](bp::Transaction& tx, long long i) {
      bp::ServiceTypeRecord t;
      t.title = titles[i];
      t.description = "Benchmark service type";
      t.category = static_cast<bp::ServiceCategory>(1 + i % 3);
      t.responsible_unit = "One-stop shop";
      t.sla_working_days = 10;
      t.create_time = t.update_time = now_;
      t.version = 1;
      tx.service_desk().InsertType(t);
    });
  }

  bool Organizations() {
    bool ok = InBatches("organizations", o_.organizations, [&](bp::Transaction& tx, long long i) {
      bp::OrganizationRecord org;
      org.kind = bp::OrganizationKind::kLegalEntity;
      org.inn = InnOf(i);
      org.ogrn = OgrnOf(i);
      org.kpp = "434501001";
      org.full_name = "Общество с ограниченной ответственностью «Биотех " + std::to_string(i) + "»";
      org.short_name = "ООО «Биотех " + std::to_string(i) + "»";
      org.legal_address = "610000, Кировская обл., г. Киров, ул. Производственная, " + std::to_string(1 + i % 300);
      org.contact_person = "Контактное лицо " + std::to_string(i);
      org.contact_email = "office" + std::to_string(i) + "@biotech.example";
      org.contact_phone = "+7 8332 " + Padded(i % 1'000'000, 6);
      org.create_time = org.update_time = now_;
      org.version = 1;
      tx.organizations().Insert(org);
    });
    return ok;
  }

  // The benchmark keys; the resident's belongs to organizations/1.
  bool Keys() {
    struct Key {
      const char* name;
      bp::Role role;
      const char* secret;
    };
    const Key keys[] = {
        {"Bench administrator", bp::Role::kAdmin, "bpk_bench_admin_0000000000000000000000000000000"},
        {"Bench officer", bp::Role::kOfficer, "bpk_bench_officer_000000000000000000000000000"},
        {"Bench auditor", bp::Role::kAuditor, "bpk_bench_auditor_000000000000000000000000000"},
        {"Bench resident (organizations/1)", bp::Role::kResident, "bpk_bench_resident_00000000000000000000000000"},
    };
    return InBatches("api keys", 4, [&](bp::Transaction& tx, long long i) {
      const Key& k = keys[i];
      bp::ApiKeyRecord key;
      key.display_name = k.name;
      key.role = k.role;
      key.organization_id = k.role == bp::Role::kResident ? 1 : 0;
      key.key_hash = bp::ApiKeyManager::HashSecret(k.secret);
      key.key_prefix = std::string(k.secret).substr(0, 8);
      key.create_time = now_;
      tx.api_keys().Insert(key);
    });
  }

  // Applications per organization: all but the last decided long ago
  // (rejected, withdrawn, lapsed); the last registered (a resident, with a
  // lease), under review, or decided too.
  bool Applications() {
    const long long per_org = std::max(1LL, o_.applications / o_.organizations);
    return InBatches(
        "applications", o_.organizations,
        [&, per_org](bp::Transaction& tx, long long org) {
          const std::int64_t org_id = org + 1;
          for (long long k = 0; k < per_org; ++k) {
            bool last = k == per_org - 1;
            bp::ApplicationRecord a;
            a.organization_id = org_id;
            a.project_name = "Проект " + std::to_string(org) + "-" + std::to_string(k);
            a.project_description = "Производство биофармацевтической продукции";
            a.okved_codes = {"21.20"};
            a.planned_investment_kopecks = (100 + (org * 7 + k) % 900) * 1'000'000'00LL;
            a.planned_investment_3y_kopecks = a.planned_investment_kopecks / 2;
            a.planned_jobs = static_cast<int>(10 + (org + k) % 200);
            a.requested_land_area_m2 = 1000 + (org % 50) * 100;
            a.planned_start_date = {2027, 1, 1};
            a.planned_completion_date = {2030, 12, 31};
            a.policy_version = 1;
            a.submit_time = a.create_time = a.update_time = now_ - (per_org - k) * 86'400'000'000LL;
            a.version = 1;
            if (!last) {
              switch (k % 3) {
                case 0:
                  a.state = bp::ApplicationState::kRejected;
                  a.rejection_ground = bp::RejectionGround::kImproperApplication;
                  a.rejection_explanation = "Incomplete documents";
                  break;
                case 1:
                  a.state = bp::ApplicationState::kWithdrawn;
                  a.withdrawal_reason = "Project postponed";
                  break;
                default:
                  a.state = bp::ApplicationState::kLapsed;
              }
              tx.applications().Insert(a);
              continue;
            }
            if (!IsResident(org)) {
              a.state = org % 5 == 1 ? bp::ApplicationState::kUnderReview : bp::ApplicationState::kRejected;
              if (a.state == bp::ApplicationState::kRejected) {
                a.rejection_ground = bp::RejectionGround::kActivityNotPermitted;
              }
              tx.applications().Insert(a);
              continue;
            }
            a.state = bp::ApplicationState::kApproved;
            a.id = tx.applications().Insert(a);
            bp::ResidentRecord r;
            r.organization_id = org_id;
            r.application_id = a.id;
            r.registry_number = "43-2026-" + Padded(org, 6);
            r.agreement_number = "SEZ-" + Padded(org, 6);
            r.agreement_date = r.registration_date = {2026, 1, 15};
            r.commitments = {{{2028, 12, 31}, a.planned_investment_3y_kopecks, a.planned_jobs / 2},
                             {{2030, 12, 31}, a.planned_investment_kopecks, a.planned_jobs}};
            r.state = bp::ResidentState::kActive;
            r.create_time = r.update_time = now_;
            r.version = 1;
            r.id = tx.residents().Insert(r);
            a.state = bp::ApplicationState::kRegistered;
            a.resident_id = r.id;
            tx.applications().Update(a);
            resident_ids_.push_back({r.id, org_id});
          }
        },
        1'000, per_org * o_.organizations);
  }

  // Plots: one leased per resident, every 40th reserved by nobody (blocked),
  // the rest available; areas 500..50,400 m2.
  bool Plots() {
    std::mt19937 rng(7);
    return InBatches("plots", o_.plots, [&](bp::Transaction& tx, long long i) {
      bp::PlotRecord p;
      p.cadastral_number = "43:40:" + Padded(i / 1000, 6) + ":" + std::to_string(1 + i % 1000);
      p.site = i % 2 ? "Площадка «Кирово-Чепецк»" : "Площадка «Киров-Юг»";
      p.area_m2 = 500 + static_cast<std::int64_t>(rng() % 500) * 100;
      p.permitted_use = static_cast<bp::PermittedUse>(1 + i % 5);
      p.capacity = {static_cast<std::int64_t>(100 + i % 900), static_cast<std::int64_t>(10 + i % 90),
                    static_cast<std::int64_t>(i % 50), static_cast<std::int64_t>(10 + i % 90)};
      p.has_location = true;
      p.latitude = 58.5 + static_cast<double>(i % 1000) / 10000.0;
      p.longitude = 49.6 + static_cast<double>(i / 1000 % 1000) / 10000.0;
      p.create_time = p.update_time = now_;
      p.version = 1;
      bool leased = static_cast<std::size_t>(i) < resident_ids_.size();
      if (leased) {
        p.state = bp::PlotState::kLeased;
      } else if (i % 40 == 0) {
        p.state = bp::PlotState::kUnavailable;
        p.block_reason = "Utility works";
      } else {
        p.state = bp::PlotState::kAvailable;
      }
      p.id = tx.plots().Insert(p);
      if (leased) {
        bp::LeaseRecord l;
        l.plot_id = p.id;
        l.resident_id = resident_ids_[static_cast<std::size_t>(i)].first;
        l.organization_id = resident_ids_[static_cast<std::size_t>(i)].second;
        l.start_date = {2026, 2, 1};
        l.end_date = {2075, 1, 31};
        l.annual_rent_kopecks = p.area_m2 * 50'00;
        l.agreement_number = "L-" + Padded(i, 6);
        l.state = bp::LeaseState::kActive;
        l.create_time = l.update_time = now_;
        l.version = 1;
        tx.leases().Insert(l);
      }
    });
  }

  bool Journal() {
    const char* actions[] = {"application.submitted", "application.updated", "plot.reserved", "report.submitted",
                             "service_request.created"};
    const long long orgs = o_.organizations;
    bool ok = InBatches("audit records", o_.audit, [&](bp::Transaction& tx, long long i) {
      bp::AuditRecord r;
      r.actor = "apiKeys/2";
      r.actor_role = bp::Role::kOfficer;
      r.action = actions[i % 5];
      r.resource = "applications/" + std::to_string(1 + i % std::max(1LL, o_.applications));
      r.request_id = "00000000-0000-4000-8000-" + Padded(i, 12);
      r.summary = "benchmark history";
      r.create_time = now_ - (o_.audit - i) * 1'000'000LL;
      tx.journal().AppendAudit(r);
    });
    return ok && InBatches("events", o_.events, [&](bp::Transaction& tx, long long i) {
             bp::EventRecord e;
             e.type = actions[i % 5];
             e.resource = "applications/" + std::to_string(1 + i % std::max(1LL, o_.applications));
             e.organization_id = 1 + i % orgs;
             e.summary = "benchmark history";
             e.create_time = now_ - (o_.events - i) * 1'000'000LL;
             tx.journal().AppendEvent(e);
           });
  }

  const Options& o_;
  bp::SqliteStore& store_;
  bp::Clock& clock_;
  bp::TimeMicros now_ = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> resident_ids_;  // resident id, organization id
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string v = argv[i + 1];
    if (flag == "--db") o.db = v;
    if (flag == "--organizations") o.organizations = std::stoll(v);
    if (flag == "--applications") o.applications = std::stoll(v);
    if (flag == "--plots") o.plots = std::stoll(v);
    if (flag == "--audit") o.audit = std::stoll(v);
    if (flag == "--events") o.events = std::stoll(v);
  }
  if (o.db.empty() || o.organizations < 1) {
    std::fprintf(stderr,
                 "usage: zone_generator --db FILE [--organizations N] [--applications N] [--plots N] "
                 "[--audit N] [--events N]\n");
    return 2;
  }
  if (std::filesystem::exists(o.db)) {
    std::fprintf(stderr, "zone_generator: %s exists; it only fills a new database\n", o.db.c_str());
    return 2;
  }
  auto start = SteadyClock::now();
  auto store = bp::SqliteStore::Open({o.db, 1, 5000});
  if (!store.ok()) {
    std::fprintf(stderr, "zone_generator: %s\n", store.status().ToString().c_str());
    return 1;
  }
  bp::SystemClock clock;
  bp::Domain domain(**store, clock);
  bp::PolicyRecord policy;
  policy.effective_from = bp::ZoneDateOf(clock.Now());
  policy.allowed_okved_prefixes = {"21", "72.11", "72.19"};
  policy.info_request_days = 30;
  if (auto st = domain.policies.Seed(policy); !st.ok()) {
    std::fprintf(stderr, "zone_generator: policy: %s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("zone_generator: filling %s\n", o.db.c_str());
  Generator generator(o, **store, clock);
  if (!generator.Run()) return 1;
  store->reset();
  std::printf("zone_generator: done in %.1f s, %.0f MiB\n",
              std::chrono::duration<double>(SteadyClock::now() - start).count(),
              static_cast<double>(std::filesystem::file_size(o.db)) / (1024.0 * 1024.0));
  return 0;
}
