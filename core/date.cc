#include "core/date.h"

#include <cstdio>

namespace biopolis {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

bool Date::IsValid() const {
  return year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

std::int64_t Date::ToDays() const {
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

Date Date::FromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::string Date::ToString() const {
  if (IsEmpty()) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (!d.IsValid()) return std::nullopt;
  return d;
}

Date ZoneDateOf(TimeMicros instant) {
  std::int64_t seconds = instant / kMicrosPerSecond;
  if (instant < 0 && instant % kMicrosPerSecond != 0) --seconds;
  std::int64_t local = seconds + kZoneUtcOffsetSeconds;
  std::int64_t days = local / 86400;
  if (local < 0 && local % 86400 != 0) --days;
  return Date::FromDays(days);
}

TimeMicros ZoneStartOf(const Date& date) { return (date.ToDays() * 86400 - kZoneUtcOffsetSeconds) * kMicrosPerSecond; }

std::string FormatTimestamp(TimeMicros instant) {
  std::int64_t seconds = instant / kMicrosPerSecond;
  std::int64_t micros = instant % kMicrosPerSecond;
  if (micros < 0) {
    micros += kMicrosPerSecond;
    --seconds;
  }
  std::int64_t days = seconds / 86400;
  std::int64_t rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  Date d = Date::FromDays(days);
  char buf[48];
  if (micros == 0) {
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToString().c_str(), static_cast<int>(rem / 3600),
                  static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%06dZ", d.ToString().c_str(), static_cast<int>(rem / 3600),
                  static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60), static_cast<int>(micros));
  }
  return buf;
}

}  // namespace biopolis
