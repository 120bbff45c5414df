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

// Full field name (e.g. "biopolis.v1.Organization.full_name") -> maximum length
// in bytes, one of core/text_limits.h: every text field the server accepts.
// The rules check the same limits on the records; this table is what the
// proto comments state ("At most N bytes."; a test compares them).
const std::map<std::string, std::size_t>& TextFieldLimits();

// INVALID_ARGUMENT (reason TOO_MANY_ELEMENTS) naming the first field over its
// maximum, by its path in the request (e.g. "update_mask.paths"); else
// INVALID_ARGUMENT with one FIELD_TOO_LONG violation per text field over its
// TextFieldLimits() (e.g. "organization.full_name").
Status CheckRepeatedFieldCounts(const google::protobuf::Message& request);

}  // namespace biopolis
