#include "services/api/application_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"

namespace biopolis {

void ToProto(const ApplicationRecord& r, v1::Application* out) {
  out->set_name(FormatName("applications", r.id));
  out->set_organization(FormatName("organizations", r.organization_id));
  out->set_state(static_cast<v1::Application::State>(r.state));
  out->set_project_name(r.project_name);
  out->set_project_description(r.project_description);
  for (const auto& code : r.okved_codes) out->add_okved_codes(code);
  out->set_planned_investment_kopecks(r.planned_investment_kopecks);
  out->set_planned_investment_3y_kopecks(r.planned_investment_3y_kopecks);
  out->set_planned_jobs(r.planned_jobs);
  out->set_requested_land_area_m2(r.requested_land_area_m2);
  if (!r.planned_start_date.IsEmpty()) SetDate(r.planned_start_date, out->mutable_planned_start_date());
  if (!r.planned_completion_date.IsEmpty()) {
    SetDate(r.planned_completion_date, out->mutable_planned_completion_date());
  }
  out->set_policy_version(r.policy_version);
  if (!r.info_request_text.empty()) {
    auto* info = out->mutable_info_request();
    info->set_text(r.info_request_text);
    SetTimestamp(r.info_request_deadline, info->mutable_respond_by());
    info->set_response(r.info_response_text);
  }
  out->set_expert_opinion(static_cast<v1::Application::ExpertOpinion>(r.expert_opinion));
  out->set_expert_opinion_summary(r.expert_opinion_summary);
  out->set_approval_comment(r.approval_comment);
  if (r.rejection_ground != RejectionGround::kUnspecified) {
    out->mutable_rejection()->set_ground(static_cast<v1::Application::RejectionGround>(r.rejection_ground));
    out->mutable_rejection()->set_explanation(r.rejection_explanation);
  }
  out->set_withdrawal_reason(r.withdrawal_reason);
  if (r.resident_id != 0) out->set_resident(FormatName("residents", r.resident_id));
  if (r.submit_time != 0) SetTimestamp(r.submit_time, out->mutable_submit_time());
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
  for (auto id : r.requested_plot_ids) out->add_requested_plots(FormatName("plots", id));
}

Result<ApplicationRecord> FromProto(const v1::Application& p, const std::string& prefix) {
  ApplicationRecord r;
  if (!p.organization().empty()) {
    BIOPOLIS_ASSIGN_OR_RETURN(auto org, ParseName(p.organization(), "organizations", prefix + ".organization"));
    r.organization_id = org;
  }
  r.project_name = p.project_name();
  r.project_description = p.project_description();
  r.okved_codes.assign(p.okved_codes().begin(), p.okved_codes().end());
  r.planned_investment_kopecks = p.planned_investment_kopecks();
  r.planned_investment_3y_kopecks = p.planned_investment_3y_kopecks();
  r.planned_jobs = p.planned_jobs();
  r.requested_land_area_m2 = p.requested_land_area_m2();
  if (p.has_planned_start_date()) r.planned_start_date = FromDate(p.planned_start_date());
  if (p.has_planned_completion_date()) r.planned_completion_date = FromDate(p.planned_completion_date());
  BIOPOLIS_ASSIGN_OR_RETURN(auto plots, ParseNames(p.requested_plots(), "plots", prefix + ".requested_plots"));
  r.requested_plot_ids = std::move(plots);
  return r;
}

void ToProto(const std::vector<FieldViolation>& violations,
             google::protobuf::RepeatedPtrField<v1::EligibilityViolation>* out) {
  for (const auto& v : violations) {
    auto* e = out->Add();
    e->set_field(v.field);
    e->set_reason(v.reason);
    e->set_description(v.description);
  }
}

}  // namespace biopolis
