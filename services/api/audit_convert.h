// Conversions between the audit records records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/audit.pb.h"
#include "core/status.h"
#include "model/journal.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const AuditRecord& r, v1::AuditRecord* out);

}  // namespace biopolis
