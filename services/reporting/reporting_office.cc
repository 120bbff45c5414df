#include "services/reporting/reporting_office.h"

#include <algorithm>
#include <set>

#include "core/etag.h"
#include "core/resource_name.h"
#include "core/text_limits.h"
#include "services/reporting/reporting_seam.h"

namespace biopolis {
namespace {

constexpr char kReports[] = "reports";

std::string Period(int year, int quarter) { return std::to_string(year) + "Q" + std::to_string(quarter); }

PolicyRecord PolicyOrDefaults(Transaction& tx, const Date& today) {
  auto p = tx.policies().InForceOn(today);
  return p ? *p : PolicyRecord{};
}

// Fills the derived due date for reports due `due_days` after their quarter.
ReportRecord WithDue(ReportRecord r, int due_days) {
  r.due_date = ReportDueDate(r.year, r.quarter, due_days);
  return r;
}

// The same under the policy in force today.
ReportRecord WithDue(Transaction& tx, ReportRecord r, const Date& today) {
  return WithDue(std::move(r), PolicyOrDefaults(tx, today).report_due_days);
}

Compliance ComplianceFor(Transaction& tx, const ResidentRecord& r, const Date& today, const PolicyRecord& policy) {
  return ComputeCompliance(r, today, policy.compliance_tolerance_percent,
                           [&](const Date& d) { return reporting_seam::FiguresAsOf(tx, r.id, d); });
}

// One page of residents not terminated whose compliance is `only`
// (kUnspecified: any), in registry order: walks registry pages until the page
// is full or the registry ends.
Page<ResidentCompliance> CompliancePage(Transaction& tx, const ListQuery& query, ComplianceStatus only,
                                        const Date& today) {
  const PolicyRecord policy = PolicyOrDefaults(tx, today);  // once per page, not per resident
  Page<ResidentCompliance> out;
  ListQuery q = query;
  q.conditions.push_back({"state", CompareOp::kNe, static_cast<std::int64_t>(ResidentState::kTerminated)});
  while (true) {
    auto residents = tx.residents().List(q);
    for (std::size_t i = 0; i < residents.items.size(); ++i) {
      const auto& r = residents.items[i];
      Compliance c = ComplianceFor(tx, r, today, policy);
      if (only != ComplianceStatus::kUnspecified && c.status != only) continue;
      out.items.push_back({r.id, c});
      if (static_cast<int>(out.items.size()) == query.page_size) {
        if (i + 1 < residents.items.size() || residents.next.has_value()) out.next = Cursor{r.registry_number, r.id};
        return out;
      }
    }
    if (!residents.next) return out;
    q.after = residents.next;
  }
}

}  // namespace

Result<ReportRecord> ReportingOffice::Get(const Caller& caller, std::int64_t id) {
  return ReadValue<ReportRecord>(env_.store, [&](Transaction& tx) -> Result<ReportRecord> {
    auto r = tx.reports().Get(id);
    if (!r || !caller.MaySee(r->organization_id)) return Status::NotFound(FormatName(kReports, id));
    return WithDue(tx, *r, ZoneDateOf(env_.clock.Now()));
  });
}

Result<Page<ReportRecord>> ReportingOffice::List(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{{{"resident", FieldType::kReference, {}, "residents"},
                               {"year", FieldType::kInt, {}, ""},
                               {"quarter", FieldType::kInt, {}, ""},
                               {"state", FieldType::kEnum, kReportStates.FilterValues(), ""}},
                              {"create_time", "period"},
                              "create_time",
                              false};
  const Date today = ZoneDateOf(env_.clock.Now());
  return ReadPage<ReportRecord>(env_, caller, "ListReports", kSpec, params, ListVisibility::kOwnOrganization,
                                [&](Transaction& tx, const ListQuery& q) {
                                  auto p = tx.reports().List(q);
                                  const int due_days = PolicyOrDefaults(tx, today).report_due_days;
                                  for (auto& r : p.items) r = WithDue(std::move(r), due_days);
                                  return p;
                                });
}

void ReportingOffice::Create(const Caller& caller, CommandMeta meta, ReportRecord report, Encoder<ReportRecord> encode,
                             Reply reply) {
  auto violations = ValidateReport(report, "report");
  if (!violations.empty()) return reply(Status::InvalidArgument(std::move(violations)));
  env_.commands.Run<ReportRecord>(
      caller, std::move(meta),
      [report](CommandContext& ctx) mutable -> Result<ReportRecord> {
        Transaction& tx = ctx.tx();
        BIOPOLIS_RETURN_IF_ERROR(
            CheckReportTransition("a new report", ReportState::kDraft, ReportAction::kEdit, ctx.caller().role));
        auto resident = tx.residents().FindCurrent(ctx.caller().organization_id);
        if (!resident) {
          return Status::FailedPrecondition(
              "only a registered resident files reports", "NOT_A_RESIDENT",
              {"STATE", FormatName("organizations", ctx.caller().organization_id), "not in the registry of residents"});
        }
        const std::string period = Period(report.year, report.quarter);
        Date end = QuarterEnd(report.year, report.quarter);
        if (!(end < ZoneDateOf(ctx.now()))) {
          return Status::InvalidField("report.quarter", period + " has not ended yet", "QUARTER_NOT_ENDED");
        }
        if (end < resident->registration_date) {
          return Status::InvalidField(
              "report.quarter", period + " ended before registration on " + resident->registration_date.ToString(),
              "QUARTER_BEFORE_REGISTRATION");
        }
        if (auto open = tx.reports().FindInProgress(resident->id, report.year, report.quarter)) {
          return Status::AlreadyExists("the report for " + period + " is already " + FormatName(kReports, open->id),
                                       "REPORT_EXISTS");
        }
        if (tx.reports().MaxVersion(resident->id, report.year, report.quarter) > 0) {
          return Status::AlreadyExists("the report for " + period + " was accepted; file a correction (CorrectReport)",
                                       "REPORT_EXISTS");
        }
        report.resident_id = resident->id;
        report.organization_id = resident->organization_id;
        report.version = 1;
        report.state = ReportState::kDraft;
        report.create_time = report.update_time = ctx.now();
        report.version_counter = 1;
        report.id = tx.reports().Insert(report);
        ctx.Record(FormatName(kReports, report.id), report.organization_id, "report.created", "report for " + period);
        return WithDue(tx, report, ZoneDateOf(ctx.now()));
      },
      std::move(encode), std::move(reply));
}

void ReportingOffice::Update(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                             ReportRecord patch, std::vector<std::string> paths, Encoder<ReportRecord> encode,
                             Reply reply) {
  Status mask = CheckUpdateMask(paths, ReportMaskRules());
  if (!mask.ok()) return reply(mask);
  env_.commands.Run<ReportRecord>(
      caller, std::move(meta),
      [id, etag, patch, paths](CommandContext& ctx) -> Result<ReportRecord> {
        const std::string name = FormatName(kReports, id);
        auto r = ctx.tx().reports().Get(id);
        if (!r || !ctx.caller().MaySee(r->organization_id)) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, r->version_counter, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckReportTransition(name, r->state, ReportAction::kEdit, ctx.caller().role));
        ApplyReportPatch(patch, paths, *r);
        auto violations = ValidateReport(*r, "report");
        if (!violations.empty()) return Status::InvalidArgument(std::move(violations));
        r->update_time = ctx.now();
        r->version_counter += 1;
        ctx.tx().reports().Update(*r);
        ctx.Record(name, r->organization_id, "report.updated", "figures changed");
        return WithDue(ctx.tx(), *r, ZoneDateOf(ctx.now()));
      },
      std::move(encode), std::move(reply));
}

