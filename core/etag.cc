#include "core/etag.h"

namespace biopolis {

std::string FormatEtag(std::int64_t version) { return "\"v" + std::to_string(version) + "\""; }

Status CheckEtag(std::string_view given, std::int64_t version, const std::string& resource_name) {
  if (given.empty() || given == FormatEtag(version)) return Status::Ok();
  return Status::StaleEtag(resource_name);
}

}  // namespace biopolis
