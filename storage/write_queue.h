// The write path shared by the stores: a queue of units of work, one writer
// thread that takes them in batches, and one acknowledger thread that calls
// each unit's `done` in commit order.
//
// The writer hands each batch to the store's `run` function (which opens the
// transaction(s), runs the units and commits) and passes the outcomes on, so
// the writer goes on to the next batch while the last one's replies are sent:
// sending a gRPC reply from the writer thread was ~12% of its time under load
// (docs/PERFORMANCE.md).
//
// Batches: up to `max_batch` ordinary units in the order queued. A bulk unit
// (a chunk of a document upload) runs alone, only when no ordinary unit
// waits, so a large upload delays another write by one chunk at most and never
// shares its commit.
//
// Thread-safety: Push/PushBulk/queued are safe from any thread. Stop (also
// run by the destructor) finishes every queued unit and acknowledges it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "storage/store.h"

namespace biopolis {

class WriteQueue {
 public:
  // Runs the units of one batch, in order, and returns one outcome per unit;
  // called on the writer thread only.
  using RunBatch = std::function<std::vector<Status>(const std::vector<Store::Work*>& units)>;

  WriteQueue(int max_batch, RunBatch run);
  ~WriteQueue();

  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Starts the writer and acknowledger threads.
  void Start();
  // Runs what is queued, acknowledges it, and stops both threads. Units
  // pushed afterwards are refused (UNAVAILABLE).
  void Stop();

  void Push(Store::Work work, Store::Done done);
  void PushBulk(Store::Work work, Store::Done done);
  // Units waiting for the writer.
  std::int64_t queued() const;

 private:
  void WriterLoop();
  void AcknowledgerLoop();

  const std::size_t max_batch_;
  RunBatch run_;

  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<std::pair<Store::Work, Store::Done>> queue_;
  std::deque<std::pair<Store::Work, Store::Done>> bulk_queue_;
  bool stopping_ = false;
  std::thread writer_;

  std::mutex acks_mu_;
  std::condition_variable acks_cv_;
  std::deque<std::pair<Store::Done, Status>> acks_;
  bool acks_stopping_ = false;
  std::thread acknowledger_;
};

}  // namespace biopolis
