// What a store's writer did since start, recorded the same way by both
// backends: for /metrics and the write benchmark.
//
// Thread-safety: RecordCommit is called by the writer thread; the readers by
// any thread at any time (atomics and lock-free histograms).
#pragma once

#include <atomic>
#include <cstdint>

#include "core/metrics.h"

namespace biopolis {

class WriterStats {
 public:
  // One write transaction committed, carrying `units` units of work that
  // succeeded out of `batch` it ran; its COMMIT took `commit_micros`.
  void RecordCommit(std::int64_t batch, std::int64_t units, std::int64_t commit_micros) {
    commits_.fetch_add(1, std::memory_order_relaxed);
    units_committed_.fetch_add(units, std::memory_order_relaxed);
    batch_sizes_.Observe(batch);
    commit_micros_.Observe(commit_micros);
  }

  std::int64_t units_committed() const { return units_committed_.load(std::memory_order_relaxed); }
  std::int64_t commits() const { return commits_.load(std::memory_order_relaxed); }
  // Units of work per committed transaction (group commit's batches).
  const Histogram& batch_sizes() const { return batch_sizes_; }
  // How long each COMMIT took (SQLite: its fsync; PostgreSQL: the round trip
  // and the server's WAL flush), microseconds.
  const Histogram& commit_latency() const { return commit_micros_; }

 private:
  std::atomic<std::int64_t> units_committed_{0};
  std::atomic<std::int64_t> commits_{0};
  Histogram batch_sizes_{{1, 2, 4, 8, 16, 32, 64}, 1};
  Histogram commit_micros_{Histogram::LatencyBoundsMicros(), 1e6};
};

}  // namespace biopolis
