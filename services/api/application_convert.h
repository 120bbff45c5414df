// Conversions between the applications (and eligibility violations) records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/application.pb.h"
#include "core/status.h"
#include "model/application.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const ApplicationRecord& r, v1::Application* out);
Result<ApplicationRecord> FromProto(const v1::Application& p, const std::string& prefix);
void ToProto(const std::vector<FieldViolation>& violations,
             google::protobuf::RepeatedPtrField<v1::EligibilityViolation>* out);

}  // namespace biopolis
