#include "services/api/support_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"
#include "services/api/document_convert.h"

namespace biopolis {

void ToProto(const SupportMeasureRecord& r, v1::SupportMeasure* out) {
  out->set_name(FormatName("supportMeasures", r.id));
  out->set_kind(static_cast<v1::SupportMeasure::Kind>(r.kind));
  out->set_title(r.title);
  out->set_description(r.description);
  out->set_legal_basis(r.legal_basis);
  auto* e = out->mutable_eligibility();
  e->set_require_active_status(r.eligibility.require_active_status);
  e->set_min_investment_made_kopecks(r.eligibility.min_investment_made_kopecks);
  for (const auto& p : r.eligibility.okved_prefixes) e->add_okved_prefixes(p);
  e->set_require_no_open_violation(r.eligibility.require_no_open_violation);
  SetDate(r.open_from, out->mutable_open_from());
  if (!r.open_until.IsEmpty()) SetDate(r.open_until, out->mutable_open_until());
  out->set_total_budget_kopecks(r.total_budget_kopecks);
  out->set_cap_per_resident_kopecks(r.cap_per_resident_kopecks);
  out->set_committed_kopecks(r.committed_kopecks);
  out->set_disbursed_kopecks(r.disbursed_kopecks);
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
  KindsToProto(r.required_documents, out->mutable_required_documents());
}

SupportMeasureRecord FromProto(const v1::SupportMeasure& p) {
  SupportMeasureRecord r;
  r.kind = v1::SupportMeasure::Kind_IsValid(p.kind()) ? static_cast<SupportKind>(p.kind()) : SupportKind::kUnspecified;
  r.title = p.title();
  r.description = p.description();
  r.legal_basis = p.legal_basis();
  r.eligibility.require_active_status = p.eligibility().require_active_status();
  r.eligibility.min_investment_made_kopecks = p.eligibility().min_investment_made_kopecks();
  r.eligibility.okved_prefixes.assign(p.eligibility().okved_prefixes().begin(), p.eligibility().okved_prefixes().end());
  r.eligibility.require_no_open_violation = p.eligibility().require_no_open_violation();
  if (p.has_open_from()) r.open_from = FromDate(p.open_from());
  if (p.has_open_until()) r.open_until = FromDate(p.open_until());
  r.total_budget_kopecks = p.total_budget_kopecks();
  r.cap_per_resident_kopecks = p.cap_per_resident_kopecks();
  r.required_documents = KindsFromProto(p.required_documents());
  return r;
}

void ToProto(const SupportRequestRecord& r, v1::SupportRequest* out) {
  out->set_name(FormatName("supportRequests", r.id));
  out->set_measure(FormatName("supportMeasures", r.measure_id));
  out->set_resident(FormatName("residents", r.resident_id));
  out->set_requested_kopecks(r.requested_kopecks);
  out->set_purpose(r.purpose);
  out->set_justification(r.justification);
  out->set_state(static_cast<v1::SupportRequest::State>(r.state));
  out->set_info_request(r.info_request);
  out->set_info_response(r.info_response);
  out->set_granted_kopecks(r.granted_kopecks);
  out->set_disbursed_kopecks(r.disbursed_kopecks);
  for (const auto& d : r.disbursements) {
    auto* pd = out->add_disbursements();
    pd->set_amount_kopecks(d.amount_kopecks);
    SetDate(d.date, pd->mutable_date());
    pd->set_reference(d.reference);
  }
  out->set_decision_reason(r.decision_reason);
  if (r.submit_time != 0) SetTimestamp(r.submit_time, out->mutable_submit_time());
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

Result<SupportRequestRecord> FromProto(const v1::SupportRequest& p, const std::string& prefix) {
  SupportRequestRecord r;
  if (!p.measure().empty()) {
    BIOPOLIS_ASSIGN_OR_RETURN(auto measure, ParseName(p.measure(), "supportMeasures", prefix + ".measure"));
    r.measure_id = measure;
  }
  r.requested_kopecks = p.requested_kopecks();
  r.purpose = p.purpose();
  r.justification = p.justification();
  return r;
}

DisbursementRecord FromProto(const v1::SupportRequest::Disbursement& p) {
  DisbursementRecord d;
  d.amount_kopecks = p.amount_kopecks();
  if (p.has_date()) d.date = FromDate(p.date());
  d.reference = p.reference();
  return d;
}

}  // namespace biopolis
