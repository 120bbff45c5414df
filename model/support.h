// Support measures (tax benefits, subsidies, grants, ...), residents' requests
// for them and their disbursements.
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
#include "model/document.h"

namespace biopolis {

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

// Each value's public name (core/enum_table.h).
inline constexpr auto kSupportKinds =
    MakeEnumTable<SupportKind>("KIND_UNSPECIFIED", {{SupportKind::kTaxBenefit, "KIND_TAX_BENEFIT"},
                                                    {SupportKind::kSubsidy, "KIND_SUBSIDY"},
                                                    {SupportKind::kGrant, "KIND_GRANT"},
                                                    {SupportKind::kRentDiscount, "KIND_RENT_DISCOUNT"},
                                                    {SupportKind::kCertificationSupport, "KIND_CERTIFICATION_SUPPORT"},
                                                    {SupportKind::kPromotionSupport, "KIND_PROMOTION_SUPPORT"},
                                                    {SupportKind::kConsulting, "KIND_CONSULTING"}});

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
  // Kinds a request for the measure needs among its documents before it is submitted.
  std::vector<DocumentKind> required_documents;
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

// Each value's public name (core/enum_table.h).
inline constexpr auto kSupportRequestStates = MakeEnumTable<SupportRequestState>(
    "STATE_UNSPECIFIED", {{SupportRequestState::kDraft, "STATE_DRAFT"},
                          {SupportRequestState::kSubmitted, "STATE_SUBMITTED"},
                          {SupportRequestState::kUnderReview, "STATE_UNDER_REVIEW"},
                          {SupportRequestState::kInfoRequested, "STATE_INFO_REQUESTED"},
                          {SupportRequestState::kApproved, "STATE_APPROVED"},
                          {SupportRequestState::kRejected, "STATE_REJECTED"},
                          {SupportRequestState::kDisbursed, "STATE_DISBURSED"},
                          {SupportRequestState::kClosed, "STATE_CLOSED"},
                          {SupportRequestState::kWithdrawn, "STATE_WITHDRAWN"}});

// Open: not yet decided against or finished. A terminated resident's open
// requests are closed (support_seam::CloseRequestsOf).
inline constexpr SupportRequestState kOpenSupportRequestStates[] = {
    SupportRequestState::kDraft,         SupportRequestState::kSubmitted, SupportRequestState::kUnderReview,
    SupportRequestState::kInfoRequested, SupportRequestState::kApproved,  SupportRequestState::kDisbursed};

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

}  // namespace biopolis
