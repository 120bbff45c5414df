#include "biopolis/events.h"

#include <algorithm>
#include <charconv>

#include "call_runner.h"

namespace biopolis::client {
namespace {

// Ends a watch for good: errors a reconnection cannot cure.
bool Permanent(StatusCode code) {
  switch (code) {
    case StatusCode::UNAUTHENTICATED:
    case StatusCode::PERMISSION_DENIED:
    case StatusCode::INVALID_ARGUMENT:
    case StatusCode::NOT_FOUND:
    case StatusCode::FAILED_PRECONDITION:
    case StatusCode::UNIMPLEMENTED:
    case StatusCode::DATA_LOSS:
    case StatusCode::OUT_OF_RANGE:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::unique_ptr<EventStream> Events::Watch(WatchOptions options) const {
  return std::make_unique<EventStream>(runner(), call_options(), std::move(options));
}

namespace {

v1::ListEventsRequest ListRequest(const EventFilter& filter) {
  v1::ListEventsRequest req;
  req.set_after_sequence(filter.after_sequence);
  for (const auto& t : filter.resource_types) req.add_resource_types(t);
  req.set_organization(filter.organization);
  return req;
}

}  // namespace

Pager<v1::Event> Events::List(const EventFilter& filter, const ListOptions& options) const {
  return Paged<v1::Event, v1::ListEventsResponse>(
      v1::methods::kListEvents, ListRequest(filter), options,
      [](const v1::ListEventsResponse& r) -> const auto& { return r.events(); });
}

Result<v1::ListEventsResponse> Events::ListPage(const EventFilter& filter, const ListOptions& options,
                                                const std::string& page_token) const {
  v1::ListEventsRequest req = ListRequest(filter);
  ApplyListOptions(req, options, page_token);
  return Call<v1::ListEventsResponse>(v1::methods::kListEvents, req);
}

EventStream::EventStream(std::shared_ptr<const internal::CallRunner> runner, CallOptions call, WatchOptions options)
    : runner_(std::move(runner)), options_(std::move(options)), last_sequence_(options_.after_sequence) {
  // The stream's own token: Cancel() and the destructor cancel it, never a
  // token the caller passed (which may serve other calls); a caller's token
  // cancels the stream through it.
  std::optional<CancellationToken> callers = std::move(call.cancel);
  call_ = std::move(call);
  call_.cancel = CancellationToken();
  if (callers) forward_cancel_ = callers->OnCancel([own = *call_.cancel]() mutable { own.Cancel(); });
}

EventStream::~EventStream() {
  forward_cancel_ = {};
  Cancel();
  stream_.reset();
}

bool EventStream::Open() {
  if (call_.cancel->cancelled()) return false;  // a Cancel() before the first Next() holds
  v1::WatchEventsRequest req;
  // On a reconnection, resume after the last delivered event (start_at_now only the first time).
  req.set_after_sequence(last_sequence_);
  req.set_start_at_now(!opened_ && options_.start_at_now);
  for (const auto& t : options_.resource_types) req.add_resource_types(t);
  learn_start_ = req.start_at_now();
  awaiting_open_ = true;
  opened_ = true;
  stream_ = runner_->connection().OpenServerStream(v1::methods::kWatchEvents, req,
                                                   runner_->AttemptContext(call_, /*with_deadline=*/false));
  return true;
}

bool EventStream::AwaitOpened() {
  awaiting_open_ = false;
  const auto metadata = stream_->InitialMetadata();
  auto it = metadata.find("biopolis-start-after");
  if (it == metadata.end()) return false;  // refused, or an older server
  if (learn_start_) {
    learn_start_ = false;
    std::int64_t after = 0;
    const std::string& value = it->second;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), after);
    if (ec == std::errc() && end == value.data() + value.size() && after >= 0) last_sequence_ = after;
  }
  return true;
}

bool EventStream::Next(v1::Event* event) {
  const RetryPolicy& retry = runner_->RetryFor(call_);
  int failed_reconnects = 0;
  while (true) {
    if (!stream_ && !Open()) {
      error_ = internal::CancelledByCaller();
      return false;
    }
    if (!stream_) {
      error_ = Error(StatusCode::UNIMPLEMENTED, "the connection cannot open WatchEvents");
      return false;
    }
    if (awaiting_open_ && AwaitOpened()) {
      // A successful (re)open: the next failure starts its backoff afresh.
      backoff_ = std::chrono::milliseconds(0);
      failed_reconnects = 0;
    }
    if (stream_->Read(event)) {
      last_sequence_ = event->sequence();
      backoff_ = std::chrono::milliseconds(0);
      return true;
    }
    Error ended = stream_->Finish().value_or(Error(StatusCode::UNAVAILABLE, "the server ended the stream"));
    stream_.reset();
    if (call_.cancel->cancelled()) {
      error_ = internal::CancelledByCaller();
      return false;
    }
    if (Permanent(ended.code()) || (options_.max_reconnects > 0 && ++failed_reconnects > options_.max_reconnects)) {
      error_ = std::move(ended);
      return false;
    }
    // Jittered exponential backoff between reconnections (not reset by Next
    // calls, only by a successful reopen), at least the server's RetryInfo.
    backoff_ = backoff_.count() == 0 ? retry.initial_backoff : std::min(retry.max_backoff, backoff_ * 2);
    const auto sleep = std::max(ended.retry_delay(), internal::Jitter(backoff_ / 2, backoff_));
    if (!call_.cancel->SleepFor(sleep)) {
      error_ = internal::CancelledByCaller();
      return false;
    }
  }
}

void EventStream::Cancel() { call_.cancel->Cancel(); }

}  // namespace biopolis::client
