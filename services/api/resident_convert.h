// Conversions between the the registry of residents records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/resident.pb.h"
#include "core/status.h"
#include "model/resident.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const ResidentRecord& r, v1::Resident* out);
void ToProto(const ResidentVersionRecord& v, v1::ResidentVersion* out);
std::vector<CommitmentRecord> FromProto(const google::protobuf::RepeatedPtrField<v1::Commitment>& commitments);

}  // namespace biopolis
