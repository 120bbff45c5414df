#include "core/status.h"

namespace biopolis {

Status Status::InvalidArgument(std::vector<FieldViolation> violations) {
  std::string message = "invalid request";
  std::string reason = "INVALID_ARGUMENT";
  if (!violations.empty()) {
    reason = violations.front().reason;
    message = violations.front().field + ": " + violations.front().description;
    if (violations.size() > 1) {
      message += " (and " + std::to_string(violations.size() - 1) + " more)";
    }
  }
  Status st(StatusCode::kInvalidArgument, std::move(message), std::move(reason));
  st.violations_ = std::move(violations);
  return st;
}

Status Status::InvalidField(std::string field, std::string description, std::string reason) {
  return InvalidArgument({{std::move(field), std::move(description), std::move(reason)}});
}

Status Status::NotFound(const std::string& resource_name) {
  return Status(StatusCode::kNotFound, resource_name + " not found", "NOT_FOUND");
}

Status Status::AlreadyExists(std::string message, std::string reason) {
  return Status(StatusCode::kAlreadyExists, std::move(message), std::move(reason));
}

Status Status::PermissionDenied(std::string message) {
  return Status(StatusCode::kPermissionDenied, std::move(message), "PERMISSION_DENIED");
}

Status Status::Unauthenticated(std::string message) {
  return Status(StatusCode::kUnauthenticated, std::move(message), "UNAUTHENTICATED");
}

Status Status::WrongState(const std::string& resource_name, const std::string& state_name, const std::string& wanted) {
  return FailedPrecondition(resource_name + " is in state " + state_name + "; " + wanted, "WRONG_STATE",
                            {"STATE", resource_name, "current state is " + state_name});
}

Status Status::FailedPrecondition(std::string message, std::string reason, PreconditionViolation violation) {
  Status st(StatusCode::kFailedPrecondition, std::move(message), std::move(reason));
  st.preconditions_.push_back(std::move(violation));
  return st;
}

Status Status::FailedPrecondition(std::string message, std::string reason,
                                  std::vector<PreconditionViolation> violations) {
  Status st(StatusCode::kFailedPrecondition, std::move(message), std::move(reason));
  st.preconditions_ = std::move(violations);
  return st;
}

Status Status::StaleEtag(const std::string& resource_name) {
  return Status(StatusCode::kAborted,
                "etag does not match the current version of " + resource_name + "; read it again and retry",
                "STALE_ETAG");
}

Status Status::Internal(std::string message) { return Status(StatusCode::kInternal, std::move(message), "INTERNAL"); }

Status Status::Unavailable(std::string message) {
  return Status(StatusCode::kUnavailable, std::move(message), "UNAVAILABLE");
}

Status Status::ResourceExhausted(std::string message, std::string reason) {
  return Status(StatusCode::kResourceExhausted, std::move(message), std::move(reason));
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = std::string(StatusCodeName(code_)) + ": " + message_;
  if (!reason_.empty()) out += " [" + reason_ + "]";
  return out;
}

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kCancelled:
      return "CANCELLED";
    case StatusCode::kUnknown:
      return "UNKNOWN";
    case StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case StatusCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case StatusCode::kNotFound:
      return "NOT_FOUND";
    case StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case StatusCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case StatusCode::kAborted:
      return "ABORTED";
    case StatusCode::kOutOfRange:
      return "OUT_OF_RANGE";
    case StatusCode::kUnimplemented:
      return "UNIMPLEMENTED";
    case StatusCode::kInternal:
      return "INTERNAL";
    case StatusCode::kUnavailable:
      return "UNAVAILABLE";
    case StatusCode::kDataLoss:
      return "DATA_LOSS";
    case StatusCode::kUnauthenticated:
      return "UNAUTHENTICATED";
  }
  return "UNKNOWN";
}

void FieldErrors::CheckText(const std::string& field, std::string_view value, std::size_t max_bytes, bool required) {
  if (required && value.empty()) {
    Add(field, "is required", "FIELD_REQUIRED");
  } else if (value.size() > max_bytes) {
    Add(field, "is longer than " + std::to_string(max_bytes) + " bytes", "FIELD_TOO_LONG");
  }
}

}  // namespace biopolis
