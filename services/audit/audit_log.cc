#include "services/audit/audit_log.h"

#include <chrono>

namespace biopolis {

Result<Page<AuditRecord>> AuditLog::List(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{{{"actor", FieldType::kString, {}, ""},
                               {"action", FieldType::kString, {}, ""},
                               {"resource", FieldType::kString, {}, ""},
                               {"sequence", FieldType::kInt, {}, ""}},
                              {"sequence"},
                              "sequence",
                              false};
  return ReadPage<AuditRecord>(env_, caller, "ListAuditRecords", kSpec, params, ListVisibility::kEveryone,
                               [](Transaction& tx, const ListQuery& q) { return tx.journal().ListAudit(q); });
}

}  // namespace biopolis

namespace biopolis {

void AuditLog::EnableCheckpoints(std::shared_ptr<SigningKeys> keys, std::string path) {
  std::lock_guard<std::mutex> lock(mu_);
  keys_ = std::move(keys);
  path_ = std::move(path);
  auto existing = ReadCheckpoints(path_);
  last_checkpointed_ = existing.empty() ? -1 : existing.back().sequence;
}

Result<std::int64_t> AuditLog::ChainLength() {
  std::int64_t last = 0;
  BIOPOLIS_RETURN_IF_ERROR(env_.store.Read([&](Transaction& tx) {
    last = tx.journal().AuditHead().first;
    return Status::Ok();
  }));
  return last;
}

Result<bool> AuditLog::Checkpoint() {
  std::lock_guard<std::mutex> lock(mu_);
  const auto start = std::chrono::steady_clock::now();
  if (!keys_) return Status(StatusCode::kFailedPrecondition, "audit checkpoints are not configured", "NO_CHECKPOINTS");
  std::pair<std::int64_t, std::string> head;
  BIOPOLIS_RETURN_IF_ERROR(env_.store.Read([&](Transaction& tx) {
    head = tx.journal().AuditHead();
    return Status::Ok();
  }));
  if (head.first == last_checkpointed_) return false;
  AuditCheckpoint c;
  c.sequence = head.first;
  c.hash = head.second;
  c.time_micros = env_.clock.Now();
  const auto ring = keys_->Current();
  c.key_id = ring->active_key_id();
  c.public_key_hex = ring->PublicKeys().back().public_key_hex;
  c.signature_hex = ring->Sign(SignedText(c));
  BIOPOLIS_RETURN_IF_ERROR(AppendCheckpoint(path_, c));
  last_checkpointed_ = c.sequence;
  checkpoint_micros_.Observe(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count());
  last_sequence_metric_.store(c.sequence, std::memory_order_relaxed);
  last_time_metric_.store(c.time_micros, std::memory_order_relaxed);
  return true;
}

Result<CheckpointPage> AuditLog::ListCheckpoints(int page_size, std::int64_t before_sequence) {
  std::string path;
  std::shared_ptr<SigningKeys> keys;
  {
    std::lock_guard<std::mutex> lock(mu_);
    path = path_;
    keys = keys_;
  }
  if (!keys) return Status(StatusCode::kFailedPrecondition, "audit checkpoints are not configured", "NO_CHECKPOINTS");
  if (page_size <= 0) page_size = kDefaultPageSize;
  page_size = std::min(page_size, kMaxPageSize);
  CheckpointPage page;
  page.keys = keys->Current()->PublicKeys();
  auto all = ReadCheckpoints(path);
  for (auto it = all.rbegin(); it != all.rend() && static_cast<int>(page.checkpoints.size()) < page_size; ++it) {
    if (before_sequence > 0 && it->sequence >= before_sequence) continue;
    page.checkpoints.push_back(*it);
  }
  return page;
}

}  // namespace biopolis
