// Reading the audit log (written by CommandContext::Record with every change),
// and its signed checkpoints (audit_checkpoint.h): the chain's head signed
// with the zone's key and appended to a file outside the database,
// periodically and at shutdown.
// Thread-safety: safe for concurrent use.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/audit_checkpoint_file.h"
#include "core/metrics.h"
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
  void EnableCheckpoints(std::shared_ptr<SigningKeys> keys, std::string path);
  // Appends a checkpoint of the current head when it moved since the last
  // one (true when one was written).
  Result<bool> Checkpoint();
  // Up to `page_size` checkpoints older than `before_sequence` (0: the
  // newest), newest first, and the public keys that verify them.
  Result<CheckpointPage> ListCheckpoints(int page_size, std::int64_t before_sequence);

  // For /metrics: the last checkpoint's sequence and time (0 before the first
  // of this process), and how long writing one took, microseconds.
  std::int64_t last_checkpoint_sequence() const { return last_sequence_metric_.load(std::memory_order_relaxed); }
  TimeMicros last_checkpoint_time() const { return last_time_metric_.load(std::memory_order_relaxed); }
  const Histogram& checkpoint_latency() const { return checkpoint_micros_; }
  // The audit chain's head: how many records it holds (its last sequence).
  Result<std::int64_t> ChainLength();

 private:
  DomainEnv env_;
  std::mutex mu_;
  std::shared_ptr<SigningKeys> keys_;
  std::string path_;
  std::int64_t last_checkpointed_ = -1;
  std::atomic<std::int64_t> last_sequence_metric_{0};
  std::atomic<TimeMicros> last_time_metric_{0};
  Histogram checkpoint_micros_{Histogram::LatencyBoundsMicros(), 1e6};
};

}  // namespace biopolis
