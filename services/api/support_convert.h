// Conversions between the support measures and requests records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/support.pb.h"
#include "core/status.h"
#include "model/support.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const SupportMeasureRecord& r, v1::SupportMeasure* out);
SupportMeasureRecord FromProto(const v1::SupportMeasure& p);
void ToProto(const SupportRequestRecord& r, v1::SupportRequest* out);
Result<SupportRequestRecord> FromProto(const v1::SupportRequest& p, const std::string& prefix);
DisbursementRecord FromProto(const v1::SupportRequest::Disbursement& p);

}  // namespace biopolis
