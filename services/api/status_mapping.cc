#include "services/api/status_mapping.h"

#include <grpcpp/support/error_details.h>

#include <string>
#include <string_view>

#include "core/bounded_text.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace biopolis {
namespace {

constexpr std::size_t kMaxFieldPathBytes = 128;
constexpr std::size_t kMaxDescriptionBytes = 240;
constexpr std::size_t kMaxShortTextBytes = 128;

// What a client is told about a limit it ran into: when to retry
// (google.rpc.RetryInfo) and which limit (google.rpc.QuotaFailure).
struct LimitAdvice {
  std::string_view reason;
  int retry_after_ms;
  std::string_view subject;
  std::string_view description;
};
constexpr LimitAdvice kLimitAdvice[] = {
    {"RATE_LIMITED", 1000, "api key", "calls per second of one key (rate_limit_per_second, rate_limit_burst)"},
    {"SERVER_BUSY", 200, "server", "calls in progress at once (max_concurrent_calls)"},
    {"AUTHENTICATION_RATE_LIMITED", 5000, "peer address",
     "failed authentications per peer address (failed_auth_per_second, failed_auth_burst)"},
};

std::string ViolationDescription(const FieldViolation& v) {
  std::string suffix = v.reason.empty() ? "" : " [" + BoundText(v.reason, 64) + "]";
  return BoundText(v.description, kMaxDescriptionBytes) + suffix;
}

}  // namespace

grpc::Status ToGrpcStatus(const Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(status.code()));
  rich.set_message(BoundText(status.message(), kMaxErrorMessageBytes));
  if (!status.reason().empty()) {
    google::rpc::ErrorInfo info;
    info.set_reason(BoundText(status.reason(), 64));
    info.set_domain("biopolis.v1");
    rich.add_details()->PackFrom(info);
  }
  if (status.code() == StatusCode::kResourceExhausted) {
    for (const auto& advice : kLimitAdvice) {
      if (advice.reason != status.reason()) continue;
      google::rpc::RetryInfo retry;
      retry.mutable_retry_delay()->set_seconds(advice.retry_after_ms / 1000);
      retry.mutable_retry_delay()->set_nanos((advice.retry_after_ms % 1000) * 1'000'000);
      rich.add_details()->PackFrom(retry);
      google::rpc::QuotaFailure quota;
      auto* v = quota.add_violations();
      v->set_subject(std::string(advice.subject));
      v->set_description(std::string(advice.description));
      rich.add_details()->PackFrom(quota);
    }
  }
  if (!status.preconditions().empty()) {
    google::rpc::PreconditionFailure failure;
    std::size_t sent = 0;
    for (const auto& p : status.preconditions()) {
      if (sent++ == kMaxFieldViolations) break;
      auto* v = failure.add_violations();
      v->set_type(BoundText(p.type, kMaxShortTextBytes));
      v->set_subject(BoundText(p.subject, kMaxShortTextBytes));
      v->set_description(BoundText(p.description, kMaxDescriptionBytes));
    }
    rich.add_details()->PackFrom(failure);
  }
  if (!status.field_violations().empty()) {
    const auto& all = status.field_violations();
    // What the details other than BadRequest already take, and a reserve for
    // the summarising violation and the Any wrapper.
    const std::size_t budget = kMaxErrorDetailsBytes - std::min(kMaxErrorDetailsBytes, rich.ByteSizeLong() + 160);
    google::rpc::BadRequest bad;
    std::size_t sent = 0;
    for (const auto& v : all) {
      if (sent == kMaxFieldViolations) break;
      google::rpc::BadRequest::FieldViolation fv;
      fv.set_field(BoundText(v.field, kMaxFieldPathBytes));
      fv.set_description(ViolationDescription(v));
      if (bad.ByteSizeLong() + fv.ByteSizeLong() + 4 > budget) break;
      *bad.add_field_violations() = std::move(fv);
      ++sent;
    }
    if (sent < all.size()) {
      auto* more = bad.add_field_violations();
      more->set_field("");
      more->set_description("and " + std::to_string(all.size() - sent) + " more violation(s) not listed; fix these " +
                            "and call again [TOO_MANY_VIOLATIONS]");
    }
    rich.add_details()->PackFrom(bad);
  }
  grpc::Status out;
  grpc::SetErrorDetails(rich, &out);
  return out;
}

}  // namespace biopolis
