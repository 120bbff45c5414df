#include "services/api/call_gate.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <iterator>
#include <memory>

#include "core/bounded_text.h"
#include "core/crypto.h"
#include "services/api/access_policy.h"
#include "services/api/log_format.h"
#include "services/api/request_limits.h"
#include "services/api/status_mapping.h"

namespace biopolis {
namespace {

using SteadyTime = std::chrono::steady_clock::time_point;

std::string_view ShortName(std::string_view method) {
  auto slash = method.rfind('/');
  return slash == std::string_view::npos ? method : method.substr(slash + 1);
}

// The peer's address without its port ("ipv4:127.0.0.1", "ipv6:[::1]").
std::string PeerAddress(grpc::CallbackServerContext* ctx) {
  std::string peer = ctx->peer();
  auto colon = peer.rfind(':');
  if (colon != std::string::npos && colon > peer.find(':')) peer.resize(colon);
  return peer;
}

// Whether the call presents a key at all (a bad one is refused, never
// treated as no key).
bool HasCredentials(grpc::CallbackServerContext* ctx) { return ctx->client_metadata().count("authorization") > 0; }

// The bearer secret of the call's one `authorization` header ("" when there
// is none); UNAUTHENTICATED when the call carries more than one, so that no
// part of the server can read another header than the one authenticated.
Result<std::string_view> BearerSecret(grpc::CallbackServerContext* ctx) {
  const auto& md = ctx->client_metadata();
  auto [it, last] = md.equal_range("authorization");
  if (it == md.end() || it == last) return std::string_view();
  if (std::next(it) != last) {
    return Status::Unauthenticated("the call carries more than one `authorization` header; send exactly one");
  }
  std::string_view value(it->second.data(), it->second.size());
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.size() <= kPrefix.size()) return std::string_view();
  std::string_view scheme = value.substr(0, kPrefix.size());
  // The scheme is case-insensitive.
  for (std::size_t i = 0; i < kPrefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(scheme[i])) != std::tolower(static_cast<unsigned char>(kPrefix[i]))) {
      return std::string_view();
    }
  }
  return value.substr(kPrefix.size());
}

}  // namespace

std::string CallGate::Fingerprint(const google::protobuf::Message& body) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream sos(&bytes);
    google::protobuf::io::CodedOutputStream cos(&sos);
    cos.SetSerializationDeterministic(true);
    body.SerializeToCodedStream(&cos);
  }
  return Sha256Hex(std::string(body.GetTypeName()) + '\n' + bytes);
}

