#include "services/api/request_limits.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <vector>

#include "core/text_limits.h"
#include "core/value_limits.h"

namespace biopolis {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

int LimitOf(const FieldDescriptor& field) {
  const auto& limits = RepeatedFieldLimits();
  auto it = limits.find(field.full_name());
  return it == limits.end() ? kDefaultMaxRepeated : it->second;
}

Status Walk(const Message& message, const std::string& path, int depth) {
  if (depth > 32) {
    return Status::InvalidField(path, "nested too deeply", "TOO_DEEP");
  }
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string here = path.empty() ? field->name() : path + "." + field->name();
    if (field->is_repeated()) {
      const int count = reflection->FieldSize(message, field);
      const int limit = LimitOf(*field);
      if (count > limit) {
        return Status::InvalidField(
            here, "at most " + std::to_string(limit) + " elements are accepted, got " + std::to_string(count),
            "TOO_MANY_ELEMENTS");
      }
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_map()) continue;
    if (field->is_repeated()) {
      const int count = reflection->FieldSize(message, field);
      for (int i = 0; i < count; ++i) {
        BIOPOLIS_RETURN_IF_ERROR(
            Walk(reflection->GetRepeatedMessage(message, field, i), here + "[" + std::to_string(i) + "]", depth + 1));
      }
    } else {
      BIOPOLIS_RETURN_IF_ERROR(Walk(reflection->GetMessage(message, field), here, depth + 1));
    }
  }
  return Status::Ok();
}

}  // namespace

const std::map<std::string, int>& RepeatedFieldLimits() {
  static const std::map<std::string, int> kLimits = {
      {"google.protobuf.FieldMask.paths", 64},
      {"biopolis.v1.Application.okved_codes", 20},
      {"biopolis.v1.Application.requested_plots", 20},
      {"biopolis.v1.SignAgreementRequest.commitments", 40},
      {"biopolis.v1.Resident.commitments", 40},
      {"biopolis.v1.WatchEventsRequest.resource_types", 20},
      {"biopolis.v1.ListEventsRequest.resource_types", 20},
      {"biopolis.v1.Plot.predecessors", 32},
      {"biopolis.v1.Plot.successors", 32},
      {"biopolis.v1.RetirePlotRequest.successors", 32},
      {"biopolis.v1.ZonePolicy.allowed_okved_prefixes", 200},
      {"biopolis.v1.ZonePolicy.required_application_documents", 20},
      {"biopolis.v1.SupportMeasure.required_documents", 20},
      {"biopolis.v1.SupportMeasure.Eligibility.okved_prefixes", 200},
  };
  return kLimits;
}

const std::map<std::string, std::size_t>& TextFieldLimits() {
  static const std::map<std::string, std::size_t> kLimits = {
      {"biopolis.v1.ApiKey.display_name", text_limits::kLabel},
      {"biopolis.v1.UploadDocumentRequest.Metadata.file_name", text_limits::kFileName},
      {"biopolis.v1.UploadDocumentRequest.Metadata.expected_sha256", text_limits::kCode},
      {"biopolis.v1.Application.project_description", text_limits::kText},
      {"biopolis.v1.Application.project_name", text_limits::kTitle},
      {"biopolis.v1.ApproveApplicationRequest.comment", text_limits::kReason},
      {"biopolis.v1.AskResidentRequest.text", text_limits::kText},
      {"biopolis.v1.BlockPlotRequest.reason", text_limits::kReason},
      {"biopolis.v1.CancelServiceRequestRequest.reason", text_limits::kText},
      {"biopolis.v1.CloseSupportRequestRequest.reason", text_limits::kText},
      {"biopolis.v1.CureViolationRequest.note", text_limits::kText},
      {"biopolis.v1.IssueViolationNoticeRequest.description", text_limits::kText},
      {"biopolis.v1.Lease.agreement_number", text_limits::kCode},
      {"biopolis.v1.Organization.contact_email", text_limits::kEmail},
      {"biopolis.v1.Organization.contact_person", text_limits::kLabel},
      {"biopolis.v1.Organization.contact_phone", text_limits::kLabel},
      {"biopolis.v1.Organization.full_name", text_limits::kName},
      {"biopolis.v1.Organization.legal_address", text_limits::kName},
      {"biopolis.v1.Organization.short_name", text_limits::kLabel},
      {"biopolis.v1.Plot.notes", text_limits::kReason},
      {"biopolis.v1.Plot.site", text_limits::kLabel},
      {"biopolis.v1.RecordExpertOpinionRequest.summary", text_limits::kText},
      {"biopolis.v1.RejectApplicationRequest.explanation", text_limits::kText},
      {"biopolis.v1.RejectSupportRequestRequest.reason", text_limits::kText},
      {"biopolis.v1.ReleasePlotReservationRequest.reason", text_limits::kReason},
      {"biopolis.v1.ReopenServiceRequestRequest.reason", text_limits::kText},
      {"biopolis.v1.RequestApplicationInformationRequest.text", text_limits::kReason},
      {"biopolis.v1.RequestSupportInformationRequest.text", text_limits::kText},
      {"biopolis.v1.ResolveServiceRequestRequest.outcome", text_limits::kText},
      {"biopolis.v1.RespondToInformationRequestRequest.response", text_limits::kText},
      {"biopolis.v1.RespondToServiceRequestRequest.text", text_limits::kText},
      {"biopolis.v1.RespondToSupportInformationRequestRequest.response", text_limits::kText},
      {"biopolis.v1.RetirePlotRequest.reason", text_limits::kReason},
      {"biopolis.v1.ReturnReportRequest.comment", text_limits::kText},
      {"biopolis.v1.ServiceMessage.text", text_limits::kText},
      {"biopolis.v1.ServiceRequest.description", text_limits::kText},
      {"biopolis.v1.ServiceType.description", text_limits::kText},
      {"biopolis.v1.ServiceType.responsible_unit", text_limits::kTitle},
      {"biopolis.v1.ServiceType.title", text_limits::kTitle},
      {"biopolis.v1.SignAgreementRequest.agreement_number", text_limits::kCode},
      {"biopolis.v1.SupportMeasure.description", text_limits::kText},
      {"biopolis.v1.SupportMeasure.legal_basis", text_limits::kLegalBasis},
      {"biopolis.v1.SupportMeasure.title", text_limits::kTitle},
      {"biopolis.v1.SupportRequest.Disbursement.reference", text_limits::kLabel},
      {"biopolis.v1.SupportRequest.justification", text_limits::kText},
      {"biopolis.v1.SupportRequest.purpose", text_limits::kReason},
      {"biopolis.v1.TerminateLeaseRequest.reason", text_limits::kReason},
      {"biopolis.v1.TerminateResidentRequest.explanation", text_limits::kText},
      {"biopolis.v1.WithdrawApplicationRequest.reason", text_limits::kReason},
      {"biopolis.v1.WithdrawSupportRequestRequest.reason", text_limits::kText},
      {"biopolis.v1.ZonePolicy.description", text_limits::kReason},
  };
  return kLimits;
}

