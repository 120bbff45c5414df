// Conversions between the plots, leases and land utilisation records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/land.pb.h"
#include "core/status.h"
#include "model/land.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const PlotRecord& r, v1::Plot* out);
PlotRecord FromProto(const v1::Plot& p);
void ToProto(const LeaseRecord& r, v1::Lease* out);
Result<LeaseRecord> FromProto(const v1::Lease& p, const std::string& prefix);
void ToProto(const std::vector<LandTotals>& totals, v1::LandUtilisation* out);

}  // namespace biopolis
