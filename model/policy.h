// A version of the zone's policy (thresholds, permitted activities, periods).
// Plain records: the rules operate on them, storage persists them. Enum
// numbering equals the public proto enums (tied by static_asserts in
// services/api/).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "model/document.h"

namespace biopolis {

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
  // Kinds an application needs among its documents before it is submitted.
  std::vector<DocumentKind> required_application_documents;
};

}  // namespace biopolis
