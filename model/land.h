// The zone's land plots and their leases.
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

enum class PlotState { kUnspecified = 0, kAvailable = 1, kReserved = 2, kLeased = 3, kUnavailable = 4, kRetired = 5 };
constexpr int kPlotStateCount = 6;

// Each value's public name (core/enum_table.h).
inline constexpr auto kPlotStates =
    MakeEnumTable<PlotState>("STATE_UNSPECIFIED", {{PlotState::kAvailable, "STATE_AVAILABLE"},
                                                   {PlotState::kReserved, "STATE_RESERVED"},
                                                   {PlotState::kLeased, "STATE_LEASED"},
                                                   {PlotState::kUnavailable, "STATE_UNAVAILABLE"},
                                                   {PlotState::kRetired, "STATE_RETIRED"}});
enum class PermittedUse {
  kUnspecified = 0,
  kProduction = 1,
  kLaboratory = 2,
  kWarehouse = 3,
  kOffice = 4,
  kUtility = 5
};

// Each value's public name (core/enum_table.h).
inline constexpr auto kPermittedUses =
    MakeEnumTable<PermittedUse>("PERMITTED_USE_UNSPECIFIED", {{PermittedUse::kProduction, "PERMITTED_USE_PRODUCTION"},
                                                              {PermittedUse::kLaboratory, "PERMITTED_USE_LABORATORY"},
                                                              {PermittedUse::kWarehouse, "PERMITTED_USE_WAREHOUSE"},
                                                              {PermittedUse::kOffice, "PERMITTED_USE_OFFICE"},
                                                              {PermittedUse::kUtility, "PERMITTED_USE_UTILITY"}});

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

// Each value's public name (core/enum_table.h).
inline constexpr auto kLeaseStates =
    MakeEnumTable<LeaseState>("STATE_UNSPECIFIED", {{LeaseState::kActive, "STATE_ACTIVE"},
                                                    {LeaseState::kTerminated, "STATE_TERMINATED"},
                                                    {LeaseState::kExpired, "STATE_EXPIRED"}});

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

}  // namespace biopolis
