#include "services/api/resident_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"

namespace biopolis {

void ToProto(const ResidentRecord& r, v1::Resident* out) {
  out->set_name(FormatName("residents", r.id));
  out->set_organization(FormatName("organizations", r.organization_id));
  out->set_application(FormatName("applications", r.application_id));
  out->set_registry_number(r.registry_number);
  out->set_agreement_number(r.agreement_number);
  SetDate(r.agreement_date, out->mutable_agreement_date());
  SetDate(r.registration_date, out->mutable_registration_date());
  for (const auto& c : r.commitments) {
    auto* pc = out->add_commitments();
    SetDate(c.due_date, pc->mutable_due_date());
    pc->set_investment_kopecks(c.investment_kopecks);
    pc->set_jobs(c.jobs);
  }
  out->set_state(static_cast<v1::Resident::State>(r.state));
  if (r.violation_issue_time != 0) {
    auto* v = out->mutable_violation();
    v->set_description(r.violation_description);
    SetDate(r.violation_cure_by, v->mutable_cure_by());
    SetTimestamp(r.violation_issue_time, v->mutable_issue_time());
    if (r.violation_cure_time != 0) SetTimestamp(r.violation_cure_time, v->mutable_cure_time());
    v->set_cure_note(r.violation_cure_note);
  }
  if (r.termination_ground != TerminationGround::kUnspecified) {
    auto* t = out->mutable_termination();
    t->set_ground(static_cast<v1::Resident::TerminationGround>(r.termination_ground));
    SetDate(r.termination_date, t->mutable_effective_date());
    t->set_explanation(r.termination_explanation);
  }
  out->set_organization_display_name(r.organization_display_name);
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

std::vector<CommitmentRecord> FromProto(const google::protobuf::RepeatedPtrField<v1::Commitment>& commitments) {
  std::vector<CommitmentRecord> out;
  for (const auto& c : commitments) {
    out.push_back(CommitmentRecord{FromDate(c.due_date()), c.investment_kopecks(), c.jobs()});
  }
  return out;
}

void ToProto(const ResidentVersionRecord& v, v1::ResidentVersion* out) {
  out->set_version(v.entry.version);
  SetTimestamp(v.effective_time, out->mutable_effective_time());
  SetTimestamp(v.record_time, out->mutable_record_time());
  ToProto(v.entry, out->mutable_resident());
}

}  // namespace biopolis