void ReportingOffice::Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                          ReportAction action, std::string comment, Encoder<ReportRecord> encode, Reply reply) {
  if (action == ReportAction::kReturn && comment.empty()) {
    return reply(Status::InvalidField("comment", "say what to fix", "FIELD_REQUIRED"));
  }
  FieldErrors errors;
  errors.CheckText("comment", comment, text_limits::kText);
  if (!errors.empty()) return reply(errors.ToStatus());
  env_.commands.Run<ReportRecord>(
      caller, std::move(meta),
      [id, etag, action, comment](CommandContext& ctx) -> Result<ReportRecord> {
        const std::string name = FormatName(kReports, id);
        auto r = ctx.tx().reports().Get(id);
        if (!r || !ctx.caller().MaySee(r->organization_id)) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, r->version_counter, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckReportTransition(name, r->state, action, ctx.caller().role));
        std::string summary = std::string(ReportStateName(r->state)) + " -> " +
                              ReportStateName(ReportStateAfter(action, r->state)) + " (" + Period(r->year, r->quarter) +
                              " v" + std::to_string(r->version) + ")";
        if (action == ReportAction::kSubmit) r->submit_time = ctx.now();
        if (action == ReportAction::kAccept) r->accept_time = ctx.now();
        if (action == ReportAction::kReturn) r->return_comment = comment;
        r->state = ReportStateAfter(action, r->state);
        r->update_time = ctx.now();
        r->version_counter += 1;
        ctx.tx().reports().Update(*r);
        ctx.Record(name, r->organization_id,
                   std::string("report.") + (action == ReportAction::kSubmit   ? "submitted"
                                             : action == ReportAction::kAccept ? "accepted"
                                                                               : "returned"),
                   summary);
        return WithDue(ctx.tx(), *r, ZoneDateOf(ctx.now()));
      },
      std::move(encode), std::move(reply));
}

