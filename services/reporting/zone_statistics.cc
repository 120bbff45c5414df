#include "services/reporting/zone_statistics.h"

namespace biopolis {

Result<ZoneFigures> ZoneStatistics::Compute(const Date& as_of) {
  TimeMicros now = env_.clock.Now();
  Date date = as_of.IsEmpty() ? ZoneDateOf(now) : as_of;
  if (!date.IsValid()) return Status::InvalidField("as_of", "is not a valid date", "INVALID_DATE");
  return ReadValue<ZoneFigures>(env_.store, [&](Transaction& tx) -> Result<ZoneFigures> {
    ZoneFigures f;
    f.as_of = date;
    f.totals = tx.reports().Totals(date);
    f.land = tx.plots().TotalsByState();
    f.service_desk = tx.service_desk().Totals(now);
    return f;
  });
}

}  // namespace biopolis
