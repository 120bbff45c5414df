// Conversions between the organizations records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/organization.pb.h"
#include "core/status.h"
#include "model/organization.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const OrganizationRecord& r, v1::Organization* out);
OrganizationRecord FromProto(const v1::Organization& p);

}  // namespace biopolis
