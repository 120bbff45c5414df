// Etags for optimistic concurrency: derived from a record's version counter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace biopolis {

std::string FormatEtag(std::int64_t version);

// OK when `given` is empty (the caller does not ask for a check) or matches
// `version`; ABORTED (STALE_ETAG) when it names another version.
Status CheckEtag(std::string_view given, std::int64_t version, const std::string& resource_name);

}  // namespace biopolis
