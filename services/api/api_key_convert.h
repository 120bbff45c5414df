// Conversions between the API keys records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/admin.pb.h"
#include "core/status.h"
#include "model/api_key.h"
#include "services/admin/api_key_manager.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const ApiKeyRecord& r, TimeMicros now, v1::ApiKey* out);
Result<ApiKeyRecord> FromProto(const v1::ApiKey& p, const std::string& prefix);

}  // namespace biopolis
