#include "services/api/policy_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"
#include "services/api/document_convert.h"

namespace biopolis {

void ToProto(const PolicyRecord& r, v1::ZonePolicy* out) {
  out->set_name(FormatName("policies", r.version));
  out->set_version(r.version);
  SetDate(r.effective_from, out->mutable_effective_from());
  out->set_min_investment_kopecks(r.min_investment_kopecks);
  out->set_min_investment_3y_kopecks(r.min_investment_3y_kopecks);
  for (const auto& p : r.allowed_okved_prefixes) out->add_allowed_okved_prefixes(p);
  out->set_info_request_days(r.info_request_days);
  out->set_reservation_days(r.reservation_days);
  out->set_description(r.description);
  SetTimestamp(r.create_time, out->mutable_create_time());
  KindsToProto(r.required_application_documents, out->mutable_required_application_documents());
}

PolicyRecord FromProto(const v1::ZonePolicy& p) {
  PolicyRecord r;
  if (p.has_effective_from()) r.effective_from = FromDate(p.effective_from());
  r.min_investment_kopecks = p.min_investment_kopecks();
  r.min_investment_3y_kopecks = p.min_investment_3y_kopecks();
  r.allowed_okved_prefixes.assign(p.allowed_okved_prefixes().begin(), p.allowed_okved_prefixes().end());
  r.info_request_days = p.info_request_days();
  r.reservation_days = p.reservation_days();
  r.description = p.description();
  r.required_application_documents = KindsFromProto(p.required_application_documents());
  return r;
}

}  // namespace biopolis
