#include "services/api/event_convert.h"

#include "core/resource_name.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const EventRecord& e, v1::Event* out) {
  out->set_sequence(e.sequence);
  out->set_type(e.type);
  out->set_resource(e.resource);
  out->set_summary(e.summary);
  SetTimestamp(e.create_time, out->mutable_create_time());
  if (e.organization_id > 0) out->set_organization(FormatName("organizations", e.organization_id));
}

}  // namespace biopolis
