// Options of the SDK: the client's (ClientOptions, RetryPolicy), one call's
// (CallOptions, CancellationToken) and a List call's (ListOptions).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace biopolis::client {

// How calls are retried. What is retried: UNAVAILABLE (the server is
// restarting or unreachable), DEADLINE_EXCEEDED (an attempt's deadline), and
// RESOURCE_EXHAUSTED with reason RATE_LIMITED or SERVER_BUSY (never sooner
// than the server's RetryInfo delay). Every retry of a mutation carries the
// same request_id, so the server applies it once. A call the server cannot
// deduplicate (Backups::Create, which carries no request_id) is never
// retried, nor is a call the caller cancelled. Backoff: exponential from
// initial_backoff to max_backoff, with full jitter; retries stop when the
// next one would start after `total_budget` from the first attempt (or after
// max_attempts, when set).
struct RetryPolicy {
  // Attempts in all, including the first; 0 = as many as the budget allows;
  // 1 disables retries.
  int max_attempts = 0;
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  // Long enough to ride over a restart of the server (seconds) or a short failover.
  std::chrono::milliseconds total_budget{30000};
};

struct ClientOptions {
  // HOST:PORT of biopolisd.
  std::string target = "127.0.0.1:50051";
  // The API key's secret.
  std::string api_key{};
  // Credentials provider: when set, called before every attempt for the API
  // key to send (e.g. read from a secrets store that rotates it); api_key is
  // then ignored. Must be thread-safe.
  std::function<std::string()> api_key_provider{};
  // PEM root certificates; when set, the channel uses TLS.
  std::string tls_root_certs{};
  // Optional client certificate and key (PEM) for mutual TLS.
  std::string tls_client_cert{};
  std::string tls_client_key{};
  // Prepended to gRPC's own user agent, e.g. "acme-erp/4.2".
  std::string user_agent{};
  // Extra gRPC channel arguments (GRPC_ARG_* names), applied after the SDK's.
  std::map<std::string, int> channel_int_args{};
  std::map<std::string, std::string> channel_string_args{};
  // Deadline of each attempt.
  std::chrono::milliseconds deadline{10000};
  RetryPolicy retry{};
};

// Cancels calls from another thread: an attempt in flight ends CANCELLED
// (reason kCancelledByCaller) and a backoff sleep between attempts is cut
// short. Copies share one state; thread-safe. A token once cancelled stays
// cancelled: make a new one for the next call.
class CancellationToken {
 public:
  CancellationToken();
  void Cancel();
  bool cancelled() const;

  // For the SDK's connections: runs `on_cancel` when the token is cancelled
  // (at once, when it already is) until the returned registration is
  // destroyed; on_cancel must not block or call back into the token.
  class Registration {
   public:
    Registration() = default;
    Registration(Registration&&) noexcept;
    Registration& operator=(Registration&&) noexcept;
    ~Registration();

   private:
    friend class CancellationToken;
    struct State;
    void Release();
    std::shared_ptr<State> state_;
    std::uint64_t id_ = 0;
  };
  [[nodiscard]] Registration OnCancel(std::function<void()> on_cancel) const;
  // Sleeps `d` unless cancelled first; false when cancelled.
  bool SleepFor(std::chrono::milliseconds d) const;

 private:
  std::shared_ptr<Registration::State> state_;
};

// Options of one call (or of every call through a service client made with
// With(CallOptions)): unset fields take the client's.
struct CallOptions {
  // Deadline of each attempt.
  std::optional<std::chrono::milliseconds> deadline{};
  std::optional<RetryPolicy> retry{};
  // Cancels the call (and cuts its retries' backoff).
  std::optional<CancellationToken> cancel{};
  // Extra request metadata, e.g. {"x-correlation-id", "..."}; lower-case keys.
  std::vector<std::pair<std::string, std::string>> metadata{};
};

// Options of a List call, built fluently:
//   ListOptions().Filter("state = \"STATE_SUBMITTED\"").OrderBy("create_time desc").PageSize(100)
struct ListOptions {
  std::string filter{};
  std::string order_by{};
  // 0: the server's default (50).
  int page_size = 0;
  // Support::ListMeasures only: measures open today.
  bool open_only = false;
  // ServiceDesk::ListRequests only: requests past their SLA.
  bool overdue_only = false;
  // Residents::List only: the registry as it stood at this time.
  std::optional<std::chrono::system_clock::time_point> as_of{};

  ListOptions& Filter(std::string f) {
    filter = std::move(f);
    return *this;
  }
  ListOptions& OrderBy(std::string o) {
    order_by = std::move(o);
    return *this;
  }
  ListOptions& PageSize(int n) {
    page_size = n;
    return *this;
  }
  ListOptions& OpenOnly(bool b = true) {
    open_only = b;
    return *this;
  }
  ListOptions& OverdueOnly(bool b = true) {
    overdue_only = b;
    return *this;
  }
  ListOptions& AsOf(std::chrono::system_clock::time_point t) {
    as_of = t;
    return *this;
  }
};

}  // namespace biopolis::client
