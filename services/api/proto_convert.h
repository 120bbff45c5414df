// Conversions between the domain's records and the public proto messages.
// Decoding never trusts input: names and enum numbers are checked and bad
// ones answered as field violations.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/status.h"
#include "google/type/date.pb.h"

namespace biopolis {

void SetTimestamp(TimeMicros t, google::protobuf::Timestamp* out);
// Out-of-range seconds (past the years 1..9999) are clamped, so hostile
// values never overflow; ParseTimestamp refuses them instead.
TimeMicros FromTimestamp(const google::protobuf::Timestamp& t);
// INVALID_ARGUMENT on `field` (INVALID_TIMESTAMP) unless `t` lies in the years
// 1..9999 with nanos in 0..999,999,999.
Result<TimeMicros> ParseTimestamp(const google::protobuf::Timestamp& t, const std::string& field);
void SetDate(const Date& d, google::type::Date* out);
Date FromDate(const google::type::Date& d);

// Parses repeated resource names of one collection into ids; violations name
// `field[i]`.
Result<std::vector<std::int64_t>> ParseNames(const google::protobuf::RepeatedPtrField<std::string>& names,
                                             std::string_view collection, const std::string& field);

}  // namespace biopolis
