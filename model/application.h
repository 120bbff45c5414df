// An application for resident status and its review.
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

enum class ApplicationState {
  kUnspecified = 0,
  kDraft = 1,
  kSubmitted = 2,
  kUnderReview = 3,
  kInfoRequested = 4,
  kAtExpertCouncil = 5,
  kApproved = 6,
  kRejected = 7,
  kWithdrawn = 8,
  kLapsed = 9,
  kRegistered = 10,
};
constexpr int kApplicationStateCount = 11;

// Each value's public name (core/enum_table.h).
inline constexpr auto kApplicationStates = MakeEnumTable<ApplicationState>(
    "STATE_UNSPECIFIED", {{ApplicationState::kDraft, "STATE_DRAFT"},
                          {ApplicationState::kSubmitted, "STATE_SUBMITTED"},
                          {ApplicationState::kUnderReview, "STATE_UNDER_REVIEW"},
                          {ApplicationState::kInfoRequested, "STATE_INFO_REQUESTED"},
                          {ApplicationState::kAtExpertCouncil, "STATE_AT_EXPERT_COUNCIL"},
                          {ApplicationState::kApproved, "STATE_APPROVED"},
                          {ApplicationState::kRejected, "STATE_REJECTED"},
                          {ApplicationState::kWithdrawn, "STATE_WITHDRAWN"},
                          {ApplicationState::kLapsed, "STATE_LAPSED"},
                          {ApplicationState::kRegistered, "STATE_REGISTERED"}});

// Live: still in progress. An organization has at most one live application
// (a unique partial index on the states' range).
inline constexpr ApplicationState kLiveApplicationStates[] = {
    ApplicationState::kDraft,         ApplicationState::kSubmitted,       ApplicationState::kUnderReview,
    ApplicationState::kInfoRequested, ApplicationState::kAtExpertCouncil, ApplicationState::kApproved};

enum class ExpertOpinion { kUnspecified = 0, kPositive = 1, kNegative = 2 };

// Each value's public name (core/enum_table.h).
inline constexpr auto kExpertOpinions = MakeEnumTable<ExpertOpinion>(
    "EXPERT_OPINION_UNSPECIFIED",
    {{ExpertOpinion::kPositive, "EXPERT_OPINION_POSITIVE"}, {ExpertOpinion::kNegative, "EXPERT_OPINION_NEGATIVE"}});
enum class RejectionGround {
  kUnspecified = 0,
  kImproperApplication = 1,
  kActivityNotPermitted = 2,
  kNoMatchingProperty = 3,
  kNegativeExpertOpinion = 4,
  kPolicyNotMet = 5,
};

// Each value's public name (core/enum_table.h).
inline constexpr auto kRejectionGrounds = MakeEnumTable<RejectionGround>(
    "REJECTION_GROUND_UNSPECIFIED",
    {{RejectionGround::kImproperApplication, "REJECTION_GROUND_IMPROPER_APPLICATION"},
     {RejectionGround::kActivityNotPermitted, "REJECTION_GROUND_ACTIVITY_NOT_PERMITTED"},
     {RejectionGround::kNoMatchingProperty, "REJECTION_GROUND_NO_MATCHING_PROPERTY"},
     {RejectionGround::kNegativeExpertOpinion, "REJECTION_GROUND_NEGATIVE_EXPERT_OPINION"},
     {RejectionGround::kPolicyNotMet, "REJECTION_GROUND_POLICY_NOT_MET"}});

struct ApplicationRecord {
  std::int64_t id = 0;
  std::int64_t organization_id = 0;
  ApplicationState state = ApplicationState::kUnspecified;
  std::string project_name;
  std::string project_description;
  std::vector<std::string> okved_codes;
  std::int64_t planned_investment_kopecks = 0;
  std::int64_t planned_investment_3y_kopecks = 0;
  std::int32_t planned_jobs = 0;
  std::int64_t requested_land_area_m2 = 0;
  Date planned_start_date;
  Date planned_completion_date;
  std::int64_t policy_version = 0;
  std::string info_request_text;
  TimeMicros info_request_deadline = 0;
  std::string info_response_text;
  ExpertOpinion expert_opinion = ExpertOpinion::kUnspecified;
  std::string expert_opinion_summary;
  std::string approval_comment;
  RejectionGround rejection_ground = RejectionGround::kUnspecified;
  std::string rejection_explanation;
  std::string withdrawal_reason;
  std::int64_t resident_id = 0;
  std::vector<std::int64_t> requested_plot_ids;
  TimeMicros submit_time = 0;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

}  // namespace biopolis
