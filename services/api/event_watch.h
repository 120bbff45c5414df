// WatchEvents: a server-streaming reactor per watcher, and the hub that wakes
// idle watchers when a write commits.
//
// A watcher holds at most one page (kEventPage) of events in memory and
// writes one message at a time; it fetches the next page only when the
// previous is written, so a slow client costs a bounded amount of memory and
// simply falls behind (it catches up from the database). Events come from the
// database in sequence order, so a client that reconnects with the last
// sequence it received misses nothing and sees nothing twice.
//
// A stream is re-authorised before every page it reads from the database and
// at least every kRecheckInterval while idle: once its key is revoked or
// expires, it ends with UNAUTHENTICATED and delivers nothing more.
//
// Thread-safety: all methods are safe to call from any thread.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "biopolis/v1/events.grpc.pb.h"
#include "services/domain/domain.h"

namespace biopolis {

class EventWatch;

class EventHub {
 public:
  // How often idle streams are re-authorised.
  static constexpr std::chrono::seconds kRecheckInterval{5};

  explicit EventHub(EventFeed& feed);
  ~EventHub();

  // Wakes the watchers; called after every commit. Cheap.
  void Notify();
  // Ends every watch with UNAVAILABLE; new watches are refused.
  void Shutdown();

  EventFeed& feed() { return feed_; }
  // False after Shutdown().
  bool Register(EventWatch* watch);
  // Streams open now (for /metrics).
  int open_streams();
  void Unregister(EventWatch* watch);

 private:
  void Loop();

  EventFeed& feed_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::set<EventWatch*> watches_;
  bool dirty_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

class EventWatch final : public grpc::ServerWriteReactor<v1::Event> {
 public:
  static constexpr int kEventPage = 100;

  // `recheck` is OK while the stream's credentials still admit it.
  EventWatch(EventHub& hub, Caller caller, std::function<Status()> recheck, std::int64_t after,
             std::vector<std::string> collections);

  // Registers with the hub, sends the initial metadata at once (the client learns
  // where the stream starts before any event) and starts writing; call once,
  // right after construction.
  void Start();
  // Fetches and writes the next event if idle.
  void Pump();
  // Ends the stream with `status` (once).
  void End(const grpc::Status& status);
  // Re-authorises the stream; ends it when its credentials no longer admit it.
  void Recheck();

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  EventHub& hub_;
  const Caller caller_;
  const std::function<Status()> recheck_;
  const std::vector<std::string> collections_;
  std::mutex mu_;
  std::int64_t after_;
  std::deque<EventRecord> buffer_;
  v1::Event current_;
  bool writing_ = false;
  bool finished_ = false;
  bool registered_ = false;
};

}  // namespace biopolis
