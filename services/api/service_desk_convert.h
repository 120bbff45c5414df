// Conversions between the the one-stop shop records and their proto
// messages (a handler includes only its own area's). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/service_desk.pb.h"
#include "core/status.h"
#include "model/service_desk.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const ServiceTypeRecord& r, v1::ServiceType* out);
ServiceTypeRecord FromProto(const v1::ServiceType& p);
void ToProto(const ServiceRequestRecord& r, TimeMicros now, v1::ServiceRequest* out);
Result<ServiceRequestRecord> FromProto(const v1::ServiceRequest& p, const std::string& prefix);
void ToProto(const ServiceMessageRecord& r, v1::ServiceMessage* out);

}  // namespace biopolis
