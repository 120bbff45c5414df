// Calendar arithmetic and RFC 3339 times, as the server writes them, for SDK
// users and the CLI: no time-zone database needed. Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace biopolis::client {

// Days since 1970-01-01 of a date of the proleptic Gregorian calendar
// (H. Hinnant's days_from_civil); negative before 1970.
std::int64_t DaysFromCivil(int year, int month, int day);

// Microseconds since the epoch of an RFC 3339 time: "2026-12-03T06:32:26Z",
// with an optional fraction (".382433", digits past the sixth ignored) and
// "Z" or an offset ("+03:00"). Years 1-9999. nullopt for anything else.
std::optional<std::int64_t> ParseRfc3339Micros(const std::string& text);

}  // namespace biopolis::client
