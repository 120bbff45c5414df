// The choke point every RPC goes through (deny by default):
//   1. authenticates the call: by the bearer key in the call's own metadata,
//      or, without a key, by the verified TLS client certificate of its
//      connection when its common name is mapped to a role (mutual TLS; the
//      certificate is the connection's identity, proven in the handshake);
//   2. checks the method-to-role table (access_policy.h);
//   3. runs the handler's function: a read inline, a mutation on the writer
//      thread with the request's idempotency fingerprint;
//   4. maps the domain Status to a grpc::Status with details, finishes the
//      reactor, and logs the call once (debug when OK, warn on error).
//
// Thread-safety: safe for concurrent use; holds no per-call state.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/rate_limiter.h"
#include "services/api/call_metrics.h"
#include "services/domain/domain.h"

namespace google::protobuf {
class Message;
}

namespace biopolis {

// Limits the gate enforces before any work.
struct CallLimits {
  // Calls in progress at once, counted before authentication; beyond it,
  // RESOURCE_EXHAUSTED (SERVER_BUSY).
  int max_concurrent_calls = 512;
  // Per key (token bucket): average calls a second (0: off) and burst.
  double per_key_per_second = 100;
  double per_key_burst = 200;
  // Failed authentications per peer address (token bucket): average a second
  // (0: off) and burst. Past it, that address's calls are answered only for
  // keys authenticated recently (the cache), others RESOURCE_EXHAUSTED
  // (AUTHENTICATION_RATE_LIMITED) without a database read.
  double failed_auth_per_second = 2;
  double failed_auth_burst = 20;
  // Record each call in metrics() (on when the /metrics endpoint is).
  bool record_metrics = false;
};

class CallGate {
 public:
  // `certificate_roles`: verified client certificate common name -> role.
  CallGate(Domain& domain, CallLimits limits = {}, std::map<std::string, Role> certificate_roles = {})
      : domain_(domain),
        limits_(limits),
        certificate_roles_(std::move(certificate_roles)),
        rate_(domain.clock(), limits.per_key_per_second, limits.per_key_burst),
        failed_auth_(domain.clock(), limits.failed_auth_per_second, limits.failed_auth_burst) {}

  using ReadFn = std::function<Status(const Caller&)>;
  using MutateFn = std::function<void(const Caller&, CommandMeta, Reply)>;

  // `method` is the full name, e.g. "/biopolis.v1.ApplicationService/GetApplication".
  // `request` is checked against the repeated-field limits (request_limits.h)
  // once the caller is admitted, before `fn` runs.
  grpc::ServerUnaryReactor* Read(grpc::CallbackServerContext* ctx, std::string_view method,
                                 const google::protobuf::Message& request, const ReadFn& fn);

  // `fn` starts the command; the reply's bytes are parsed into `response`.
  template <typename Request>
  grpc::ServerUnaryReactor* Mutate(grpc::CallbackServerContext* ctx, std::string_view method, const Request& request,
                                   google::protobuf::Message* response, const MutateFn& fn) {
    auto fingerprint = [&request] {
      Request body = request;
      body.clear_request_id();
      return Fingerprint(body);
    };
    return MutateErased(ctx, method, request, request.request_id(), fingerprint, response, fn);
  }

  Domain& domain() { return domain_; }

  // Logs a call once, as every call is logged: debug when OK, warn (error
  // for INTERNAL, UNKNOWN, DATA_LOSS) otherwise. Read and Mutate call it;
  // streaming handlers call it when their stream ends. `principal` "-" when
  // the caller is unknown (the peer's address is logged instead).
  // Also records the call in metrics() (by method and code, its latency).
  void LogCall(grpc::CallbackServerContext* ctx, std::string_view method, const std::string& principal,
               std::chrono::steady_clock::time_point start, const Status& status, std::string_view request_id = {});

  const CallMetrics& metrics() const { return metrics_; }
  // Unary calls in progress now.
  int calls_in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  // Authenticates and authorizes a call and checks its request's limits (for
  // streaming handlers, which cannot use Read/Mutate).
  Result<Caller> Admit(grpc::CallbackServerContext* ctx, std::string_view method,
                       const google::protobuf::Message& request);

  // A document transfer takes a concurrency slot like a unary call (false:
  // the server is at max_concurrent_calls; answer ServerBusy()) and gives it
  // back with Leave() when it ends. Event watches do not: they are long-lived
  // and cost a bounded page each.
  bool TryEnterStream() { return Enter(); }
  void LeaveStream() { in_flight_.fetch_sub(1); }
  static Status ServerBusy();

  // A check a long-lived call (a stream) repeats while it runs: OK while the
  // credentials it was admitted with still authenticate as the same caller
  // and may call `method`; UNAUTHENTICATED or PERMISSION_DENIED once the key
  // is revoked or expired. Cheap (the authentication cache); thread-safe.
  using Recheck = std::function<Status()>;
  Recheck RecheckFor(grpc::CallbackServerContext* ctx, std::string_view method, const Caller& caller);

 private:
  grpc::ServerUnaryReactor* MutateErased(grpc::CallbackServerContext* ctx, std::string_view method,
                                         const google::protobuf::Message& request, const std::string& request_id,
                                         const std::function<std::string()>& fingerprint,
                                         google::protobuf::Message* response, const MutateFn& fn);
  // The caller behind the call's credentials; failed attempts count against
  // the peer's address.
  Result<Caller> Authenticate(grpc::CallbackServerContext* ctx);
  static std::string Fingerprint(const google::protobuf::Message& body);

  // Finishes a call: maps the status, logs once, releases the concurrency slot.
  void Finish(grpc::ServerUnaryReactor* reactor, grpc::CallbackServerContext* ctx, std::string_view method,
              const std::string& principal, std::chrono::steady_clock::time_point start, const Status& status,
              bool counted, std::string_view request_id = {});
  // Takes a concurrency slot; false when the server is at its limit.
  bool Enter();

  // The caller behind the connection's verified client certificate;
  // UNAUTHENTICATED when there is none or its name is not mapped.
  Result<Caller> CertificateCaller(grpc::CallbackServerContext* ctx) const;

  Domain& domain_;
  CallLimits limits_;
  const std::map<std::string, Role> certificate_roles_;
  RateLimiter rate_;
  RateLimiter failed_auth_;
  std::atomic<int> in_flight_{0};
  CallMetrics metrics_;
};

}  // namespace biopolis
