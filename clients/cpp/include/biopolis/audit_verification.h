// Checking the zone's tamper-evident audit log from outside the server: for
// auditors' own programs (and `biopolisctl audit verify`).
//
// The log is a hash chain (each record carries the SHA-256 of its content and
// of the previous record's hash); its head is signed periodically with the
// zone's Ed25519 key into checkpoints. VerifyAuditLog reads the whole log
// page by page and recomputes the chain in constant memory, and holds it to
// signed checkpoints: an edited, removed, inserted or reordered record breaks
// the chain; a cut tail or a rewritten log fails against a checkpoint.
// The formats are described in docs/API.md ("The audit log").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "biopolis/audit.h"

namespace biopolis::client {

struct AuditVerifyOptions {
  // Checkpoint lines saved earlier (from Audit::ListCheckpointsPage, or
  // `biopolisctl audit checkpoints`): the log must agree with each. When
  // unset, the server's own published checkpoints are used, each signed by
  // one of the keys the server publishes.
  std::optional<std::vector<std::string>> saved_checkpoints;
  int page_size = 500;
};

struct AuditVerification {
  // True when every record's hash and link hold, the sequence has no gap, and
  // every checkpoint's signature is valid and matches the log.
  bool intact = false;
  std::int64_t records_checked = 0;
  std::string last_hash;  // of the last record checked
  std::size_t checkpoints = 0;
  // When not intact: the first problem found, for people, and the record's
  // sequence (0 when a checkpoint's signature or key is what is wrong).
  std::string problem;
  std::int64_t broken_sequence = 0;
};

// Reads and checks the whole audit log (the key must be an auditor's or
// administrator's). An error is returned only when the check could not be
// done: a page failed (the server's error), or a saved checkpoint line is not
// one (INVALID_ARGUMENT). A broken log is a successful result with
// `intact == false`. Safe to call on a shared client.
Result<AuditVerification> VerifyAuditLog(const Audit& audit, const AuditVerifyOptions& options = {});

}  // namespace biopolis::client
