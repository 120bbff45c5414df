// Events (EventService): the change feed as a resuming iterator.
//
//   biopolis::client::Events events(options);
//   auto stream = events.Watch({.after_sequence = last_seen});
//   v1::Event e;
//   while (stream->Next(&e)) { ...; last_seen = e.sequence(); }
//   // stream->error() says why it ended (after Cancel(): CANCELLED, reason kCancelledByCaller).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/events.pb.h"

namespace biopolis::client {

struct WatchOptions {
  std::int64_t after_sequence = 0;
  bool start_at_now = false;
  std::vector<std::string> resource_types{};
  // Reconnection attempts in a row before Next() gives up; 0 = forever.
  int max_reconnects = 0;
};

// One watch. Next() blocks; Cancel() may be called from any thread; not
// otherwise thread-safe. Keeps its connection alive (may outlive the client).
class EventStream {
 public:
  EventStream(std::shared_ptr<const internal::CallRunner> runner, CallOptions call, WatchOptions options);
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // The next event; false when the stream ended for good (see error()).
  // Every end of the stream the caller did not ask for (the server stopping
  // or restarting, a dropped connection, a connection closed because another
  // call on it broke a limit, a deadline) reconnects by itself after the
  // last delivered sequence, with jittered exponential backoff (reset after
  // each successful reopen): no event is lost or delivered twice. It ends
  // for good only on Cancel() (or the call options' token), on an error a
  // retry cannot cure (UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT,
  // NOT_FOUND, FAILED_PRECONDITION, UNIMPLEMENTED, OUT_OF_RANGE, DATA_LOSS),
  // or after WatchOptions::max_reconnects failed reconnections in a row.
  bool Next(v1::Event* event);
  // Ends the stream from any thread; a blocked Next() (or its backoff sleep)
  // returns false with error() CANCELLED, reason kCancelledByCaller.
  void Cancel();
  const std::optional<Error>& error() const { return error_; }
  std::int64_t last_sequence() const { return last_sequence_; }

  static constexpr const char* kCancelledByCaller = client::kCancelledByCaller;

 private:
  // Opens the call; false when cancelled.
  bool Open();
  // Waits for the server's initial metadata: true when the stream was opened
  // (the server names where it starts); with start_at_now, the first time,
  // takes that starting sequence so a reconnection resumes there.
  bool AwaitOpened();

  std::shared_ptr<const internal::CallRunner> runner_;
  CallOptions call_;                                // call_.cancel: the stream's own token, always set
  CancellationToken::Registration forward_cancel_;  // a caller's token -> call_.cancel
  WatchOptions options_;
  std::int64_t last_sequence_ = 0;
  bool opened_ = false;
  bool learn_start_ = false;
  bool awaiting_open_ = false;
  std::chrono::milliseconds backoff_{0};
  std::unique_ptr<ServerStream> stream_;
  std::optional<Error> error_;
};

// Which stored events ListEvents returns (besides paging).
struct EventFilter {
  // Events with a greater sequence; 0 = from the first.
  std::int64_t after_sequence = 0;
  // Only these collections, e.g. "applications" (the accepted names: events.proto).
  std::vector<std::string> resource_types{};
  // Only events concerning this organization, "organizations/{id}".
  std::string organization{};
};

class Events : public ServiceClient<Events> {
 public:
  using ServiceClient::ServiceClient;
  std::unique_ptr<EventStream> Watch(WatchOptions options = {}) const;
  // Stored events, oldest first, a page at a time: for a snapshot or a re-sync
  // without a stream. Then Watch({.after_sequence = <last seen>}) follows on.
  Pager<v1::Event> List(const EventFilter& filter = {}, const ListOptions& options = {}) const;
  // One raw page; its last_sequence is the newest event when it was read.
  Result<v1::ListEventsResponse> ListPage(const EventFilter& filter, const ListOptions& options = {},
                                          const std::string& page_token = "") const;
};

}  // namespace biopolis::client
