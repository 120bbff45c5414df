// Conversions between the zone policies records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/policy.pb.h"
#include "core/status.h"
#include "model/policy.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const PolicyRecord& r, v1::ZonePolicy* out);
PolicyRecord FromProto(const v1::ZonePolicy& p);

}  // namespace biopolis
