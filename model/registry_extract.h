// An issued registry extract: signed facts about an organization or a
// registry entry as of a time (services/extracts/).
// Plain record: the rules build it, storage persists it.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"

namespace biopolis {

struct RegistryExtractRecord {
  std::int64_t id = 0;
  // "43-EXT-2026-000123".
  std::string number;
  int year = 0;
  // "organizations/{id}" or "residents/{id}".
  std::string subject;
  std::int64_t organization_id = 0;
  TimeMicros as_of = 0;
  TimeMicros issue_time = 0;
  // The acting key, "apiKeys/{id}".
  std::string issued_by;
  std::string key_id;
  // Canonical JSON, the signed bytes.
  std::string content;
  // Ed25519 over `content`, hex.
  std::string signature;
};

}  // namespace biopolis
