// The policy area's seam: what other areas may ask of it, inside their own
// unit of work (reads through the caller's transaction).
// The only policy header another area includes.
#pragma once

#include "core/clock.h"
#include "core/status.h"
#include "model/policy.h"
#include "storage/store.h"

namespace biopolis::policy_seam {

// The zone policy in force on the zone's date at `now`; the one refusal when
// there is none: FAILED_PRECONDITION, reason NO_POLICY_IN_FORCE (every
// method that needs a policy, and GetZonePolicy of `policies/current`).
Result<PolicyRecord> InForce(Transaction& tx, TimeMicros now);

}  // namespace biopolis::policy_seam
