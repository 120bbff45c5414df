#include "services/api/service_desk_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"
#include "services/service_desk/service_desk_rules.h"

namespace biopolis {

void ToProto(const ServiceTypeRecord& r, v1::ServiceType* out) {
  out->set_name(FormatName("serviceTypes", r.id));
  out->set_title(r.title);
  out->set_description(r.description);
  out->set_category(static_cast<v1::ServiceCategory>(r.category));
  out->set_responsible_unit(r.responsible_unit);
  out->set_sla_working_days(r.sla_working_days);
  out->set_inactive(r.inactive);
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

ServiceTypeRecord FromProto(const v1::ServiceType& p) {
  ServiceTypeRecord r;
  r.title = p.title();
  r.description = p.description();
  r.category = v1::ServiceCategory_IsValid(p.category()) ? static_cast<ServiceCategory>(p.category())
                                                         : ServiceCategory::kUnspecified;
  r.responsible_unit = p.responsible_unit();
  r.sla_working_days = p.sla_working_days();
  r.inactive = p.inactive();
  return r;
}

void ToProto(const ServiceRequestRecord& r, TimeMicros now, v1::ServiceRequest* out) {
  out->set_name(FormatName("serviceRequests", r.id));
  out->set_service_type(FormatName("serviceTypes", r.service_type_id));
  out->set_organization(FormatName("organizations", r.organization_id));
  out->set_description(r.description);
  out->set_state(static_cast<v1::ServiceRequest::State>(r.state));
  out->set_assignee(r.assignee);
  SetTimestamp(r.due_time, out->mutable_due_time());
  out->set_overdue(IsOverdue(r, now));
  out->set_outcome(r.outcome);
  if (r.resolve_time != 0) SetTimestamp(r.resolve_time, out->mutable_resolve_time());
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

Result<ServiceRequestRecord> FromProto(const v1::ServiceRequest& p, const std::string& prefix) {
  ServiceRequestRecord r;
  BIOPOLIS_ASSIGN_OR_RETURN(auto type, ParseName(p.service_type(), "serviceTypes", prefix + ".service_type"));
  r.service_type_id = type;
  r.description = p.description();
  return r;
}

void ToProto(const ServiceMessageRecord& r, v1::ServiceMessage* out) {
  out->set_name(FormatName("serviceRequests", r.request_id) + "/messages/" + std::to_string(r.id));
  out->set_author(r.author);
  out->set_from_resident(r.from_resident);
  out->set_text(r.text);
  SetTimestamp(r.create_time, out->mutable_create_time());
}

}  // namespace biopolis
