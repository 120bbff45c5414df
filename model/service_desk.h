// The one-stop shop: service types, service requests and their messages.
// Plain records: the rules operate on them, storage persists them. Enum
// numbering equals the public proto enums (tied by static_asserts in
// services/api/).
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/enum_table.h"

namespace biopolis {

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

// Each value's public name (core/enum_table.h).
inline constexpr auto kServiceCategories = MakeEnumTable<ServiceCategory>(
    "SERVICE_CATEGORY_UNSPECIFIED", {{ServiceCategory::kCertification, "SERVICE_CATEGORY_CERTIFICATION"},
                                     {ServiceCategory::kProductRegistration, "SERVICE_CATEGORY_PRODUCT_REGISTRATION"},
                                     {ServiceCategory::kPromotion, "SERVICE_CATEGORY_PROMOTION"},
                                     {ServiceCategory::kPermits, "SERVICE_CATEGORY_PERMITS"},
                                     {ServiceCategory::kCustoms, "SERVICE_CATEGORY_CUSTOMS"},
                                     {ServiceCategory::kInfrastructure, "SERVICE_CATEGORY_INFRASTRUCTURE"},
                                     {ServiceCategory::kOther, "SERVICE_CATEGORY_OTHER"}});

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

// Each value's public name (core/enum_table.h).
inline constexpr auto kServiceRequestStates = MakeEnumTable<ServiceRequestState>(
    "STATE_UNSPECIFIED", {{ServiceRequestState::kNew, "STATE_NEW"},
                          {ServiceRequestState::kInProgress, "STATE_IN_PROGRESS"},
                          {ServiceRequestState::kWaitingForResident, "STATE_WAITING_FOR_RESIDENT"},
                          {ServiceRequestState::kResolved, "STATE_RESOLVED"},
                          {ServiceRequestState::kClosed, "STATE_CLOSED"},
                          {ServiceRequestState::kReopened, "STATE_REOPENED"},
                          {ServiceRequestState::kCancelled, "STATE_CANCELLED"}});

// The states in which a request's SLA clock runs (and it can be overdue).
inline constexpr ServiceRequestState kSlaRunningStates[] = {ServiceRequestState::kNew, ServiceRequestState::kInProgress,
                                                            ServiceRequestState::kReopened};

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

}  // namespace biopolis
