#include "services/api/event_watch.h"

#include <spdlog/spdlog.h>

#include "services/api/event_convert.h"
#include "services/api/proto_convert.h"
#include "services/api/status_mapping.h"

namespace biopolis {

EventHub::EventHub(EventFeed& feed) : feed_(feed), thread_([this] { Loop(); }) {}

EventHub::~EventHub() {
  Shutdown();
  if (thread_.joinable()) thread_.join();
}

void EventHub::Notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    dirty_ = true;
  }
  cv_.notify_one();
}

int EventHub::open_streams() {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(watches_.size());
}

bool EventHub::Register(EventWatch* watch) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return false;
  watches_.insert(watch);
  return true;
}

void EventHub::Unregister(EventWatch* watch) {
  std::lock_guard<std::mutex> lock(mu_);
  watches_.erase(watch);
}

void EventHub::Shutdown() {
  {
    // Under mu_: a watch is deleted only in its OnDone, which unregisters under
    // mu_ first (gRPC runs OnDone on its own thread, never inside Finish).
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    for (auto* w : watches_)
      w->End(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down; reconnect"));
  }
  cv_.notify_all();
}

void EventHub::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  auto next_recheck = std::chrono::steady_clock::now() + kRecheckInterval;
  while (true) {
    bool woken = cv_.wait_until(lock, next_recheck, [this] { return dirty_ || stopping_; });
    if (stopping_) return;
    if (woken) {
      dirty_ = false;
      // Pump under the lock: OnDone (which deletes a watch) unregisters under it too.
      for (auto* w : watches_) w->Pump();
    }
    // Every stream is re-authorised at least once an interval, busy or idle
    // (one blocked on a slow reader included).
    if (std::chrono::steady_clock::now() >= next_recheck) {
      for (auto* w : watches_) w->Recheck();
      next_recheck = std::chrono::steady_clock::now() + kRecheckInterval;
    }
  }
}

EventWatch::EventWatch(EventHub& hub, Caller caller, std::function<Status()> recheck, std::int64_t after,
                       std::vector<std::string> collections)
    : hub_(hub),
      caller_(std::move(caller)),
      recheck_(std::move(recheck)),
      collections_(std::move(collections)),
      after_(after) {}

void EventWatch::Recheck() {
  Status admitted = recheck_();
  if (admitted.ok()) return;
  spdlog::info("rpc method=/biopolis.v1.EventService/WatchEvents caller={} stream ended: {}", caller_.principal,
               admitted.ToString());
  End(ToGrpcStatus(admitted));
}

void EventWatch::Start() {
  if (!hub_.Register(this)) {
    End(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    registered_ = true;
  }
  StartSendInitialMetadata();
  Pump();
}

void EventWatch::Pump() {
  std::lock_guard<std::mutex> lock(mu_);
  if (writing_ || finished_) return;
  if (buffer_.empty()) {
    // Every read from the database is made with credentials that still hold.
    Status admitted = recheck_();
    if (!admitted.ok()) {
      finished_ = true;
      spdlog::info("rpc method=/biopolis.v1.EventService/WatchEvents caller={} stream ended: {}", caller_.principal,
                   admitted.ToString());
      Finish(ToGrpcStatus(admitted));
      return;
    }
    auto page = hub_.feed().Fetch(caller_, after_, collections_, kEventPage);
    if (!page.ok()) {
      finished_ = true;
      Finish(ToGrpcStatus(page.status()));
      return;
    }
    for (auto& e : *page) buffer_.push_back(std::move(e));
    if (buffer_.empty()) return;  // idle until the next commit
  }
  const EventRecord& e = buffer_.front();
  current_.Clear();
  ToProto(e, &current_);
  after_ = e.sequence;
  buffer_.pop_front();
  writing_ = true;
  StartWrite(&current_);
}

void EventWatch::End(const grpc::Status& status) {
  std::lock_guard<std::mutex> lock(mu_);
  if (finished_) return;
  finished_ = true;
  // A write in flight completes (OnWriteDone) before the status is sent.
  Finish(status);
}

void EventWatch::OnWriteDone(bool ok) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    if (!ok && !finished_) {
      finished_ = true;
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
      return;
    }
  }
  Pump();
}

void EventWatch::OnCancel() { End(grpc::Status::CANCELLED); }

void EventWatch::OnDone() {
  bool registered;
  {
    std::lock_guard<std::mutex> lock(mu_);
    registered = registered_;
  }
  if (registered) hub_.Unregister(this);
  delete this;
}

}  // namespace biopolis
