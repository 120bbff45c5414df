// A calendar date (legal dates: agreement dates, cure-by dates, policy
// effective dates), and the zone's local date of an instant.
//
// The zone is in the Kirov region: Europe/Kirov, UTC+3 all year (no DST since
// 2014), so the zone date of an instant is its UTC+3 calendar date.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace biopolis {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // True for a real Gregorian date in years 1900..9999.
  bool IsValid() const;
  bool IsEmpty() const { return year == 0 && month == 0 && day == 0; }
  // Days since 1970-01-01 (may be negative). Requires IsValid().
  std::int64_t ToDays() const;
  static Date FromDays(std::int64_t days);
  Date AddDays(std::int64_t days) const { return FromDays(ToDays() + days); }
  // "YYYY-MM-DD"; "" for an empty date.
  std::string ToString() const;
  // Parses "YYYY-MM-DD"; nullopt for anything else or an invalid date.
  static std::optional<Date> Parse(std::string_view text);

  auto operator<=>(const Date&) const = default;
};

// The quarter index: quarters counted from year 0, `year * 4 + quarter - 1`
// (quarter 1..4), so consecutive quarters differ by one across years. The
// reports table stores it as its generated `period` column.
constexpr int QuarterIndex(int year, int quarter) { return year * 4 + quarter - 1; }
// The quarter index of the quarter a date falls in.
constexpr int QuarterIndexOf(const Date& date) { return QuarterIndex(date.year, (date.month - 1) / 3 + 1); }

// UTC offset of the zone's local time, in seconds.
constexpr std::int64_t kZoneUtcOffsetSeconds = 3 * 3600;

// The zone-local calendar date of an instant.
Date ZoneDateOf(TimeMicros instant);
// The instant at which a zone-local date starts.
TimeMicros ZoneStartOf(const Date& date);

// RFC 3339 UTC, e.g. "2026-11-27T10:32:52Z" (microseconds when non-zero).
std::string FormatTimestamp(TimeMicros instant);

}  // namespace biopolis
