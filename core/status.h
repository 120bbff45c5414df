// Status and Result: the error vocabulary of the domain and storage layers.
//
// A Status is a value type: OK, or a canonical code (numerically equal to
// gRPC's, so the service layer maps it by a cast) with a message for people,
// a stable machine-readable `reason` (e.g. "INVALID_INN_CHECKSUM"), and
// optional structured details: one FieldViolation per bad field, or a
// PreconditionViolation naming the current state. No gRPC types here.
//
// Thread-safety: a Status is immutable after construction except through its
// builder-style setters; copies are independent.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace biopolis {

enum class StatusCode {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// One bad field of a request: `field` is the path in the request message
// (e.g. "application.okved_codes[1]"), `reason` a stable code.
struct FieldViolation {
  std::string field;
  std::string description;
  std::string reason;
};

// A failed precondition, e.g. {type "STATE", subject "applications/7",
// description "application is in state STATE_DRAFT"}.
struct PreconditionViolation {
  std::string type;
  std::string subject;
  std::string description;
};

class Status {
 public:
  // OK.
  Status() = default;
  Status(StatusCode code, std::string message, std::string reason = {})
      : code_(code), message_(std::move(message)), reason_(std::move(reason)) {}

  static Status Ok() { return Status(); }
  // INVALID_ARGUMENT with one violation per bad field; `reason` defaults to
  // the first violation's reason.
  static Status InvalidArgument(std::vector<FieldViolation> violations);
  static Status InvalidField(std::string field, std::string description, std::string reason);
  // NOT_FOUND for `resource_name` (e.g. "applications/7").
  static Status NotFound(const std::string& resource_name);
  static Status AlreadyExists(std::string message, std::string reason);
  static Status PermissionDenied(std::string message);
  static Status Unauthenticated(std::string message);
  // FAILED_PRECONDITION naming the resource's current state.
  static Status WrongState(const std::string& resource_name, const std::string& state_name, const std::string& wanted);
  static Status FailedPrecondition(std::string message, std::string reason, PreconditionViolation violation);
  // FAILED_PRECONDITION with several violations (e.g. one per missing document kind).
  static Status FailedPrecondition(std::string message, std::string reason,
                                   std::vector<PreconditionViolation> violations);
  // ABORTED for an etag that does not match the stored version.
  static Status StaleEtag(const std::string& resource_name);
  static Status Internal(std::string message);
  static Status Unavailable(std::string message);
  static Status ResourceExhausted(std::string message, std::string reason);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& reason() const { return reason_; }
  const std::vector<FieldViolation>& field_violations() const { return violations_; }
  // The first precondition violation, if any.
  std::optional<PreconditionViolation> precondition() const {
    if (preconditions_.empty()) return std::nullopt;
    return preconditions_.front();
  }
  const std::vector<PreconditionViolation>& preconditions() const { return preconditions_; }

  // "INVALID_ARGUMENT: message [reason]" for logs and tests.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string reason_;
  std::vector<FieldViolation> violations_;
  std::vector<PreconditionViolation> preconditions_;
};

const char* StatusCodeName(StatusCode code);

// A value or the Status explaining why there is none: never both, never an
// OK status without a value. Built from an OK status (a bug), it holds
// INTERNAL instead. value() and the accessors check: on an error they throw
// std::logic_error, which the call gate and the store answer as INTERNAL
// (never undefined behaviour). [[nodiscard]]: a Result must be looked at.
// Thread-compatible, like the value it holds.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status)                                                  // NOLINT: implicit by design
      : state_(std::in_place_index<1>, status.ok()
                                           ? Status::Internal("a Result was built from an OK status without a value")
                                           : std::move(status)) {}

  bool ok() const { return state_.index() == 0; }
  // The error; OK when there is a value.
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(state_);
  }
  T& value() & { return Checked(); }
  const T& value() const& { return const_cast<Result*>(this)->Checked(); }
  T&& value() && { return std::move(Checked()); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Checked(); }
  T&& operator*() && { return std::move(Checked()); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Checked(); }

 private:
  T& Checked() {
    if (!ok()) throw std::logic_error("value() of a failed Result: " + std::get<1>(state_).ToString());
    return std::get<0>(state_);
  }
  std::variant<T, Status> state_;
};

// Collects field violations while a request is validated.
class FieldErrors {
 public:
  void Add(std::string field, std::string description, std::string reason) {
    violations_.push_back({std::move(field), std::move(description), std::move(reason)});
  }
  void Append(const std::vector<FieldViolation>& more) {
    violations_.insert(violations_.end(), more.begin(), more.end());
  }
  // The one text check: "is required" (FIELD_REQUIRED) when `required` and
  // `value` is empty, "is longer than N bytes" (FIELD_TOO_LONG) past
  // `max_bytes` (one of core/text_limits.h).
  void CheckText(const std::string& field, std::string_view value, std::size_t max_bytes, bool required = false);
  bool empty() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  Status ToStatus() const { return empty() ? Status::Ok() : Status::InvalidArgument(violations_); }

 private:
  std::vector<FieldViolation> violations_;
};

}  // namespace biopolis

#define BIOPOLIS_CONCAT_INNER(a, b) a##b
#define BIOPOLIS_CONCAT(a, b) BIOPOLIS_CONCAT_INNER(a, b)
// `BIOPOLIS_ASSIGN_OR_RETURN(auto plot, LoadPlot(tx, id));` evaluates the
// Result-returning expression once; on an error returns its Status from the
// enclosing function (which returns Status or a Result), else moves the value
// into the declaration. One statement instead of a Result variable and a check.
#define BIOPOLIS_ASSIGN_OR_RETURN(lhs, expr) \
  BIOPOLIS_ASSIGN_OR_RETURN_IMPL(BIOPOLIS_CONCAT(biopolis_result_, __LINE__), lhs, expr)
#define BIOPOLIS_ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                                   \
  if (!result.ok()) return result.status();               \
  lhs = std::move(result).value()

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define BIOPOLIS_RETURN_IF_ERROR(expr) \
  do {                                 \
    ::biopolis::Status _st = (expr);   \
    if (!_st.ok()) return _st;         \
  } while (0)
