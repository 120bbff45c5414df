#include "core/resource_name.h"

#include <charconv>

namespace biopolis {

std::string FormatName(std::string_view collection, std::int64_t id) {
  return std::string(collection) + "/" + std::to_string(id);
}

Result<std::int64_t> ParseName(std::string_view name, std::string_view collection, std::string_view field) {
  auto bad = [&](const std::string& why) -> Status {
    return Status::InvalidField(std::string(field), why + "; expected `" + std::string(collection) + "/{id}`",
                                "INVALID_RESOURCE_NAME");
  };
  if (name.empty()) return bad("is required");
  if (name.size() <= collection.size() + 1 || name.substr(0, collection.size()) != collection ||
      name[collection.size()] != '/') {
    return bad("is not a name in this collection");
  }
  std::string_view digits = name.substr(collection.size() + 1);
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || id <= 0 || digits[0] == '0') {
    return bad("has a malformed id");
  }
  return id;
}

}  // namespace biopolis
