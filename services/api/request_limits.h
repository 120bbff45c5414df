// The maximum count of every repeated field a request can carry, checked by
// the call gate before a handler (or any per-element validation) runs.
//
// The table names fields by their full proto name; a repeated field it does
// not name gets kDefaultMaxRepeated. Nested messages are walked after their
// parent's counts are checked, so the walk itself is bounded. The proto
// comments state the same numbers (a test compares them), and
// docs/SECURITY.md lists them.
//
// Thread-safety: pure functions over immutable tables.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "core/status.h"

namespace google::protobuf {
class Message;
}

namespace biopolis {

constexpr int kDefaultMaxRepeated = 100;

// Full field name (e.g. "google.protobuf.FieldMask.paths") -> maximum count.
const std::map<std::string, int>& RepeatedFieldLimits();

// The contract's per-field limits, as the proto comments state them (a test
// compares every comment with these tables, and docs/API.md points here).
// They are not checked here: the rules check every field of a record
// together, so a request with several bad fields gets one violation for each
// (a check here would answer only its own fields and hide the rest). The
// text limits are the rules' own constants (core/text_limits.h); the ranges
// use the rules' constants where they recur (core/value_limits.h) and
// restate the area-specific bounds the rules write.
//
// Full field name (e.g. "biopolis.v1.Organization.full_name") -> maximum length
// in bytes: every text field the server accepts.
const std::map<std::string, std::size_t>& TextFieldLimits();

// Full field name -> the inclusive range of its value (numbers a request may
// set: money in kopecks, counts, areas, days, coordinates), stated in the proto
// comments as "Between MIN and MAX.".
struct NumericRange {
  double min;
  double max;
};
const std::map<std::string, NumericRange>& NumericFieldRanges();
// A bound as the contract writes it: an integer without decimals.
std::string FormatBound(double v);

// INVALID_ARGUMENT (reason TOO_MANY_ELEMENTS) naming the first field over its
// maximum, by its path in the request (e.g. "update_mask.paths").
Status CheckRepeatedFieldCounts(const google::protobuf::Message& request);

}  // namespace biopolis
