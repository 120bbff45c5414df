// Errors of SDK calls: a status code owned by the SDK (not gRPC's), the
// server's message, and the google.rpc details decoded — the stable
// machine-readable reason with its domain and metadata (ErrorInfo), one
// FieldViolation per bad field (BadRequest), precondition violations and the
// server's requested retry delay (RetryInfo) — so callers never dig in raw
// gRPC statuses. Value types; thread-compatible.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace biopolis::client {

// The canonical status codes, numbered as in google.rpc.Code.
enum class StatusCode : int {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  DEADLINE_EXCEEDED = 4,
  NOT_FOUND = 5,
  ALREADY_EXISTS = 6,
  PERMISSION_DENIED = 7,
  RESOURCE_EXHAUSTED = 8,
  FAILED_PRECONDITION = 9,
  ABORTED = 10,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
  DATA_LOSS = 15,
  UNAUTHENTICATED = 16,
};

// The name of a status code, e.g. "NOT_FOUND"; "UNKNOWN" for a number outside the list.
const char* StatusCodeName(StatusCode code);

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
  Error(StatusCode code, std::string message, std::string reason = {})
      : code_(code), message_(std::move(message)), reason_(std::move(reason)) {}

  StatusCode code() const { return code_; }
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
  // "INVALID_ARGUMENT: message [reason]", then one line per field violation.
  std::string ToString() const;

  // Builders, used by the SDK's decoder and by tests that script a mock
  // connection's answers.
  Error& WithReason(std::string reason, std::string domain = "biopolis.v1");
  Error& WithMetadata(std::string key, std::string value);
  Error& WithRetryDelay(std::chrono::milliseconds delay);
  Error& WithFieldViolation(FieldViolation violation);
  Error& WithPreconditionViolation(PreconditionViolation violation);

 private:
  StatusCode code_ = StatusCode::OK;
  std::string message_;
  std::string reason_;
  std::string domain_;
  std::map<std::string, std::string> metadata_;
  std::chrono::milliseconds retry_delay_{0};
  std::vector<FieldViolation> field_violations_;
  std::vector<PreconditionViolation> preconditions_;
};

// Error::reason() of a call or watch the caller itself cancelled (through a
// CancellationToken or EventStream::Cancel()), to tell it from a CANCELLED
// the caller did not ask for.
inline constexpr const char* kCancelledByCaller = "CANCELLED_BY_CALLER";

}  // namespace biopolis::client
