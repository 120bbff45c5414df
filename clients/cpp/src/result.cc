#include "biopolis/result.h"

#include <grpcpp/support/error_details.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace biopolis::client {

Error Error::FromStatus(const grpc::Status& status) {
  Error e(status.error_code(), status.error_message());
  google::rpc::Status rich;
  if (status.error_details().empty() || !grpc::ExtractErrorDetails(status, &rich).ok()) return e;
  for (const auto& any : rich.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    google::rpc::PreconditionFailure failure;
    google::rpc::RetryInfo retry;
    if (any.UnpackTo(&info)) {
      e.reason_ = info.reason();
      e.domain_ = info.domain();
      e.metadata_.insert(info.metadata().begin(), info.metadata().end());
    } else if (any.UnpackTo(&retry)) {
      e.retry_delay_ =
          std::chrono::milliseconds(retry.retry_delay().seconds() * 1000 + retry.retry_delay().nanos() / 1'000'000);
    } else if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) {
        FieldViolation fv{v.field(), v.description(), ""};
        // The server appends the violation's stable reason as " [REASON]".
        auto open = fv.description.rfind(" [");
        if (open != std::string::npos && fv.description.back() == ']') {
          fv.reason = fv.description.substr(open + 2, fv.description.size() - open - 3);
          fv.description.resize(open);
        }
        e.field_violations_.push_back(std::move(fv));
      }
    } else if (any.UnpackTo(&failure)) {
      for (const auto& v : failure.violations()) {
        e.preconditions_.push_back({v.type(), v.subject(), v.description()});
      }
    }
  }
  return e;
}

const FieldViolation* Error::violation(const std::string& field) const {
  for (const auto& v : field_violations_) {
    if (v.field == field) return &v;
  }
  return nullptr;
}

std::string Error::ToString() const {
  std::string out = std::string(StatusCodeName(code_)) + ": " + message_;
  if (!reason_.empty()) out += " [" + reason_ + "]";
  for (const auto& v : field_violations_) {
    out += "\n  " + v.field + ": " + v.description;
    if (!v.reason.empty()) out += " [" + v.reason + "]";
  }
  return out;
}

const char* StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

}  // namespace biopolis::client
