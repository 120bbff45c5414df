#include "biopolis/status.h"

namespace biopolis::client {

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

Error& Error::WithReason(std::string reason, std::string domain) {
  reason_ = std::move(reason);
  domain_ = std::move(domain);
  return *this;
}

Error& Error::WithMetadata(std::string key, std::string value) {
  metadata_[std::move(key)] = std::move(value);
  return *this;
}

Error& Error::WithRetryDelay(std::chrono::milliseconds delay) {
  retry_delay_ = delay;
  return *this;
}

Error& Error::WithFieldViolation(FieldViolation violation) {
  field_violations_.push_back(std::move(violation));
  return *this;
}

Error& Error::WithPreconditionViolation(PreconditionViolation violation) {
  preconditions_.push_back(std::move(violation));
  return *this;
}

const char* StatusCodeName(StatusCode code) {
  static constexpr const char* kNames[] = {
      "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
      "DATA_LOSS", "UNAUTHENTICATED"};
  const int n = static_cast<int>(code);
  return n >= 0 && n < static_cast<int>(std::size(kNames)) ? kNames[n] : "UNKNOWN";
}

}  // namespace biopolis::client
