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

#include "services/core/rate_limiter.h"
#include "services/domain/domain.h"

namespace google::protobuf {
class Message;
}

namespace biopolis {

// Limits the gate enforces before any work.
struct CallLimits {
  // Calls in progress at once; beyond it, RESOURCE_EXHAUSTED (SERVER_BUSY).
  int max_concurrent_calls = 512;
  // Per key (token bucket): average calls a second (0: off) and burst.
  double per_key_per_second = 100;
  double per_key_burst = 200;
};

class CallGate {
 public:
  // `certificate_roles`: verified client certificate common name -> role.
  CallGate(Domain& domain, CallLimits limits = {}, std::map<std::string, Role> certificate_roles = {})
      : domain_(domain),
        limits_(limits),
        certificate_roles_(std::move(certificate_roles)),
        rate_(domain.clock(), limits.per_key_per_second, limits.per_key_burst) {}

  using ReadFn = std::function<Status(const Caller&)>;
  using MutateFn = std::function<void(const Caller&, CommandMeta, Reply)>;

  // `method` is the full name, e.g. "/biopolis.v1.ApplicationService/GetApplication".
  grpc::ServerUnaryReactor* Read(grpc::CallbackServerContext* ctx, std::string_view method, const ReadFn& fn);

  // `fn` starts the command; the reply's bytes are parsed into `response`.
  template <typename Request>
  grpc::ServerUnaryReactor* Mutate(grpc::CallbackServerContext* ctx, std::string_view method, const Request& request,
                                   google::protobuf::Message* response, const MutateFn& fn) {
    Request body = request;
    body.clear_request_id();
    return MutateErased(ctx, method, request.request_id(), Fingerprint(body), response, fn);
  }

  Domain& domain() { return domain_; }

  // Authenticates and authorizes a call (for streaming handlers, which
  // cannot use Read/Mutate).
  Result<Caller> Admit(grpc::CallbackServerContext* ctx, std::string_view method);

 private:
  grpc::ServerUnaryReactor* MutateErased(grpc::CallbackServerContext* ctx, std::string_view method,
                                         const std::string& request_id, std::string fingerprint,
                                         google::protobuf::Message* response, const MutateFn& fn);
  static std::string Fingerprint(const google::protobuf::Message& body);

  // Finishes a call: maps the status, logs once, releases the concurrency slot.
  void Finish(grpc::ServerUnaryReactor* reactor, std::string_view method, const std::string& principal,
              std::chrono::steady_clock::time_point start, const Status& status, bool counted);
  // Takes a concurrency slot; false when the server is at its limit.
  bool Enter();

  // The caller behind the connection's verified client certificate;
  // UNAUTHENTICATED when there is none or its name is not mapped.
  Result<Caller> CertificateCaller(grpc::CallbackServerContext* ctx) const;

  Domain& domain_;
  CallLimits limits_;
  const std::map<std::string, Role> certificate_roles_;
  RateLimiter rate_;
  std::atomic<int> in_flight_{0};
};

}  // namespace biopolis
