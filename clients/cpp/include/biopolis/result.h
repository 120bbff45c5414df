// Results of SDK calls: a value, or an Error with the gRPC status decoded —
// code, message, the stable machine-readable reason, and one FieldViolation
// per bad field — so callers never dig in raw grpc::Status details.
#pragma once

#include <grpcpp/support/status.h>

#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace biopolis::client {

struct FieldViolation {
  std::string field;        // e.g. "organization.inn"
  std::string description;  // for people
  std::string reason;       // e.g. "INVALID_INN_CHECKSUM"
};

struct PreconditionViolation {
  std::string type;  // e.g. "STATE"
  std::string subject;
  std::string description;
};

class Error {
 public:
  Error() = default;
  Error(grpc::StatusCode code, std::string message, std::string reason = {})
      : code_(code), message_(std::move(message)), reason_(std::move(reason)) {}
  // Decodes the google.rpc.Status details of `status`.
  static Error FromStatus(const grpc::Status& status);

  grpc::StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // ErrorInfo.reason, e.g. "STALE_ETAG", "WRONG_STATE"; empty when absent.
  const std::string& reason() const { return reason_; }
  // ErrorInfo.domain ("biopolis.v1" for the server's own reasons) and metadata.
  const std::string& domain() const { return domain_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  // google.rpc.RetryInfo: how long the server asks the caller to wait before
  // retrying (RESOURCE_EXHAUSTED RATE_LIMITED / SERVER_BUSY); 0 when absent.
  std::chrono::milliseconds retry_delay() const { return retry_delay_; }
  const std::vector<FieldViolation>& field_violations() const { return field_violations_; }
  const std::vector<PreconditionViolation>& precondition_violations() const { return preconditions_; }
  // The violation on `field`, if any.
  const FieldViolation* violation(const std::string& field) const;
  // "INVALID_ARGUMENT: message [reason]".
  std::string ToString() const;

 private:
  grpc::StatusCode code_ = grpc::StatusCode::OK;
  std::string message_;
  std::string reason_;
  std::string domain_;
  std::map<std::string, std::string> metadata_;
  std::chrono::milliseconds retry_delay_{0};
  std::vector<FieldViolation> field_violations_;
  std::vector<PreconditionViolation> preconditions_;
};

// The name of a gRPC status code, e.g. "NOT_FOUND".
const char* StatusCodeName(grpc::StatusCode code);

// A value, or the Error explaining why there is none: never both. Built from
// an Error whose code is OK (a bug), it holds INTERNAL instead. value(), *
// and -> check: on an error they throw std::logic_error naming the error, so
// a missed check is a clear failure, never undefined behaviour.
// [[nodiscard]]: a dropped Result is a compiler warning.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error)                            // NOLINT: implicit by design
      : error_(error.code() == grpc::StatusCode::OK
                   ? Error(grpc::StatusCode::INTERNAL, "a Result was built from an OK error without a value")
                   : std::move(error)) {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  // OK when there is a value.
  grpc::StatusCode code() const { return ok() ? grpc::StatusCode::OK : error_.code(); }
  // The error; an Error with code OK when there is a value.
  const Error& error() const { return error_; }
  T& value() & { return Checked(); }
  const T& value() const& { return const_cast<Result*>(this)->Checked(); }
  T&& value() && { return std::move(Checked()); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Checked(); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Checked(); }

 private:
  T& Checked() {
    if (!value_) throw std::logic_error("value() of a failed biopolis::client::Result: " + error_.ToString());
    return *value_;
  }
  std::optional<T> value_;
  Error error_;
};

}  // namespace biopolis::client
