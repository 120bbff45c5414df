// Signed checkpoints of the audit log's head, kept outside the database: the
// chain's last sequence and hash at a time, signed with the zone's Ed25519
// key. A truncated or rewritten log still forms a valid hash chain; checked
// against a checkpoint it does not (the record at the checkpoint's sequence
// is missing or has another hash).
//
// A checkpoint is one text line (so auditors can keep and diff files of them):
//   v1 sequence=1234 hash=<hex> time=<micros> key_id=k1 public_key=<hex> signature=<hex>
// The signature covers SignedText(): every field but the signature and the
// public key, in a fixed order. `public_key` rides along for convenience;
// auditors compare it with the zone's published keys.
//
// Pure functions, thread-safe, and free of the server: the SDK checks
// checkpoints with them too. The server keeps them in a file:
// core/audit_checkpoint_file.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace biopolis {

struct AuditCheckpoint {
  std::int64_t sequence = 0;  // the chain's last record (and its record count)
  std::string hash;           // that record's hash
  std::int64_t time_micros = 0;
  std::string key_id;
  std::string public_key_hex;
  std::string signature_hex;
};

// What the signature covers.
std::string SignedText(const AuditCheckpoint& checkpoint);
std::string FormatCheckpointLine(const AuditCheckpoint& checkpoint);
std::optional<AuditCheckpoint> ParseCheckpointLine(const std::string& line);
// The signature is valid for its public key.
bool CheckpointSignatureValid(const AuditCheckpoint& checkpoint);

}  // namespace biopolis
