// Residents' periodic reports on investment and jobs, and the zone's totals.
// Plain records: the rules operate on them, storage persists them. Enum
// numbering equals the public proto enums (tied by static_asserts in
// services/api/).
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/date.h"
#include "core/enum_table.h"

namespace biopolis {

enum class ReportState { kUnspecified = 0, kDraft = 1, kSubmitted = 2, kAccepted = 3, kReturned = 4 };

// Each value's public name (core/enum_table.h).
inline constexpr auto kReportStates =
    MakeEnumTable<ReportState>("STATE_UNSPECIFIED", {{ReportState::kDraft, "STATE_DRAFT"},
                                                     {ReportState::kSubmitted, "STATE_SUBMITTED"},
                                                     {ReportState::kAccepted, "STATE_ACCEPTED"},
                                                     {ReportState::kReturned, "STATE_RETURNED"}});

// Filed: the resident has handed the quarter's report in.
inline constexpr ReportState kFiledReportStates[] = {ReportState::kSubmitted, ReportState::kAccepted};

struct ReportRecord {
  std::int64_t id = 0;
  std::int64_t resident_id = 0;
  std::int64_t organization_id = 0;
  std::int32_t year = 0;
  std::int32_t quarter = 0;
  std::int32_t version = 0;
  ReportState state = ReportState::kUnspecified;
  std::int64_t investment_kopecks = 0;
  std::int64_t capex_kopecks = 0;
  std::int32_t jobs_at_period_end = 0;
  std::int64_t revenue_kopecks = 0;
  std::int64_t taxes_paid_kopecks = 0;
  std::int64_t tax_benefits_used_kopecks = 0;
  std::string return_comment;
  std::int64_t corrects_id = 0;
  TimeMicros submit_time = 0;
  TimeMicros accept_time = 0;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version_counter = 0;  // the etag's version (the row's, not the report's)
  // Derived, not stored: quarter end + the policy's report days.
  Date due_date;
};

// A quarter whose report a resident has not filed (neither submitted nor
// accepted), by quarter index (core/date.h QuarterIndex).
struct OverdueQuarterRow {
  std::int64_t resident_id = 0;
  int period = 0;
};

// What accepted reports say about a resident up to a quarter.
struct AcceptedFigures {
  std::int64_t investment_kopecks = 0;  // sum of the current versions
  std::int32_t jobs = 0;                // of the latest quarter
  bool any = false;
};

// Zone-wide aggregates for the dashboard.
struct ZoneTotals {
  std::int64_t residents_by_state[4] = {0, 0, 0, 0};  // index = ResidentState
  std::int64_t investment_committed_kopecks = 0;
  std::int64_t jobs_planned = 0;
  std::int64_t investment_made_kopecks = 0;
  std::int64_t jobs_created = 0;
  std::int64_t support_budget_kopecks = 0;
  std::int64_t support_committed_kopecks = 0;
  std::int64_t support_disbursed_kopecks = 0;
};

}  // namespace biopolis
