#include "call_runner.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <thread>

#include "biopolis/service_client.h"

namespace biopolis::client {
namespace {

std::mt19937_64& ThreadRng() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^ (static_cast<std::uint64_t>(std::random_device{}()) << 32));
  return rng;
}

// Fills the request's `request_id` field, when it has one and it is empty,
// so every attempt of a mutation carries the same id.
void EnsureRequestId(google::protobuf::Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return;
  }
  const auto* reflection = request.GetReflection();
  if (reflection->GetString(request, field).empty()) reflection->SetString(&request, field, NewRequestId());
}

}  // namespace

std::string NewRequestId() {
  std::uniform_int_distribution<std::uint64_t> dist;
  std::uint64_t hi = dist(ThreadRng());
  std::uint64_t lo = dist(ThreadRng());
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF), static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

void SetTimestamp(std::chrono::system_clock::time_point t, google::protobuf::Timestamp* out) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  std::int64_t seconds = micros / 1'000'000;
  std::int64_t rest = micros % 1'000'000;
  if (rest < 0) {
    rest += 1'000'000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<std::int32_t>(rest * 1000));
}

namespace internal {

bool Retryable(const Error& error) {
  switch (error.code()) {
    case StatusCode::UNAVAILABLE:
    case StatusCode::DEADLINE_EXCEEDED:
      return true;
    case StatusCode::RESOURCE_EXHAUSTED:
      return error.reason() == "RATE_LIMITED" || error.reason() == "SERVER_BUSY";
    default:
      return false;
  }
}

std::chrono::milliseconds Jitter(std::chrono::milliseconds low, std::chrono::milliseconds high) {
  std::uniform_int_distribution<long long> dist(low.count(), std::max(low, high).count());
  return std::chrono::milliseconds(dist(ThreadRng()));
}

Error CancelledByCaller() {
  return Error(StatusCode::CANCELLED, "the call was cancelled by its caller", kCancelledByCaller);
}

CallRunner::CallRunner(std::shared_ptr<Connection> connection, ClientOptions options)
    : connection_(std::move(connection)), options_(std::move(options)) {}

CallContext CallRunner::AttemptContext(const CallOptions& call, bool with_deadline) const {
  CallContext context;
  if (with_deadline) context.deadline = std::chrono::system_clock::now() + call.deadline.value_or(options_.deadline);
  const std::string key = options_.api_key_provider ? options_.api_key_provider() : options_.api_key;
  if (!key.empty()) context.metadata.emplace_back("authorization", "Bearer " + key);
  context.metadata.insert(context.metadata.end(), call.metadata.begin(), call.metadata.end());
  context.cancel = call.cancel;
  return context;
}

std::optional<Error> CallRunner::Run(std::string_view method, google::protobuf::Message& request,
                                     google::protobuf::Message* response, const CallOptions& call, bool retry) const {
  EnsureRequestId(request);
  return Retry(call, retry, /*with_deadline=*/true, [&](const CallContext& context) {
    response->Clear();
    return connection_->Unary(method, request, response, context);
  });
}

std::optional<Error> CallRunner::Retry(const CallOptions& call, bool retry, bool with_deadline,
                                       const Attempt& run_attempt, const std::function<bool()>& may_retry) const {
  const RetryPolicy& policy = RetryFor(call);
  const auto budget_end = std::chrono::steady_clock::now() + policy.total_budget;
  auto backoff = policy.initial_backoff;
  for (int attempt = 1;; ++attempt) {
    if (call.cancel && call.cancel->cancelled()) return CancelledByCaller();
    std::optional<Error> error = run_attempt(AttemptContext(call, with_deadline));
    if (!error) return std::nullopt;
    if (call.cancel && call.cancel->cancelled()) return CancelledByCaller();
    if (!retry || !Retryable(*error) || (may_retry && !may_retry())) return error;
    if (policy.max_attempts > 0 && attempt >= policy.max_attempts) return error;
    // Full jitter: a random time up to the current backoff, but never less
    // than what the server asked for.
    const auto sleep = std::max(error->retry_delay(), Jitter(std::chrono::milliseconds(0), backoff));
    if (std::chrono::steady_clock::now() + sleep >= budget_end) return error;
    if (call.cancel) {
      if (!call.cancel->SleepFor(sleep)) return CancelledByCaller();
    } else {
      std::this_thread::sleep_for(sleep);
    }
    backoff = std::min(policy.max_backoff, backoff * 2);
  }
}

}  // namespace internal

ServiceClientBase::ServiceClientBase(std::shared_ptr<Connection> connection, ClientOptions options)
    : runner_(std::make_shared<internal::CallRunner>(std::move(connection), std::move(options))) {}

ServiceClientBase::ServiceClientBase(ClientOptions options) : ServiceClientBase(MakeGrpcConnection(options), options) {}

std::optional<Error> ServiceClientBase::Run(std::string_view method, google::protobuf::Message& request,
                                            google::protobuf::Message* response, bool retry) const {
  return runner_->Run(method, request, response, call_options_, retry);
}

}  // namespace biopolis::client