void ReportingOffice::Correct(const Caller& caller, CommandMeta meta, std::int64_t id, Encoder<ReportRecord> encode,
                              Reply reply) {
  env_.commands.Run<ReportRecord>(
      caller, std::move(meta),
      [id](CommandContext& ctx) -> Result<ReportRecord> {
        const std::string name = FormatName(kReports, id);
        auto r = ctx.tx().reports().Get(id);
        if (!r || !ctx.caller().MaySee(r->organization_id)) return Status::NotFound(name);
        if (!ctx.caller().is_resident()) return Status::PermissionDenied("only the resident files a correction");
        if (r->state != ReportState::kAccepted) {
          return Status::WrongState(name, ReportStateName(r->state), "only an accepted report is corrected");
        }
        if (auto open = ctx.tx().reports().FindInProgress(r->resident_id, r->year, r->quarter)) {
          return Status::AlreadyExists("a correction is already in progress: " + FormatName(kReports, open->id),
                                       "REPORT_EXISTS");
        }
        if (ctx.tx().reports().MaxVersion(r->resident_id, r->year, r->quarter) != r->version) {
          return Status::FailedPrecondition(name + " has been superseded; correct the latest version",
                                            "REPORT_SUPERSEDED", {"VERSION", name, "not the latest version"});
        }
        ReportRecord correction = *r;
        correction.version = r->version + 1;
        correction.state = ReportState::kDraft;
        correction.corrects_id = r->id;
        correction.return_comment.clear();
        correction.submit_time = correction.accept_time = 0;
        correction.create_time = correction.update_time = ctx.now();
        correction.version_counter = 1;
        correction.id = ctx.tx().reports().Insert(correction);
        ctx.Record(FormatName(kReports, correction.id), r->organization_id, "report.correction_started",
                   "version " + std::to_string(correction.version) + " correcting " + name);
        return WithDue(ctx.tx(), correction, ZoneDateOf(ctx.now()));
      },
      std::move(encode), std::move(reply));
}

Result<Page<OverdueQuarter>> ReportingOffice::Overdue(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{{}, {"period"}, "period", false};
  const Date today = ZoneDateOf(env_.clock.Now());
  return ReadPage<OverdueQuarter>(
      env_, caller, "ListOverdueReports", kSpec, params, ListVisibility::kEveryone,
      [&](Transaction& tx, const ListQuery& query) {
        const int due_days = PolicyOrDefaults(tx, today).report_due_days;
        // The last quarter whose report was due before today.
        int last = QuarterIndexOf(today);
        while (!(ReportDueDate(last / 4, last % 4 + 1, due_days) < today)) --last;
        auto rows = tx.reports().ListOverdue(query, last);
        Page<OverdueQuarter> page;
        page.next = rows.next;
        for (const auto& row : rows.items) {
          page.items.push_back({row.resident_id, row.period / 4, row.period % 4 + 1,
                                ReportDueDate(row.period / 4, row.period % 4 + 1, due_days)});
        }
        return page;
      });
}

Result<ResidentCompliance> ReportingOffice::ComplianceOf(const Caller& caller, std::int64_t resident_id) {
  Date today = ZoneDateOf(env_.clock.Now());
  return ReadValue<ResidentCompliance>(env_.store, [&](Transaction& tx) -> Result<ResidentCompliance> {
    auto r = tx.residents().Get(resident_id);
    if (!r || !caller.MaySee(r->organization_id)) return Status::NotFound(FormatName("residents", resident_id));
    return ResidentCompliance{r->id, ComplianceFor(tx, *r, today, PolicyOrDefaults(tx, today))};
  });
}

Result<Page<ResidentCompliance>> ReportingOffice::ListCompliance(const Caller& caller, const ListParams& params,
                                                                 ComplianceStatus only) {
  static const ListSpec kSpec{{}, {"registry_number"}, "registry_number", false};
  const Date today = ZoneDateOf(env_.clock.Now());
  return ReadPage<ResidentCompliance>(
      env_, caller, "ListResidentCompliance|" + std::to_string(static_cast<int>(only)), kSpec, params,
      ListVisibility::kOwnOrganization,
      [&](Transaction& tx, const ListQuery& query) { return CompliancePage(tx, query, only, today); });
}

namespace reporting_seam {

AcceptedFigures FiguresAsOf(Transaction& tx, std::int64_t resident_id, const Date& date) {
  int period = QuarterIndexOf(date);
  if (!(QuarterEnd(period / 4, period % 4 + 1) <= date)) --period;  // that quarter has not ended yet
  return tx.reports().Accepted(resident_id, period / 4, period % 4 + 1);
}

}  // namespace reporting_seam

}  // namespace biopolis
