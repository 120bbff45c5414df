// Resource names ("applications/42"): the one place that formats and parses them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace biopolis {

// "collection/id".
std::string FormatName(std::string_view collection, std::int64_t id);

// Parses "collection/{positive id}". On failure, INVALID_ARGUMENT with a
// violation on `field` that shows the expected format.
Result<std::int64_t> ParseName(std::string_view name, std::string_view collection, std::string_view field);

}  // namespace biopolis
