// Working time for SLA clocks: Monday to Friday, whole days, in zone time
// (Europe/Kirov, UTC+3). Public holidays are not modelled yet: a holiday
// counts as a working day. Pure functions; thread-safe.
#pragma once

#include "core/clock.h"
#include "core/date.h"

namespace biopolis {

// 0 = Monday ... 6 = Sunday.
int WeekdayOf(const Date& date);
bool IsWorkingDay(const Date& date);

// Working time between two instants (0 when b <= a).
TimeMicros WorkingDurationBetween(TimeMicros a, TimeMicros b);
// The instant reached after `duration` of working time from `start`.
TimeMicros AddWorkingDuration(TimeMicros start, TimeMicros duration);
// `start` plus `days` working days.
TimeMicros AddWorkingDays(TimeMicros start, int days);

}  // namespace biopolis
