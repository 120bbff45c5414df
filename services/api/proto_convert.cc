#include "services/api/proto_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"
#include "services/service_desk/service_desk_rules.h"

namespace biopolis {

void SetTimestamp(TimeMicros t, google::protobuf::Timestamp* out) {
  std::int64_t seconds = t / kMicrosPerSecond;
  std::int64_t micros = t % kMicrosPerSecond;
  if (micros < 0) {
    micros += kMicrosPerSecond;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<std::int32_t>(micros * 1000));
}

TimeMicros FromTimestamp(const google::protobuf::Timestamp& t) {
  return t.seconds() * kMicrosPerSecond + t.nanos() / 1000;
}

void SetDate(const Date& d, google::type::Date* out) {
  out->set_year(d.year);
  out->set_month(d.month);
  out->set_day(d.day);
}

Date FromDate(const google::type::Date& d) { return Date{d.year(), d.month(), d.day()}; }

void ToProto(const OrganizationRecord& r, v1::Organization* out) {
  out->set_name(FormatName("organizations", r.id));
  out->set_kind(static_cast<v1::Organization::Kind>(r.kind));
  out->set_inn(r.inn);
  out->set_ogrn(r.ogrn);
  out->set_kpp(r.kpp);
  out->set_full_name(r.full_name);
  out->set_short_name(r.short_name);
  out->set_legal_address(r.legal_address);
  out->set_contact_person(r.contact_person);
  out->set_contact_email(r.contact_email);
  out->set_contact_phone(r.contact_phone);
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

OrganizationRecord FromProto(const v1::Organization& p) {
  OrganizationRecord r;
  r.inn = p.inn();
  r.ogrn = p.ogrn();
  r.kpp = p.kpp();
  r.full_name = p.full_name();
  r.short_name = p.short_name();
  r.legal_address = p.legal_address();
  r.contact_person = p.contact_person();
  r.contact_email = p.contact_email();
  r.contact_phone = p.contact_phone();
  return r;
}

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
    auto org = ParseName(p.organization(), "organizations", prefix + ".organization");
    if (!org.ok()) return org.status();
    r.organization_id = *org;
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
  auto plots = ParseNames(p.requested_plots(), "plots", prefix + ".requested_plots");
  if (!plots.ok()) return plots.status();
  r.requested_plot_ids = std::move(*plots);
  return r;
}

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
  return r;
}

void ToProto(const ApiKeyRecord& r, TimeMicros now, v1::ApiKey* out) {
  out->set_name(FormatName("apiKeys", r.id));
  out->set_display_name(r.display_name);
  out->set_role(static_cast<v1::Role>(r.role));
  if (r.organization_id != 0) out->set_organization(FormatName("organizations", r.organization_id));
  if (r.expire_time != 0) SetTimestamp(r.expire_time, out->mutable_expire_time());
  out->set_state(static_cast<v1::ApiKey::State>(ApiKeyStateAt(r, now)));
  out->set_key_prefix(r.key_prefix);
  SetTimestamp(r.create_time, out->mutable_create_time());
  if (r.revoke_time != 0) SetTimestamp(r.revoke_time, out->mutable_revoke_time());
}

Result<ApiKeyRecord> FromProto(const v1::ApiKey& p, const std::string& prefix) {
  ApiKeyRecord r;
  FieldErrors errors;
  r.display_name = p.display_name();
  if (!v1::Role_IsValid(p.role())) {
    errors.Add(prefix + ".role", "is not a known role", "INVALID_ENUM_VALUE");
  } else {
    r.role = static_cast<Role>(p.role());
  }
  if (!p.organization().empty()) {
    auto org = ParseName(p.organization(), "organizations", prefix + ".organization");
    if (!org.ok()) {
      errors.Append(org.status().field_violations());
    } else {
      r.organization_id = *org;
    }
  }
  if (p.has_expire_time()) r.expire_time = FromTimestamp(p.expire_time());
  if (!errors.empty()) return errors.ToStatus();
  return r;
}

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

