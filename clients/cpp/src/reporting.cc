#include "biopolis/reporting.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::Report> Reporting::Get(const std::string& name) const {
  v1::GetReportRequest req;
  req.set_name(name);
  return Call<v1::Report>(m::kGetReport, req);
}

Pager<v1::Report> Reporting::List(const ListOptions& options) const {
  return Paged<v1::Report, v1::ListReportsResponse>(
      m::kListReports, v1::ListReportsRequest(), options,
      [](const v1::ListReportsResponse& r) -> const auto& { return r.reports(); });
}

Result<v1::Report> Reporting::Create(const v1::Report& report, std::string request_id) const {
  v1::CreateReportRequest req;
  *req.mutable_report() = report;
  req.set_request_id(std::move(request_id));
  return Call<v1::Report>(m::kCreateReport, req);
}

Result<v1::Report> Reporting::Update(const v1::Report& report, const std::vector<std::string>& paths,
                                     std::string request_id) const {
  v1::UpdateReportRequest req;
  *req.mutable_report() = report;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  return Call<v1::Report>(m::kUpdateReport, req);
}

Result<v1::Report> Reporting::Submit(const std::string& name, const std::string& etag, std::string request_id) const {
  return Act<v1::Report>(m::kSubmitReport, v1::SubmitReportRequest(), name, etag, std::move(request_id));
}

Result<v1::Report> Reporting::Accept(const std::string& name, const std::string& etag, std::string request_id) const {
  return Act<v1::Report>(m::kAcceptReport, v1::AcceptReportRequest(), name, etag, std::move(request_id));
}

Result<v1::Report> Reporting::Return(const std::string& name, const std::string& comment, const std::string& etag,
                                     std::string request_id) const {
  v1::ReturnReportRequest req;
  req.set_comment(comment);
  return Act<v1::Report>(m::kReturnReport, req, name, etag, std::move(request_id));
}

Result<v1::Report> Reporting::Correct(const std::string& name, std::string request_id) const {
  v1::CorrectReportRequest req;
  req.set_name(name);
  req.set_request_id(std::move(request_id));
  return Call<v1::Report>(m::kCorrectReport, req);
}

Result<v1::ListOverdueReportsResponse> Reporting::ListOverduePage(const ListOptions& options,
                                                                  const std::string& page_token) const {
  v1::ListOverdueReportsRequest req;
  ApplyListOptions(req, options, page_token);
  return Call<v1::ListOverdueReportsResponse>(m::kListOverdueReports, req);
}

Pager<v1::OverdueReport> Reporting::ListOverdue(const ListOptions& options) const {
  return Paged<v1::OverdueReport, v1::ListOverdueReportsResponse>(
      m::kListOverdueReports, v1::ListOverdueReportsRequest(), options,
      [](const v1::ListOverdueReportsResponse& r) -> const auto& { return r.overdue(); });
}

Result<v1::ResidentCompliance> Reporting::Compliance(const std::string& resident) const {
  v1::GetResidentComplianceRequest req;
  req.set_resident(resident);
  return Call<v1::ResidentCompliance>(m::kGetResidentCompliance, req);
}

Pager<v1::ResidentCompliance> Reporting::ListCompliance(v1::ComplianceStatus only, const ListOptions& options) const {
  v1::ListResidentComplianceRequest req;
  req.set_status(only);
  return Paged<v1::ResidentCompliance, v1::ListResidentComplianceResponse>(
      m::kListResidentCompliance, req, options,
      [](const v1::ListResidentComplianceResponse& r) -> const auto& { return r.residents(); });
}

Result<v1::ZoneStatistics> Reporting::ZoneStatistics(const google::type::Date* as_of) const {
  v1::GetZoneStatisticsRequest req;
  if (as_of != nullptr) *req.mutable_as_of() = *as_of;
  return Call<v1::ZoneStatistics>(m::kGetZoneStatistics, req);
}

}  // namespace biopolis::client
