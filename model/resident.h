// A registry entry of a resident: its agreement, commitments, violations and
// termination.
// Plain records: the rules operate on them, storage persists them. Enum
// numbering equals the public proto enums (tied by static_asserts in
// services/api/).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/enum_table.h"

namespace biopolis {

struct CommitmentRecord {
  Date due_date;
  std::int64_t investment_kopecks = 0;
  std::int32_t jobs = 0;
};

enum class ResidentState { kUnspecified = 0, kActive = 1, kUnderRemedy = 2, kTerminated = 3 };

// Each value's public name (core/enum_table.h).
inline constexpr auto kResidentStates =
    MakeEnumTable<ResidentState>("STATE_UNSPECIFIED", {{ResidentState::kActive, "STATE_ACTIVE"},
                                                       {ResidentState::kUnderRemedy, "STATE_UNDER_REMEDY"},
                                                       {ResidentState::kTerminated, "STATE_TERMINATED"}});
enum class TerminationGround {
  kUnspecified = 0,
  kMutualAgreement = 1,
  kCourtDecision = 2,
  kLiquidation = 3,
  kZoneTermEnded = 4,
};

// Each value's public name (core/enum_table.h).
inline constexpr auto kTerminationGrounds = MakeEnumTable<TerminationGround>(
    "TERMINATION_GROUND_UNSPECIFIED", {{TerminationGround::kMutualAgreement, "TERMINATION_GROUND_MUTUAL_AGREEMENT"},
                                       {TerminationGround::kCourtDecision, "TERMINATION_GROUND_COURT_DECISION"},
                                       {TerminationGround::kLiquidation, "TERMINATION_GROUND_LIQUIDATION"},
                                       {TerminationGround::kZoneTermEnded, "TERMINATION_GROUND_ZONE_TERM_ENDED"}});

struct ResidentRecord {
  std::int64_t id = 0;
  std::int64_t organization_id = 0;
  std::int64_t application_id = 0;
  std::string registry_number;
  std::string agreement_number;
  Date agreement_date;
  Date registration_date;
  std::vector<CommitmentRecord> commitments;
  ResidentState state = ResidentState::kUnspecified;
  std::string violation_description;
  Date violation_cure_by;
  TimeMicros violation_issue_time = 0;
  TimeMicros violation_cure_time = 0;
  std::string violation_cure_note;
  TerminationGround termination_ground = TerminationGround::kUnspecified;
  Date termination_date;
  std::string termination_explanation;
  // Joined from the organization, read-only.
  std::string organization_display_name;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
  // Written to the history with each Insert/Update: when this content took
  // effect (a termination: the start of its effective date). 0: at
  // update_time. Not read back from the current row.
  TimeMicros effective_time = 0;
};

// A version of a registry entry from its history: the entry as it stood from
// `effective_time`, recorded at `record_time`; `entry.version` numbers it and
// `entry.organization_display_name` is the organization's name at that time.
struct ResidentVersionRecord {
  ResidentRecord entry;
  TimeMicros effective_time = 0;
  TimeMicros record_time = 0;
};

}  // namespace biopolis
