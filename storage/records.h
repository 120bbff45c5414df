// The domain's records: plain structs that the rules operate on and the
// storage layer persists. Enum numbering equals the public proto enums, so
// the service layer converts by value after validating the range.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/core/audit_chain.h"
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
  std::vector<std::int64_t> requested_plot_ids;
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
  std::int32_t reservation_days = 90;
  std::int32_t report_due_days = 30;
  std::int32_t compliance_tolerance_percent = 20;
  std::string description;
  TimeMicros create_time = 0;
};

enum class PlotState { kUnspecified = 0, kAvailable = 1, kReserved = 2, kLeased = 3, kUnavailable = 4, kRetired = 5 };
constexpr int kPlotStateCount = 6;
enum class PermittedUse {
  kUnspecified = 0,
  kProduction = 1,
  kLaboratory = 2,
  kWarehouse = 3,
  kOffice = 4,
  kUtility = 5
};

struct UtilityCapacity {
  std::int64_t power_kw = 0;
  std::int64_t water_m3_per_day = 0;
  std::int64_t gas_m3_per_hour = 0;
  std::int64_t sewage_m3_per_day = 0;
};

struct PlotRecord {
  std::int64_t id = 0;
  std::string cadastral_number;
  std::string site;
  std::int64_t area_m2 = 0;
  PermittedUse permitted_use = PermittedUse::kUnspecified;
  UtilityCapacity capacity;
  bool has_location = false;
  double latitude = 0;
  double longitude = 0;
  std::string notes;
  PlotState state = PlotState::kUnspecified;
  std::string block_reason;
  std::int64_t reserved_application_id = 0;
  TimeMicros reserve_time = 0;
  TimeMicros reservation_expire_time = 0;
  std::vector<std::int64_t> predecessor_ids;
  std::vector<std::int64_t> successor_ids;
  // Joined, read-only: whose business the holding is.
  std::int64_t reservation_organization_id = 0;
  std::int64_t lease_id = 0;
  Date lease_end_date;
  std::int64_t lease_organization_id = 0;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

enum class LeaseState { kUnspecified = 0, kActive = 1, kTerminated = 2, kExpired = 3 };

struct LeaseRecord {
  std::int64_t id = 0;
  std::int64_t plot_id = 0;
  std::int64_t resident_id = 0;
  std::int64_t organization_id = 0;
  Date start_date;
  Date end_date;
  std::int64_t annual_rent_kopecks = 0;
  std::string agreement_number;
  LeaseState state = LeaseState::kUnspecified;
  std::string termination_reason;
  Date end_of_use_date;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

struct LandTotals {
  std::int64_t plots = 0;
  std::int64_t area_m2 = 0;
  UtilityCapacity capacity;
};

// ---- Support measures ----

enum class SupportKind {
  kUnspecified = 0,
  kTaxBenefit = 1,
  kSubsidy = 2,
  kGrant = 3,
  kRentDiscount = 4,
  kCertificationSupport = 5,
  kPromotionSupport = 6,
  kConsulting = 7,
};

struct SupportEligibility {
  bool require_active_status = false;
  std::int64_t min_investment_made_kopecks = 0;
  std::vector<std::string> okved_prefixes;
  bool require_no_open_violation = false;
};

struct SupportMeasureRecord {
  std::int64_t id = 0;
  SupportKind kind = SupportKind::kUnspecified;
  std::string title;
  std::string description;
  std::string legal_basis;
  SupportEligibility eligibility;
  Date open_from;
  Date open_until;  // empty = open-ended
  std::int64_t total_budget_kopecks = 0;
  std::int64_t cap_per_resident_kopecks = 0;
  std::int64_t committed_kopecks = 0;
  std::int64_t disbursed_kopecks = 0;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

enum class SupportRequestState {
  kUnspecified = 0,
  kDraft = 1,
  kSubmitted = 2,
  kUnderReview = 3,
  kInfoRequested = 4,
  kApproved = 5,
  kRejected = 6,
  kDisbursed = 7,
  kClosed = 8,
  kWithdrawn = 9,
};
constexpr int kSupportRequestStateCount = 10;

struct DisbursementRecord {
  std::int64_t amount_kopecks = 0;
  Date date;
  std::string reference;
};

struct SupportRequestRecord {
  std::int64_t id = 0;
  std::int64_t measure_id = 0;
  std::int64_t resident_id = 0;
  std::int64_t organization_id = 0;
  std::int64_t requested_kopecks = 0;
  std::string purpose;
  std::string justification;
  SupportRequestState state = SupportRequestState::kUnspecified;
  std::string info_request;
  std::string info_response;
  std::int64_t granted_kopecks = 0;
  std::int64_t disbursed_kopecks = 0;
  std::vector<DisbursementRecord> disbursements;
  std::string decision_reason;
  TimeMicros submit_time = 0;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

// ---- The one-stop shop ----

enum class ServiceCategory {
  kUnspecified = 0,
  kCertification = 1,
  kProductRegistration = 2,
  kPromotion = 3,
  kPermits = 4,
  kCustoms = 5,
  kInfrastructure = 6,
  kOther = 7,
};

struct ServiceTypeRecord {
  std::int64_t id = 0;
  std::string title;
  std::string description;
  ServiceCategory category = ServiceCategory::kUnspecified;
  std::string responsible_unit;
  std::int32_t sla_working_days = 0;
  bool inactive = false;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

enum class ServiceRequestState {
  kUnspecified = 0,
  kNew = 1,
  kInProgress = 2,
  kWaitingForResident = 3,
  kResolved = 4,
  kClosed = 5,
  kReopened = 6,
  kCancelled = 7,
};

struct ServiceRequestRecord {
  std::int64_t id = 0;
  std::int64_t service_type_id = 0;
  std::int64_t organization_id = 0;
  std::string description;
  ServiceRequestState state = ServiceRequestState::kUnspecified;
  std::string assignee;  // "apiKeys/{id}" or ""
  TimeMicros due_time = 0;
  TimeMicros paused_at = 0;  // set while waiting for the resident
  std::string outcome;
  TimeMicros resolve_time = 0;
  bool resolved_within_sla = false;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
};

struct ServiceMessageRecord {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::string author;
  bool from_resident = false;
  std::string text;
  TimeMicros create_time = 0;
};

struct ServiceDeskTotals {
  std::int64_t opened = 0;
  std::int64_t resolved = 0;
  std::int64_t median_seconds_to_resolve = 0;
  std::int64_t resolved_within_sla = 0;
  std::int64_t currently_overdue = 0;
};

// ---- Periodic reports ----

enum class ReportState { kUnspecified = 0, kDraft = 1, kSubmitted = 2, kAccepted = 3, kReturned = 4 };

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
  std::string previous_hash;
  std::string hash;
};

// The fields of an audit record that its hash covers (services/core/audit_chain.h).
inline AuditContent AuditContentOf(const AuditRecord& r) {
  return AuditContent{
      .sequence = r.sequence,
      .actor = r.actor,
      .actor_role = static_cast<int>(r.actor_role),
      .action = r.action,
      .resource = r.resource,
      .request_id = r.request_id,
      .summary = r.summary,
      .create_time_micros = r.create_time,
      .previous_hash = r.previous_hash,
      .hash = r.hash,
  };
}

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
