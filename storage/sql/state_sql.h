// SQL predicates on state columns, spelt from the record enums and the named
// state sets of model/, so no query writes a state number by hand.
//
// The numbers stay literal in the SQL text rather than bound parameters on
// purpose: SQLite uses a partial index only when the query's WHERE repeats the
// index's predicate (migrations.cc, e.g. `WHERE state BETWEEN 1 AND 6`), which
// it cannot prove of a parameter. StateIn spells a run of consecutive values
// as BETWEEN for that reason. The plan tests (tests/unit/storage_test.cc) fail
// when a query stops using its index. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace biopolis {

template <typename E>
std::string StateIs(std::string_view column, E value) {
  return std::string(column) + " = " + std::to_string(static_cast<int>(value));
}

template <typename E>
std::string StateIsNot(std::string_view column, E value) {
  return std::string(column) + " <> " + std::to_string(static_cast<int>(value));
}

// `column` is one of `set`: "= a" for one value, "BETWEEN a AND z" for three
// or more consecutive values, else "IN (a, b, ...)".
template <typename E, std::size_t N>
std::string StateIn(std::string_view column, const E (&set)[N]) {
  static_assert(N > 0);
  if constexpr (N == 1) return StateIs(column, set[0]);
  bool consecutive = N >= 3;
  for (std::size_t i = 1; i < N; ++i) {
    consecutive = consecutive && static_cast<int>(set[i]) == static_cast<int>(set[i - 1]) + 1;
  }
  if (consecutive) {
    return std::string(column) + " BETWEEN " + std::to_string(static_cast<int>(set[0])) + " AND " +
           std::to_string(static_cast<int>(set[N - 1]));
  }
  std::string out = std::string(column) + " IN (";
  for (std::size_t i = 0; i < N; ++i) out += (i ? ", " : "") + std::to_string(static_cast<int>(set[i]));
  return out + ")";
}

}  // namespace biopolis
