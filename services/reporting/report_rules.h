// Rules of periodic reports and of compliance with commitments.
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/caller.h"
#include "core/enum_table.h"
#include "core/field_mask.h"
#include "core/status.h"
#include "model/reporting.h"
#include "model/resident.h"

namespace biopolis {

enum class ReportAction { kEdit, kSubmit, kAccept, kReturn };

const char* ReportStateName(ReportState state);
Status CheckReportTransition(const std::string& name, ReportState from, ReportAction action, Role role);
ReportState ReportStateAfter(ReportAction action, ReportState from);

// The last day of a quarter.
Date QuarterEnd(int year, int quarter);
// Quarter end plus `due_days`.
Date ReportDueDate(int year, int quarter, int due_days);

// Figures and period; `prefix` names the message in violations.
std::vector<FieldViolation> ValidateReport(const ReportRecord& report, const std::string& prefix);
MaskRules ReportMaskRules();
void ApplyReportPatch(const ReportRecord& patch, const std::vector<std::string>& paths, ReportRecord& target);

enum class ComplianceStatus { kUnspecified = 0, kOnTrack = 1, kAtRisk = 2, kBreached = 3 };

// Each value's public name (core/enum_table.h).
inline constexpr auto kComplianceStatuses = MakeEnumTable<ComplianceStatus>(
    "COMPLIANCE_STATUS_UNSPECIFIED", {{ComplianceStatus::kOnTrack, "COMPLIANCE_STATUS_ON_TRACK"},
                                      {ComplianceStatus::kAtRisk, "COMPLIANCE_STATUS_AT_RISK"},
                                      {ComplianceStatus::kBreached, "COMPLIANCE_STATUS_BREACHED"}});

struct Compliance {
  ComplianceStatus status = ComplianceStatus::kUnspecified;
  std::int64_t investment_made_kopecks = 0;
  std::int32_t jobs = 0;
  std::optional<CommitmentRecord> next_commitment;
  std::int64_t expected_investment_kopecks = 0;
  std::int32_t expected_jobs = 0;
  std::vector<CommitmentRecord> missed;
};

// Compares accepted figures with the agreement's dated commitments:
// BREACHED when a commitment's date passed with its figures not reached (as of
// that date); AT_RISK when behind the linear path from the previous
// commitment (or registration) to the next by more than `tolerance_percent`;
// ON_TRACK otherwise. `figures_as_of(date)` returns the accepted figures for
// quarters ended by `date`.
Compliance ComputeCompliance(const ResidentRecord& resident, const Date& today, int tolerance_percent,
                             const std::function<AcceptedFigures(const Date&)>& figures_as_of);

}  // namespace biopolis
