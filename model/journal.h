// What every change leaves behind: the audit record (hash-chained), the event
// for watchers, and the stored response of an idempotent request.
// Plain records: the rules operate on them, storage persists them. Enum
// numbering equals the public proto enums (tied by static_asserts in
// services/api/).
#pragma once

#include <cstdint>
#include <string>

#include "core/audit_chain.h"
#include "core/caller.h"
#include "core/clock.h"

namespace biopolis {

struct AuditRecord {
  std::int64_t sequence = 0;
  std::string actor;
  Role actor_role = Role::kUnspecified;
  std::string action;
  std::string resource;
  std::string request_id;
  std::string summary;
  TimeMicros create_time = 0;
  std::string previous_hash;
  std::string hash;
};

// The fields of an audit record that its hash covers (core/audit_chain.h).
inline AuditContent AuditContentOf(const AuditRecord& r) {
  return AuditContent{
      .sequence = r.sequence,
      .actor = r.actor,
      .actor_role = static_cast<int>(r.actor_role),
      .action = r.action,
      .resource = r.resource,
      .request_id = r.request_id,
      .summary = r.summary,
      .create_time_micros = r.create_time,
      .previous_hash = r.previous_hash,
      .hash = r.hash,
  };
}

struct EventRecord {
  std::int64_t sequence = 0;
  std::string type;  // e.g. "application.submitted"
  std::string resource;
  std::int64_t organization_id = 0;  // whose business it is; 0 = zone-wide
  std::string summary;
  TimeMicros create_time = 0;
};

struct IdempotencyRecord {
  std::string principal;
  std::string request_id;
  std::string fingerprint;
  std::string response;
  TimeMicros create_time = 0;
};

}  // namespace biopolis
