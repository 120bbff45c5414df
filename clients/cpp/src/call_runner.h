// The mechanics of one SDK call, shared by every service client: request id,
// per-attempt context (key, deadline, metadata, cancellation), the retry
// loop (RetryPolicy) and the classification of errors. Immutable after
// construction; thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "biopolis/connection.h"
#include "biopolis/options.h"
#include "biopolis/status.h"

namespace google::protobuf {
class Message;
}

namespace biopolis::client::internal {

class CallRunner {
 public:
  CallRunner(std::shared_ptr<Connection> connection, ClientOptions options);

  // Sends `request` to `method` until an attempt succeeds or fails in a way
  // not worth retrying; fills `response`. An empty `request_id` field is
  // filled first and kept across attempts. `retry` false: one attempt.
  std::optional<Error> Run(std::string_view method, google::protobuf::Message& request,
                           google::protobuf::Message* response, const CallOptions& call, bool retry) const;

  // The retry loop itself: runs `attempt` with a fresh context (a deadline
  // from now when `with_deadline`) until it succeeds, fails in a way not
  // worth retrying, or the policy's attempts or budget run out. `may_retry`,
  // when set, vetoes another attempt (e.g. a download that already wrote bytes).
  using Attempt = std::function<std::optional<Error>(const CallContext&)>;
  std::optional<Error> Retry(const CallOptions& call, bool retry, bool with_deadline, const Attempt& attempt,
                             const std::function<bool()>& may_retry = {}) const;

  // The context of one attempt: the API key, `call`'s metadata and token,
  // and (when `with_deadline`) the attempt's deadline from now.
  CallContext AttemptContext(const CallOptions& call, bool with_deadline) const;

  const RetryPolicy& RetryFor(const CallOptions& call) const { return call.retry ? *call.retry : options_.retry; }
  Connection& connection() const { return *connection_; }

 private:
  std::shared_ptr<Connection> connection_;
  ClientOptions options_;
};

// Whether an error is worth another attempt of an idempotent call.
bool Retryable(const Error& error);

// A uniformly random duration in [low, high].
std::chrono::milliseconds Jitter(std::chrono::milliseconds low, std::chrono::milliseconds high);

// The error of a call its caller cancelled.
Error CancelledByCaller();

}  // namespace biopolis::client::internal
