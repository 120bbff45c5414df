#include "storage/write_queue.h"

#include <algorithm>

namespace biopolis {

WriteQueue::WriteQueue(int max_batch, RunBatch run)
    : max_batch_(static_cast<std::size_t>(std::max(1, max_batch))), run_(std::move(run)) {}

WriteQueue::~WriteQueue() { Stop(); }

void WriteQueue::Start() {
  acknowledger_ = std::thread([this] { AcknowledgerLoop(); });
  writer_ = std::thread([this] { WriterLoop(); });
}

void WriteQueue::Stop() {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  // The writer has handed over its last outcomes; acknowledge them, then stop.
  {
    std::lock_guard<std::mutex> lock(acks_mu_);
    acks_stopping_ = true;
  }
  acks_cv_.notify_all();
  if (acknowledger_.joinable()) acknowledger_.join();
}

void WriteQueue::Push(Store::Work work, Store::Done done) {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (!stopping_) {
      queue_.emplace_back(std::move(work), std::move(done));
      queue_cv_.notify_one();
      return;
    }
  }
  done(Status::Unavailable("the server is shutting down"));
}

void WriteQueue::PushBulk(Store::Work work, Store::Done done) {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (!stopping_) {
      bulk_queue_.emplace_back(std::move(work), std::move(done));
      queue_cv_.notify_one();
      return;
    }
  }
  done(Status::Unavailable("the server is shutting down"));
}

std::int64_t WriteQueue::queued() const {
  std::lock_guard<std::mutex> lock(queue_mu_);
  return static_cast<std::int64_t>(queue_.size() + bulk_queue_.size());
}

void WriteQueue::WriterLoop() {
  while (true) {
    std::vector<std::pair<Store::Work, Store::Done>> batch;
    {
      std::unique_lock<std::mutex> lock(queue_mu_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty() || !bulk_queue_.empty(); });
      if (queue_.empty() && bulk_queue_.empty()) return;  // stopping, and everything queued is done
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      // A bulk unit runs in a transaction of its own, only when no ordinary
      // unit waits: an ordinary write never shares a commit with a chunk.
      if (batch.empty() && !bulk_queue_.empty()) {
        batch.push_back(std::move(bulk_queue_.front()));
        bulk_queue_.pop_front();
      }
    }
    std::vector<Store::Work*> units;
    units.reserve(batch.size());
    for (auto& unit : batch) units.push_back(&unit.first);
    std::vector<Status> outcomes = run_(units);
    outcomes.resize(batch.size(), Status::Internal("the store returned no outcome"));
    {
      std::lock_guard<std::mutex> lock(acks_mu_);
      for (std::size_t i = 0; i < batch.size(); ++i) acks_.emplace_back(std::move(batch[i].second), outcomes[i]);
    }
    acks_cv_.notify_one();
  }
}

void WriteQueue::AcknowledgerLoop() {
  while (true) {
    std::deque<std::pair<Store::Done, Status>> ready;
    {
      std::unique_lock<std::mutex> lock(acks_mu_);
      acks_cv_.wait(lock, [this] { return acks_stopping_ || !acks_.empty(); });
      if (acks_.empty()) return;  // stopping, and everything is acknowledged
      ready.swap(acks_);
    }
    for (auto& [done, status] : ready) done(status);
  }
}

}  // namespace biopolis
