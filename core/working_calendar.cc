#include "core/working_calendar.h"

#include <algorithm>

namespace biopolis {

int WeekdayOf(const Date& date) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  std::int64_t d = (date.ToDays() + 3) % 7;
  return static_cast<int>(d < 0 ? d + 7 : d);
}

bool IsWorkingDay(const Date& date) { return WeekdayOf(date) < 5; }

TimeMicros WorkingDurationBetween(TimeMicros a, TimeMicros b) {
  TimeMicros total = 0;
  TimeMicros t = a;
  while (t < b) {
    Date day = ZoneDateOf(t);
    TimeMicros day_end = ZoneStartOf(day.AddDays(1));
    TimeMicros until = std::min(b, day_end);
    if (IsWorkingDay(day)) total += until - t;
    t = until;
  }
  return total;
}

TimeMicros AddWorkingDuration(TimeMicros start, TimeMicros duration) {
  TimeMicros t = start;
  TimeMicros left = duration;
  while (true) {
    Date day = ZoneDateOf(t);
    TimeMicros day_end = ZoneStartOf(day.AddDays(1));
    if (IsWorkingDay(day)) {
      if (t + left <= day_end) return t + left;
      left -= day_end - t;
    }
    t = day_end;
  }
}

TimeMicros AddWorkingDays(TimeMicros start, int days) { return AddWorkingDuration(start, days * kMicrosPerDay); }

}  // namespace biopolis
