#include "services/api/reporting_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"

namespace biopolis {

void ToProto(const ReportRecord& r, v1::Report* out) {
  out->set_name(FormatName("reports", r.id));
  out->set_resident(FormatName("residents", r.resident_id));
  out->set_year(r.year);
  out->set_quarter(r.quarter);
  out->set_version(r.version);
  out->set_state(static_cast<v1::Report::State>(r.state));
  out->set_investment_kopecks(r.investment_kopecks);
  out->set_capex_kopecks(r.capex_kopecks);
  out->set_jobs_at_period_end(r.jobs_at_period_end);
  out->set_revenue_kopecks(r.revenue_kopecks);
  out->set_taxes_paid_kopecks(r.taxes_paid_kopecks);
  out->set_tax_benefits_used_kopecks(r.tax_benefits_used_kopecks);
  out->set_return_comment(r.return_comment);
  if (r.corrects_id != 0) out->set_corrects(FormatName("reports", r.corrects_id));
  if (r.due_date.IsValid()) SetDate(r.due_date, out->mutable_due_date());
  if (r.submit_time != 0) SetTimestamp(r.submit_time, out->mutable_submit_time());
  if (r.accept_time != 0) SetTimestamp(r.accept_time, out->mutable_accept_time());
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version_counter));
}

ReportRecord FromProto(const v1::Report& p) {
  ReportRecord r;
  r.year = p.year();
  r.quarter = p.quarter();
  r.investment_kopecks = p.investment_kopecks();
  r.capex_kopecks = p.capex_kopecks();
  r.jobs_at_period_end = p.jobs_at_period_end();
  r.revenue_kopecks = p.revenue_kopecks();
  r.taxes_paid_kopecks = p.taxes_paid_kopecks();
  r.tax_benefits_used_kopecks = p.tax_benefits_used_kopecks();
  return r;
}

void ToProto(const ResidentCompliance& c, v1::ResidentCompliance* out) {
  out->set_resident(FormatName("residents", c.resident_id));
  out->set_status(static_cast<v1::ComplianceStatus>(c.compliance.status));
  out->set_investment_made_kopecks(c.compliance.investment_made_kopecks);
  out->set_jobs(c.compliance.jobs);
  auto commitment = [](const CommitmentRecord& src, v1::Commitment* dst) {
    SetDate(src.due_date, dst->mutable_due_date());
    dst->set_investment_kopecks(src.investment_kopecks);
    dst->set_jobs(src.jobs);
  };
  if (c.compliance.next_commitment) commitment(*c.compliance.next_commitment, out->mutable_next_commitment());
  out->set_expected_investment_kopecks(c.compliance.expected_investment_kopecks);
  out->set_expected_jobs(c.compliance.expected_jobs);
  for (const auto& m : c.compliance.missed) commitment(m, out->add_missed_commitments());
}

}  // namespace biopolis
