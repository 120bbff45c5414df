#include "services/reporting/report_rules.h"

#include "core/patch_table.h"
#include "core/state_machine.h"
#include "core/value_limits.h"

namespace biopolis {

const char* ReportStateName(ReportState state) { return kReportStates.Name(state); }

namespace {
using S = ReportState;
using A = ReportAction;

const char* ActionName(ReportAction action) {
  switch (action) {
    case A::kEdit:
      return "edit";
    case A::kSubmit:
      return "submit";
    case A::kAccept:
      return "accept";
    case A::kReturn:
      return "return";
  }
  return "act on";
}

const std::vector<StateTransition<S, A>>& Table() {
  static const std::vector<StateTransition<S, A>> kTable = {
      {A::kEdit, {S::kDraft, S::kReturned}, S::kUnspecified, {Role::kResident}},  // kEdit keeps the state
      {A::kSubmit, {S::kDraft, S::kReturned}, S::kSubmitted, {Role::kResident}},
      {A::kAccept, {S::kSubmitted}, S::kAccepted, {Role::kOfficer}},
      {A::kReturn, {S::kSubmitted}, S::kReturned, {Role::kOfficer}},
  };
  return kTable;
}
}  // namespace

Status CheckReportTransition(const std::string& name, ReportState from, ReportAction action, Role role) {
  return CheckStateTransition(Table(), {"a report", ReportStateName, ActionName}, name, from, action, role);
}

ReportState ReportStateAfter(ReportAction action, ReportState from) {
  return action == A::kEdit ? from : TransitionOf(Table(), action).to;
}

Date QuarterEnd(int year, int quarter) {
  // The day before the next quarter starts.
  Date next = quarter == 4 ? Date{year + 1, 1, 1} : Date{year, quarter * 3 + 1, 1};
  return next.AddDays(-1);
}

Date ReportDueDate(int year, int quarter, int due_days) { return QuarterEnd(year, quarter).AddDays(due_days); }

std::vector<FieldViolation> ValidateReport(const ReportRecord& r, const std::string& prefix) {
  FieldErrors errors;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  if (r.year < 2000 || r.year > 2100) errors.Add(f + "year", "must be between 2000 and 2100", "VALUE_OUT_OF_RANGE");
  if (r.quarter < 1 || r.quarter > 4) errors.Add(f + "quarter", "must be 1, 2, 3 or 4", "VALUE_OUT_OF_RANGE");
  auto money = [&](const char* field, std::int64_t v) {
    if (v < 0 || v > value_limits::kMaxKopecks)
      errors.Add(f + field, "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
  };
  money("investment_kopecks", r.investment_kopecks);
  money("capex_kopecks", r.capex_kopecks);
  money("revenue_kopecks", r.revenue_kopecks);
  money("taxes_paid_kopecks", r.taxes_paid_kopecks);
  money("tax_benefits_used_kopecks", r.tax_benefits_used_kopecks);
  if (r.capex_kopecks > r.investment_kopecks && r.capex_kopecks >= 0) {
    errors.Add(f + "capex_kopecks", "capital expenditure is part of the investment and cannot exceed it",
               "INCONSISTENT_FIGURES");
  }
  if (r.jobs_at_period_end < 0 || r.jobs_at_period_end > value_limits::kMaxJobs) {
    errors.Add(f + "jobs_at_period_end", "must be between 0 and 1000000", "VALUE_OUT_OF_RANGE");
  }
  return errors.violations();
}

namespace {

using ReportFields = PatchTable<ReportRecord>;
const ReportFields& Fields() {
  static const ReportFields kFields({
      ReportFields::Member("investment_kopecks", &ReportRecord::investment_kopecks),
      ReportFields::Member("capex_kopecks", &ReportRecord::capex_kopecks),
      ReportFields::Member("jobs_at_period_end", &ReportRecord::jobs_at_period_end),
      ReportFields::Member("revenue_kopecks", &ReportRecord::revenue_kopecks),
      ReportFields::Member("taxes_paid_kopecks", &ReportRecord::taxes_paid_kopecks),
      ReportFields::Member("tax_benefits_used_kopecks", &ReportRecord::tax_benefits_used_kopecks),
  });
  return kFields;
}

}  // namespace

MaskRules ReportMaskRules() {
  MaskRules rules;
  rules.updatable = Fields().Paths();
  rules.immutable = {"year", "quarter"};
  rules.output_only = {"name",     "resident",    "version",     "state",       "return_comment", "corrects",
                       "due_date", "submit_time", "accept_time", "create_time", "update_time",    "etag"};
  return rules;
}

void ApplyReportPatch(const ReportRecord& patch, const std::vector<std::string>& paths, ReportRecord& t) {
  Fields().Apply(patch, paths, t);
}

Compliance ComputeCompliance(const ResidentRecord& resident, const Date& today, int tolerance_percent,
                             const std::function<AcceptedFigures(const Date&)>& figures_as_of) {
  Compliance c;
  AcceptedFigures now = figures_as_of(today);
  c.investment_made_kopecks = now.investment_kopecks;
  c.jobs = now.jobs;
  Date previous_date = resident.registration_date;
  std::int64_t previous_investment = 0;
  std::int32_t previous_jobs = 0;
  for (const auto& commitment : resident.commitments) {
    if (commitment.due_date < today) {
      AcceptedFigures then = figures_as_of(commitment.due_date);
      if (then.investment_kopecks < commitment.investment_kopecks || then.jobs < commitment.jobs) {
        c.missed.push_back(commitment);
      }
      previous_date = commitment.due_date;
      previous_investment = commitment.investment_kopecks;
      previous_jobs = commitment.jobs;
      continue;
    }
    if (!c.next_commitment) {
      c.next_commitment = commitment;
      double span = static_cast<double>(commitment.due_date.ToDays() - previous_date.ToDays());
      double elapsed = static_cast<double>(today.ToDays() - previous_date.ToDays());
      double fraction = span <= 0 ? 1.0 : std::clamp(elapsed / span, 0.0, 1.0);
      c.expected_investment_kopecks =
          previous_investment +
          static_cast<std::int64_t>(static_cast<double>(commitment.investment_kopecks - previous_investment) *
                                    fraction);
      c.expected_jobs = previous_jobs + static_cast<std::int32_t>((commitment.jobs - previous_jobs) * fraction);
    }
  }
  if (!c.missed.empty()) {
    c.status = ComplianceStatus::kBreached;
  } else if (c.next_commitment &&
             (c.investment_made_kopecks * 100 < c.expected_investment_kopecks * (100 - tolerance_percent) ||
              static_cast<std::int64_t>(c.jobs) * 100 <
                  static_cast<std::int64_t>(c.expected_jobs) * (100 - tolerance_percent))) {
    c.status = ComplianceStatus::kAtRisk;
  } else {
    c.status = ComplianceStatus::kOnTrack;
  }
  return c;
}

}  // namespace biopolis
