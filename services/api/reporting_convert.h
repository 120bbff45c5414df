// Conversions between the reports and compliance records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/reporting.pb.h"
#include "core/status.h"
#include "model/reporting.h"
#include "services/api/proto_convert.h"
#include "services/reporting/reporting_office.h"

namespace biopolis {

void ToProto(const ReportRecord& r, v1::Report* out);
ReportRecord FromProto(const v1::Report& p);
void ToProto(const ResidentCompliance& c, v1::ResidentCompliance* out);

}  // namespace biopolis
