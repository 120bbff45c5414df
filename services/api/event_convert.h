// Conversion of stored events to their proto message (a handler includes only
// its own area's). Pure functions.
#pragma once

#include "biopolis/v1/events.pb.h"
#include "model/journal.h"

namespace biopolis {

// `organization` is "organizations/{id}", or empty for a zone-wide event.
void ToProto(const EventRecord& e, v1::Event* out);

}  // namespace biopolis
