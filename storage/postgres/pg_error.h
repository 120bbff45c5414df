// A failure reported by PostgreSQL (or by libpq about the connection), with
// its SQLSTATE: what PgStore maps to a Status and decides to retry on.
#pragma once

#include <stdexcept>
#include <string>

namespace biopolis {

class PgError : public std::runtime_error {
 public:
  // `sqlstate` is PostgreSQL's five-character code; "" when the connection
  // itself failed (libpq reports no SQLSTATE then).
  PgError(std::string sqlstate, const std::string& message)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}

  const std::string& sqlstate() const { return sqlstate_; }
  // Serialization failure (40001) or deadlock (40P01): the transaction can
  // run again and will most likely succeed.
  bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }
  // The server could not be reached or went away (no SQLSTATE, class 08,
  // or an administrator's shutdown 57P01..57P03).
  bool connection_lost() const {
    return sqlstate_.empty() || sqlstate_.rfind("08", 0) == 0 || sqlstate_ == "57P01" || sqlstate_ == "57P02" ||
           sqlstate_ == "57P03";
  }

 private:
  std::string sqlstate_;
};

}  // namespace biopolis
