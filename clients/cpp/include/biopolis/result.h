// Result<T>: the value of an SDK call, or the Error explaining why there is none.
#pragma once

#include <optional>
#include <stdexcept>
#include <utility>

#include "biopolis/status.h"

namespace biopolis::client {

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
      : error_(error.code() == StatusCode::OK
                   ? Error(StatusCode::INTERNAL, "a Result was built from an OK error without a value")
                   : std::move(error)) {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  // OK when there is a value.
  StatusCode code() const { return ok() ? StatusCode::OK : error_.code(); }
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
