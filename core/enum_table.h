// One table per enum: each value and its public name (the proto enum value's
// name, e.g. "STATE_DRAFT"). The single source for a state's name in messages
// and audit summaries, and for the names a List filter accepts; a test ties
// every table to the proto enum of the same name, number for number
// (tests/unit/enum_tables_test.cc).
// constexpr data; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace biopolis {

template <typename E>
struct EnumEntry {
  E value;
  const char* name;
};

template <typename E, std::size_t N>
struct EnumTable {
  std::array<EnumEntry<E>, N> entries;
  // The name of the zero value, returned for a value not in the table.
  const char* unspecified;

  constexpr const char* Name(E value) const {
    for (const auto& e : entries) {
      if (e.value == value) return e.name;
    }
    return unspecified;
  }
  // "FROM -> TO", as audit summaries write a change of state.
  std::string Transition(E from, E to) const { return std::string(Name(from)) + " -> " + Name(to); }
  // Names to numbers, for a List filter on a field of this enum.
  std::map<std::string, std::int64_t, std::less<>> FilterValues() const {
    std::map<std::string, std::int64_t, std::less<>> out;
    for (const auto& e : entries) out.emplace(e.name, static_cast<std::int64_t>(e.value));
    return out;
  }
};

// True when `value` is one of `set` (a named state set of model/).
template <typename E, std::size_t N>
constexpr bool IsOneOf(E value, const E (&set)[N]) {
  for (const auto& v : set) {
    if (v == value) return true;
  }
  return false;
}

// Deduces N: `constexpr auto kT = MakeEnumTable<E>("X_UNSPECIFIED", {{...}})`.
template <typename E, std::size_t N>
constexpr EnumTable<E, N> MakeEnumTable(const char* unspecified, const EnumEntry<E> (&entries)[N]) {
  EnumTable<E, N> t{{}, unspecified};
  for (std::size_t i = 0; i < N; ++i) t.entries[i] = entries[i];
  return t;
}

}  // namespace biopolis
