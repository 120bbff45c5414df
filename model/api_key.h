// An API key as stored: only its hash and display prefix, never the secret.
// Plain records: the rules operate on them, storage persists them. Enum
// numbering equals the public proto enums (tied by static_asserts in
// services/api/).
#pragma once

#include <cstdint>
#include <string>

#include "core/caller.h"
#include "core/clock.h"

namespace biopolis {

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

}  // namespace biopolis
