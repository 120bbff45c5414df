// The domain's records: plain structs that the rules operate on and the
// storage layer persists. Enum numbering equals the public proto enums, so
// the service layer converts by value after validating the range.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/core/caller.h"
#include "services/core/clock.h"
#include "services/core/date.h"

namespace biopolis {

enum class OrganizationKind { kUnspecified = 0, kLegalEntity = 1, kIndividualEntrepreneur = 2 };

struct OrganizationRecord {
  std::int64_t id = 0;
  OrganizationKind kind = OrganizationKind::kUnspecified;
  std::string inn;
  std::string ogrn;
  std::string kpp;
  std::string full_name;
  std::string short_name;
  std::string legal_address;
  std::string contact_person;
  std::string contact_email;
  std::string contact_phone;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

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

enum class ExpertOpinion { kUnspecified = 0, kPositive = 1, kNegative = 2 };
enum class RejectionGround {
  kUnspecified = 0,
  kImproperApplication = 1,
  kActivityNotPermitted = 2,
  kNoMatchingProperty = 3,
  kNegativeExpertOpinion = 4,
  kPolicyNotMet = 5,
};

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
  TimeMicros submit_time = 0;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

struct CommitmentRecord {
  Date due_date;
  std::int64_t investment_kopecks = 0;
  std::int32_t jobs = 0;
};

enum class ResidentState { kUnspecified = 0, kActive = 1, kUnderRemedy = 2, kTerminated = 3 };
enum class TerminationGround {
  kUnspecified = 0,
  kMutualAgreement = 1,
  kCourtDecision = 2,
  kLiquidation = 3,
  kZoneTermEnded = 4,
};

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
};

struct PolicyRecord {
  std::int64_t version = 0;
  Date effective_from;
  std::int64_t min_investment_kopecks = 0;
  std::int64_t min_investment_3y_kopecks = 0;
  std::vector<std::string> allowed_okved_prefixes;
  std::int32_t info_request_days = 0;
  std::string description;
  TimeMicros create_time = 0;
};

struct ApiKeyRecord {
  std::int64_t id = 0;
  std::string display_name;
  Role role = Role::kUnspecified;
  std::int64_t organization_id = 0;
  std::string key_hash;
  std::string key_prefix;
  TimeMicros expire_time = 0;  // 0 = never
  TimeMicros create_time = 0;
  TimeMicros revoke_time = 0;  // 0 = not revoked
};

struct AuditRecord {
  std::int64_t sequence = 0;
  std::string actor;
  Role actor_role = Role::kUnspecified;
  std::string action;
  std::string resource;
  std::string request_id;
  std::string summary;
  TimeMicros create_time = 0;
};

struct EventRecord {
  std::int64_t sequence = 0;
  std::string type;  // e.g. "application.submitted"
  std::string resource;
  std::int64_t organization_id = 0;  // whose business it is; 0 = zone-wide
  std::string summary;
  TimeMicros create_time = 0;
};

struct IdempotencyRecord {
  std::string principal;
  std::string request_id;
  std::string fingerprint;
  std::string response;
  TimeMicros create_time = 0;
};

}  // namespace biopolis