Result<std::vector<std::int64_t>> ParseNames(const google::protobuf::RepeatedPtrField<std::string>& names,
                                             std::string_view collection, const std::string& field) {
  std::vector<std::int64_t> ids;
  FieldErrors errors;
  for (int i = 0; i < names.size(); ++i) {
    auto id = ParseName(names[i], collection, field + "[" + std::to_string(i) + "]");
    if (id.ok()) {
      ids.push_back(*id);
    } else {
      errors.Append(id.status().field_violations());
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  return ids;
}

namespace {

void ToProto(const UtilityCapacity& c, v1::UtilityCapacity* out) {
  out->set_power_kw(c.power_kw);
  out->set_water_m3_per_day(c.water_m3_per_day);
  out->set_gas_m3_per_hour(c.gas_m3_per_hour);
  out->set_sewage_m3_per_day(c.sewage_m3_per_day);
}

}  // namespace

void ToProto(const PlotRecord& r, v1::Plot* out) {
  out->set_name(FormatName("plots", r.id));
  out->set_cadastral_number(r.cadastral_number);
  out->set_site(r.site);
  out->set_area_m2(r.area_m2);
  out->set_permitted_use(static_cast<v1::PermittedUse>(r.permitted_use));
  ToProto(r.capacity, out->mutable_capacity());
  if (r.has_location) {
    out->mutable_location()->set_latitude(r.latitude);
    out->mutable_location()->set_longitude(r.longitude);
  }
  out->set_notes(r.notes);
  out->set_state(static_cast<v1::Plot::State>(r.state));
  out->set_block_reason(r.block_reason);
  if (r.state == PlotState::kReserved) {
    auto* res = out->mutable_reservation();
    if (r.reserved_application_id != 0) res->set_application(FormatName("applications", r.reserved_application_id));
    SetTimestamp(r.reserve_time, res->mutable_reserve_time());
    SetTimestamp(r.reservation_expire_time, res->mutable_expire_time());
  }
  if (r.state == PlotState::kLeased && r.lease_id != 0) out->set_lease(FormatName("leases", r.lease_id));
  for (auto id : r.predecessor_ids) out->add_predecessors(FormatName("plots", id));
  for (auto id : r.successor_ids) out->add_successors(FormatName("plots", id));
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

PlotRecord FromProto(const v1::Plot& p) {
  PlotRecord r;
  r.cadastral_number = p.cadastral_number();
  r.site = p.site();
  r.area_m2 = p.area_m2();
  // Unknown enum numbers become "unspecified", which validation rejects.
  r.permitted_use = v1::PermittedUse_IsValid(p.permitted_use()) ? static_cast<PermittedUse>(p.permitted_use())
                                                                : PermittedUse::kUnspecified;
  r.capacity.power_kw = p.capacity().power_kw();
  r.capacity.water_m3_per_day = p.capacity().water_m3_per_day();
  r.capacity.gas_m3_per_hour = p.capacity().gas_m3_per_hour();
  r.capacity.sewage_m3_per_day = p.capacity().sewage_m3_per_day();
  r.has_location = p.has_location();
  r.latitude = p.location().latitude();
  r.longitude = p.location().longitude();
  r.notes = p.notes();
  return r;
}

void ToProto(const LeaseRecord& r, v1::Lease* out) {
  out->set_name(FormatName("leases", r.id));
  out->set_plot(FormatName("plots", r.plot_id));
  out->set_resident(FormatName("residents", r.resident_id));
  SetDate(r.start_date, out->mutable_start_date());
  SetDate(r.end_date, out->mutable_end_date());
  out->set_annual_rent_kopecks(r.annual_rent_kopecks);
  out->set_agreement_number(r.agreement_number);
  out->set_state(static_cast<v1::Lease::State>(r.state));
  out->set_termination_reason(r.termination_reason);
  if (!r.end_of_use_date.IsEmpty()) SetDate(r.end_of_use_date, out->mutable_end_of_use_date());
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

Result<LeaseRecord> FromProto(const v1::Lease& p, const std::string& prefix) {
  LeaseRecord r;
  FieldErrors errors;
  auto plot = ParseName(p.plot(), "plots", prefix + ".plot");
  if (plot.ok()) {
    r.plot_id = *plot;
  } else {
    errors.Append(plot.status().field_violations());
  }
  auto resident = ParseName(p.resident(), "residents", prefix + ".resident");
  if (resident.ok()) {
    r.resident_id = *resident;
  } else {
    errors.Append(resident.status().field_violations());
  }
  if (p.has_start_date()) r.start_date = FromDate(p.start_date());
  if (p.has_end_date()) r.end_date = FromDate(p.end_date());
  r.annual_rent_kopecks = p.annual_rent_kopecks();
  r.agreement_number = p.agreement_number();
  if (!errors.empty()) return errors.ToStatus();
  return r;
}

void ToProto(const std::vector<LandTotals>& totals, v1::LandUtilisation* out) {
  auto fill = [&](PlotState state, v1::LandStateTotals* t) {
    const LandTotals& src = totals.at(static_cast<std::size_t>(state));
    t->set_plots(src.plots);
    t->set_area_m2(src.area_m2);
    ToProto(src.capacity, t->mutable_capacity());
  };
  fill(PlotState::kAvailable, out->mutable_available());
  fill(PlotState::kReserved, out->mutable_reserved());
  fill(PlotState::kLeased, out->mutable_leased());
  fill(PlotState::kUnavailable, out->mutable_unavailable());
  LandTotals all;
  for (std::size_t i = 1; i < totals.size(); ++i) {
    if (static_cast<PlotState>(i) == PlotState::kRetired) continue;
    all.plots += totals[i].plots;
    all.area_m2 += totals[i].area_m2;
    all.capacity.power_kw += totals[i].capacity.power_kw;
    all.capacity.water_m3_per_day += totals[i].capacity.water_m3_per_day;
    all.capacity.gas_m3_per_hour += totals[i].capacity.gas_m3_per_hour;
    all.capacity.sewage_m3_per_day += totals[i].capacity.sewage_m3_per_day;
  }
  out->mutable_total()->set_plots(all.plots);
  out->mutable_total()->set_area_m2(all.area_m2);
  ToProto(all.capacity, out->mutable_total()->mutable_capacity());
  out->set_leased_share(
      all.area_m2 == 0 ? 0.0 : static_cast<double>(out->leased().area_m2()) / static_cast<double>(all.area_m2));
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
    auto measure = ParseName(p.measure(), "supportMeasures", prefix + ".measure");
    if (!measure.ok()) return measure.status();
    r.measure_id = *measure;
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
  auto type = ParseName(p.service_type(), "serviceTypes", prefix + ".service_type");
  if (!type.ok()) return type.status();
  r.service_type_id = *type;
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
