// Reading the audit log (written by CommandContext::Record with every change),
// and its signed checkpoints (audit_checkpoint.h): the chain's head signed
// with the zone's key and appended to a file outside the database,
// periodically and at shutdown.
// Thread-safety: safe for concurrent use.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/audit_checkpoint_file.h"
#include "core/signing_keys.h"
#include "services/domain/domain_env.h"

namespace biopolis {

struct CheckpointPage {
  std::vector<AuditCheckpoint> checkpoints;  // newest first
  std::vector<PublicKey> keys;               // every signing key, oldest first
};

class AuditLog {
 public:
  explicit AuditLog(DomainEnv env) : env_(env) {}

  // Oldest first; filter on actor, action, resource, sequence.
  Result<Page<AuditRecord>> List(const Caller& caller, const ListParams& params);

  // Signs checkpoints with `keys` into `path` from now on. Call once, before
  // the server serves.
  void EnableCheckpoints(std::shared_ptr<const SigningKeyring> keys, std::string path);
  // Appends a checkpoint of the current head when it moved since the last
  // one (true when one was written).
  Result<bool> Checkpoint();
  // Up to `page_size` checkpoints older than `before_sequence` (0: the
  // newest), newest first, and the public keys that verify them.
  Result<CheckpointPage> ListCheckpoints(int page_size, std::int64_t before_sequence);

 private:
  DomainEnv env_;
  std::mutex mu_;
  std::shared_ptr<const SigningKeyring> keys_;
  std::string path_;
  std::int64_t last_checkpointed_ = -1;
};

}  // namespace biopolis
