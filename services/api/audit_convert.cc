#include "services/api/audit_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"

namespace biopolis {

void ToProto(const AuditRecord& r, v1::AuditRecord* out) {
  out->set_name(FormatName("auditRecords", r.sequence));
  out->set_sequence(r.sequence);
  out->set_actor(r.actor);
  out->set_actor_role(static_cast<v1::Role>(r.actor_role));
  out->set_action(r.action);
  out->set_resource(r.resource);
  out->set_request_id(r.request_id);
  out->set_summary(r.summary);
  SetTimestamp(r.create_time, out->mutable_create_time());
  out->set_previous_hash(r.previous_hash);
  out->set_hash(r.hash);
}

}  // namespace biopolis