void CallGate::LogCall(grpc::CallbackServerContext* ctx, std::string_view method, const std::string& principal,
                       SteadyTime start, const Status& status, std::string_view request_id) {
  const auto elapsed = std::chrono::steady_clock::now() - start;
  if (limits_.record_metrics) {
    metrics_.Record(method, status, std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
  }
  const std::string peer = principal == "-" ? PeerAddress(ctx) : "-";
  LogCallLine(
      {method, principal, peer, request_id, std::chrono::duration<double, std::milli>(elapsed).count(), &status});
}

Result<Caller> CallGate::Authenticate(grpc::CallbackServerContext* ctx) {
  BIOPOLIS_ASSIGN_OR_RETURN(auto secret, BearerSecret(ctx));
  if (secret.empty()) return CertificateCaller(ctx);
  // The hot path: a key authenticated in the last few seconds, from the
  // cache, with no per-address bookkeeping.
  auto cached = domain_.keys.Authenticate(secret, /*cached_only=*/true);
  if (cached.ok()) return cached;
  // A lookup in the database. An address over its failed-attempt limit gets
  // none: guessing costs no database read.
  const std::string peer = PeerAddress(ctx);
  if (!failed_auth_.HasToken(peer)) {
    return Status::ResourceExhausted("too many failed authentications from this address; retry later with a valid key",
                                     "AUTHENTICATION_RATE_LIMITED");
  }
  auto caller = domain_.keys.Authenticate(secret);
  if (!caller.ok()) failed_auth_.Allow(peer);
  return caller;
}

Result<Caller> CallGate::Admit(grpc::CallbackServerContext* ctx, std::string_view method,
                               const google::protobuf::Message& request) {
  auto authenticated = Authenticate(ctx);
  // A call without credentials to a public method is admitted as the public,
  // one rate-limit bucket per peer address; any credentials given are checked.
  if (!authenticated.ok() && authenticated.status().code() == StatusCode::kUnauthenticated && IsPublicMethod(method) &&
      !HasCredentials(ctx)) {
    authenticated = Caller{"peers/" + PeerAddress(ctx), Role::kPublic, 0};
  }
  BIOPOLIS_ASSIGN_OR_RETURN(auto caller, std::move(authenticated));
  BIOPOLIS_RETURN_IF_ERROR(AuthorizeMethod(method, caller.role));
  if (!rate_.Allow(caller.principal)) {
    return Status::ResourceExhausted("this key is over its rate limit; slow down and retry", "RATE_LIMITED");
  }
  BIOPOLIS_RETURN_IF_ERROR(CheckRepeatedFieldCounts(request));
  return caller;
}

CallGate::Recheck CallGate::RecheckFor(grpc::CallbackServerContext* ctx, std::string_view method,
                                       const Caller& caller) {
  auto secret = BearerSecret(ctx);
  // A certificate's identity is the connection's, proven at the handshake and
  // mapped by static configuration: nothing to re-check while it lasts.
  if (!secret.ok() || secret->empty()) return [] { return Status::Ok(); };
  return [this, secret = std::string(*secret), method = std::string(method), principal = caller.principal] {
    BIOPOLIS_ASSIGN_OR_RETURN(auto now, domain_.keys.Authenticate(secret));
    if (now.principal != principal) return Status::Unauthenticated("the key no longer names the same caller");
    return AuthorizeMethod(method, now.role);
  };
}

Result<Caller> CallGate::CertificateCaller(grpc::CallbackServerContext* ctx) const {
  auto missing = Status::Unauthenticated("missing API key: send metadata `authorization: Bearer <key>`");
  if (certificate_roles_.empty()) return missing;
  auto auth = ctx->auth_context();
  // Set only when the handshake verified the client's certificate against tls_client_ca.
  if (!auth || !auth->IsPeerAuthenticated()) return missing;
  auto names = auth->FindPropertyValues(GRPC_X509_CN_PROPERTY_NAME);
  if (names.empty()) return missing;
  std::string name(names.front().data(), names.front().size());
  auto it = certificate_roles_.find(name);
  if (it == certificate_roles_.end()) {
    return Status::Unauthenticated("the client certificate CN=\"" + QuoteInput(name) +
                                   "\" is not mapped to a role (client_certificate_roles); send an API key");
  }
  return Caller{"certificates/" + name, it->second, 0};
}

bool CallGate::Enter() {
  if (in_flight_.fetch_add(1) >= limits_.max_concurrent_calls) {
    in_flight_.fetch_sub(1);
    return false;
  }
  return true;
}

void CallGate::Finish(grpc::ServerUnaryReactor* reactor, grpc::CallbackServerContext* ctx, std::string_view method,
                      const std::string& principal, SteadyTime start, const Status& status, bool counted,
                      std::string_view request_id) {
  LogCall(ctx, method, principal, start, status, request_id);
  reactor->Finish(ToGrpcStatus(status));
  if (counted) in_flight_.fetch_sub(1);
}

Status CallGate::ServerBusy() {
  return Status::ResourceExhausted("the server is at its limit of concurrent calls; retry shortly", "SERVER_BUSY");
}

grpc::ServerUnaryReactor* CallGate::Read(grpc::CallbackServerContext* ctx, std::string_view method,
                                         const google::protobuf::Message& request, const ReadFn& fn) {
  SteadyTime start = std::chrono::steady_clock::now();
  auto* reactor = ctx->DefaultReactor();
  if (!Enter()) {
    Finish(reactor, ctx, method, "-", start, ServerBusy(), false);
    return reactor;
  }
  auto caller = Admit(ctx, method, request);
  if (!caller.ok()) {
    Finish(reactor, ctx, method, "-", start, caller.status(), true);
    return reactor;
  }
  Status status;
  try {
    status = fn(*caller);
  } catch (const std::exception& e) {
    spdlog::error("rpc method={} threw: {}", method, e.what());
    status = Status::Internal("internal error");
  }
  Finish(reactor, ctx, method, caller->principal, start, status, true);
  return reactor;
}

grpc::ServerUnaryReactor* CallGate::MutateErased(grpc::CallbackServerContext* ctx, std::string_view method,
                                                 const google::protobuf::Message& request,
                                                 const std::string& request_id,
                                                 const std::function<std::string()>& fingerprint,
                                                 google::protobuf::Message* response, const MutateFn& fn) {
  SteadyTime start = std::chrono::steady_clock::now();
  auto* reactor = ctx->DefaultReactor();
  if (!Enter()) {
    Finish(reactor, ctx, method, "-", start, ServerBusy(), false);
    return reactor;
  }
  auto caller = Admit(ctx, method, request);
  if (!caller.ok()) {
    Finish(reactor, ctx, method, "-", start, caller.status(), true);
    return reactor;
  }
  CommandMeta meta{std::string(ShortName(method)), request_id, fingerprint()};
  std::string principal = caller->principal;
  std::string method_name(method);
  Reply reply = [this, reactor, ctx, response, principal, method_name, start,
                 request_id = meta.request_id](Result<std::string> result) {
    Status status = result.status();
    if (result.ok() && !response->ParseFromString(*result)) {
      status = Status::Internal("could not decode the stored response");
    }
    Finish(reactor, ctx, method_name, principal, start, status, true, request_id);
  };
  try {
    fn(*caller, std::move(meta), reply);
  } catch (const std::exception& e) {
    spdlog::error("rpc method={} threw: {}", method, e.what());
    Finish(reactor, ctx, method, principal, start, Status::Internal("internal error"), true);
  }
  return reactor;
}

}  // namespace biopolis
