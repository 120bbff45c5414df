// The tamper-evident audit log: each record carries the SHA-256 of its own
// content and of the previous record's hash, so editing, deleting, inserting
// or reordering records breaks the chain at the first record touched.
// Pure functions; thread-safe. Used by storage (when appending) and by
// `biopolisctl audit verify` (which recomputes the chain from what it reads).
#pragma once

#include <cstdint>
#include <map>
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

// Checks a log record by record, in sequence order from its first record
// (sequence 1, previous hash empty), holding only the last record's hash:
// a log of any length is checked in constant memory as it is read. Catches
// an altered record, a record removed, inserted or moved, a gap in the
// sequence, even when every hash after the change was recomputed. (A
// truncated tail leaves a valid shorter chain: only a signed checkpoint of
// the chain head shows that.)
// Thread-compatible: one verifier per walk.
class AuditChainVerifier {
 public:
  // Holds the log to a (signature-checked) checkpoint: the record at
  // `sequence` must carry `hash`, and the log must reach `sequence`.
  void ExpectHead(std::int64_t sequence, std::string hash) { expected_[sequence] = std::move(hash); }
  // Adds the next record; the first break found, then the same break for
  // every later record.
  std::optional<AuditChainBreak> Add(const AuditContent& record);
  // After the last record: a break when a checkpoint names a sequence the log
  // does not reach (its tail was cut), else the break Add found, if any.
  std::optional<AuditChainBreak> Finish() const;
  std::size_t checked() const { return checked_; }
  std::int64_t last_sequence() const { return last_sequence_; }
  const std::string& last_hash() const { return last_hash_; }

 private:
  std::size_t checked_ = 0;
  std::int64_t last_sequence_ = 0;
  std::string last_hash_;
  std::optional<AuditChainBreak> broken_;
  std::map<std::int64_t, std::string> expected_;
};

// Checks `records` (the log from its first record) with AuditChainVerifier.
std::optional<AuditChainBreak> VerifyAuditChain(const std::vector<AuditContent>& records);

}  // namespace biopolis