const std::map<std::string, NumericRange>& NumericFieldRanges() {
  constexpr auto kMaxKopecks = static_cast<double>(value_limits::kMaxKopecks);
  constexpr auto kMaxJobs = static_cast<double>(value_limits::kMaxJobs);
  static const std::map<std::string, NumericRange> kRanges = {
      {"biopolis.v1.Application.planned_investment_3y_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Application.planned_investment_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Application.planned_jobs", {0, kMaxJobs}},
      {"biopolis.v1.Application.requested_land_area_m2", {0, 100000000}},
      {"biopolis.v1.ApproveSupportRequestRequest.granted_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Commitment.investment_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Commitment.jobs", {0, kMaxJobs}},
      {"biopolis.v1.GeoPoint.latitude", {-90, 90}},
      {"biopolis.v1.GeoPoint.longitude", {-180, 180}},
      {"biopolis.v1.Lease.annual_rent_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Plot.area_m2", {1, 1000000000}},
      {"biopolis.v1.Report.capex_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Report.investment_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Report.jobs_at_period_end", {0, kMaxJobs}},
      {"biopolis.v1.Report.quarter", {1, 4}},
      {"biopolis.v1.Report.revenue_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Report.tax_benefits_used_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Report.taxes_paid_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.Report.year", {2000, 2100}},
      {"biopolis.v1.ServiceType.sla_working_days", {1, 365}},
      {"biopolis.v1.SupportMeasure.Eligibility.min_investment_made_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.SupportMeasure.cap_per_resident_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.SupportMeasure.total_budget_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.SupportRequest.Disbursement.amount_kopecks", {1, kMaxKopecks}},
      {"biopolis.v1.SupportRequest.requested_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.UtilityCapacity.gas_m3_per_hour", {0, 1000000000}},
      {"biopolis.v1.UtilityCapacity.power_kw", {0, 1000000000}},
      {"biopolis.v1.UtilityCapacity.sewage_m3_per_day", {0, 1000000000}},
      {"biopolis.v1.UtilityCapacity.water_m3_per_day", {0, 1000000000}},
      {"biopolis.v1.ZonePolicy.info_request_days", {1, 365}},
      {"biopolis.v1.ZonePolicy.min_investment_3y_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.ZonePolicy.min_investment_kopecks", {0, kMaxKopecks}},
      {"biopolis.v1.ZonePolicy.reservation_days", {1, 730}},
  };
  return kRanges;
}

std::string FormatBound(double v) {
  if (v == static_cast<double>(static_cast<std::int64_t>(v))) return std::to_string(static_cast<std::int64_t>(v));
  return std::to_string(v);
}

Status CheckRepeatedFieldCounts(const Message& request) { return Walk(request, "", 0); }

}  // namespace biopolis
