// The tamper-evident audit log: each record carries the SHA-256 of its own
// content and of the previous record's hash, so editing, deleting, inserting
// or reordering records breaks the chain at the first record touched.
// Pure functions; thread-safe. Used by storage (when appending) and by
// `biopolisctl audit verify` (which recomputes the chain from what it reads).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace biopolis {

// The hashed content of one audit record.
struct AuditContent {
  std::int64_t sequence = 0;
  std::string actor;
  int actor_role = 0;
  std::string action;
  std::string resource;
  std::string request_id;
  std::string summary;
  std::int64_t create_time_micros = 0;
  std::string previous_hash;
  std::string hash;  // as stored; ignored by AuditHash
};

// Lower-case hex SHA-256 over a length-prefixed encoding of every field
// (sequence included, so a swap of two records is caught).
std::string AuditHash(const AuditContent& content);

struct AuditChainBreak {
  std::size_t index = 0;  // into the records checked
  std::int64_t sequence = 0;
  std::string reason;
};

// Checks records in sequence order, starting from the log's first record
// (whose previous hash is empty). Returns the first break, if any.
std::optional<AuditChainBreak> VerifyAuditChain(const std::vector<AuditContent>& records);

}  // namespace biopolis
