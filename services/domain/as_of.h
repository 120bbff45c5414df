// The `as_of` of a history read (GetResident, ListResidents, GetOrganization,
// registry extracts): the registry attests what was, never what will be.
#pragma once

#include "core/clock.h"
#include "core/date.h"
#include "core/status.h"

namespace biopolis {

// INVALID_ARGUMENT on `field` when `as_of` is after `now`.
inline Status CheckAsOf(TimeMicros as_of, TimeMicros now, const char* field = "as_of") {
  if (as_of > now) {
    return Status::InvalidField(field, "is in the future (now is " + FormatTimestamp(now) + ")", "DATE_IN_FUTURE");
  }
  return Status::Ok();
}

}  // namespace biopolis
