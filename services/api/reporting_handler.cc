#include "services/api/reporting_handler.h"

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/handler_support.h"
#include "services/api/reporting_convert.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {}  // namespace

template <typename Request>
grpc::ServerUnaryReactor* ReportingHandler::Act(Ctx* ctx, const char* method, const Request& req, v1::Report* resp,
                                                ReportAction action, std::string comment) {
  return gate_.Mutate(
      ctx, method, req, resp, [&, action, comment](const Caller& caller, CommandMeta meta, Reply reply) mutable {
        auto id = ParseName(req.name(), "reports", "name");
        if (!id.ok()) return reply(id.status());
        gate_.domain().reporting.Act(caller, std::move(meta), *id, req.etag(), action, std::move(comment),
                                     EncodeAs<v1::Report, ReportRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ReportingHandler::GetReport(Ctx* ctx, const v1::GetReportRequest* req, v1::Report* resp) {
  return gate_.Read(ctx, methods::kGetReport, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "reports", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto r, gate_.domain().reporting.Get(caller, id));
    ToProto(r, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ReportingHandler::ListReports(Ctx* ctx, const v1::ListReportsRequest* req,
                                                        v1::ListReportsResponse* resp) {
  return gate_.Read(ctx, methods::kListReports, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().reporting.List(caller, ListParamsOf(*req)), resp,
                    [&](const ReportRecord& r) { ToProto(r, resp->add_reports()); });
  });
}

grpc::ServerUnaryReactor* ReportingHandler::CreateReport(Ctx* ctx, const v1::CreateReportRequest* req,
                                                         v1::Report* resp) {
  return gate_.Mutate(ctx, methods::kCreateReport, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        gate_.domain().reporting.Create(caller, std::move(meta), FromProto(req->report()),
                                                        EncodeAs<v1::Report, ReportRecord>(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* ReportingHandler::UpdateReport(Ctx* ctx, const v1::UpdateReportRequest* req,
                                                         v1::Report* resp) {
  return gate_.Mutate(
      ctx, methods::kUpdateReport, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = ParseName(req->report().name(), "reports", "report.name");
        if (!id.ok()) return reply(id.status());
        std::vector<std::string> paths(req->update_mask().paths().begin(), req->update_mask().paths().end());
        gate_.domain().reporting.Update(caller, std::move(meta), *id, req->report().etag(), FromProto(req->report()),
                                        std::move(paths), EncodeAs<v1::Report, ReportRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ReportingHandler::SubmitReport(Ctx* ctx, const v1::SubmitReportRequest* req,
                                                         v1::Report* resp) {
  return Act(ctx, methods::kSubmitReport, *req, resp, ReportAction::kSubmit, "");
}

grpc::ServerUnaryReactor* ReportingHandler::AcceptReport(Ctx* ctx, const v1::AcceptReportRequest* req,
                                                         v1::Report* resp) {
  return Act(ctx, methods::kAcceptReport, *req, resp, ReportAction::kAccept, "");
}

grpc::ServerUnaryReactor* ReportingHandler::ReturnReport(Ctx* ctx, const v1::ReturnReportRequest* req,
                                                         v1::Report* resp) {
  return Act(ctx, methods::kReturnReport, *req, resp, ReportAction::kReturn, req->comment());
}

grpc::ServerUnaryReactor* ReportingHandler::CorrectReport(Ctx* ctx, const v1::CorrectReportRequest* req,
                                                          v1::Report* resp) {
  return gate_.Mutate(ctx, methods::kCorrectReport, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        auto id = ParseName(req->name(), "reports", "name");
                        if (!id.ok()) return reply(id.status());
                        gate_.domain().reporting.Correct(caller, std::move(meta), *id,
                                                         EncodeAs<v1::Report, ReportRecord>(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* ReportingHandler::ListOverdueReports(Ctx* ctx, const v1::ListOverdueReportsRequest* req,
                                                               v1::ListOverdueReportsResponse* resp) {
  return gate_.Read(ctx, methods::kListOverdueReports, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().reporting.Overdue(caller, ListParamsOf(*req)), resp, [&](const OverdueQuarter& o) {
      auto* e = resp->add_overdue();
      e->set_resident(FormatName("residents", o.resident_id));
      e->set_year(o.year);
      e->set_quarter(o.quarter);
      SetDate(o.due_date, e->mutable_due_date());
    });
  });
}

grpc::ServerUnaryReactor* ReportingHandler::GetResidentCompliance(Ctx* ctx, const v1::GetResidentComplianceRequest* req,
                                                                  v1::ResidentCompliance* resp) {
  return gate_.Read(ctx, methods::kGetResidentCompliance, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->resident(), "residents", "resident"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto c, gate_.domain().reporting.ComplianceOf(caller, id));
    ToProto(c, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ReportingHandler::ListResidentCompliance(Ctx* ctx,
                                                                   const v1::ListResidentComplianceRequest* req,
                                                                   v1::ListResidentComplianceResponse* resp) {
  return gate_.Read(ctx, methods::kListResidentCompliance, *req, [&](const Caller& caller) -> Status {
    ComplianceStatus only = v1::ComplianceStatus_IsValid(req->status()) ? static_cast<ComplianceStatus>(req->status())
                                                                        : ComplianceStatus::kUnspecified;
    return FillPage(gate_.domain().reporting.ListCompliance(caller, ListParamsOf(*req), only), resp,
                    [&](const ResidentCompliance& c) { ToProto(c, resp->add_residents()); });
  });
}

grpc::ServerUnaryReactor* StatisticsHandler::GetZoneStatistics(grpc::CallbackServerContext* ctx,
                                                               const v1::GetZoneStatisticsRequest* req,
                                                               v1::ZoneStatistics* resp) {
  return gate_.Read(ctx, methods::kGetZoneStatistics, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto f,
                              gate_.domain().statistics.Compute(req->has_as_of() ? FromDate(req->as_of()) : Date{}));
    const ZoneTotals& t = f.totals;
    SetDate(f.as_of, resp->mutable_as_of());
    resp->set_residents_active(t.residents_by_state[static_cast<int>(ResidentState::kActive)]);
    resp->set_residents_under_remedy(t.residents_by_state[static_cast<int>(ResidentState::kUnderRemedy)]);
    resp->set_residents_terminated(t.residents_by_state[static_cast<int>(ResidentState::kTerminated)]);
    resp->set_investment_committed_kopecks(t.investment_committed_kopecks);
    resp->set_investment_made_kopecks(t.investment_made_kopecks);
    resp->set_jobs_planned(t.jobs_planned);
    resp->set_jobs_created(t.jobs_created);
    std::int64_t land_total = 0;
    for (std::size_t s = 1; s < f.land.size(); ++s) {
      if (static_cast<PlotState>(s) != PlotState::kRetired) land_total += f.land[s].area_m2;
    }
    resp->set_land_total_m2(land_total);
    resp->set_land_leased_m2(f.land.at(static_cast<std::size_t>(PlotState::kLeased)).area_m2);
    resp->set_land_reserved_m2(f.land.at(static_cast<std::size_t>(PlotState::kReserved)).area_m2);
    resp->set_support_budget_kopecks(t.support_budget_kopecks);
    resp->set_support_committed_kopecks(t.support_committed_kopecks);
    resp->set_support_disbursed_kopecks(t.support_disbursed_kopecks);
    const ServiceDeskTotals& d = f.service_desk;
    resp->set_service_requests_opened(d.opened);
    resp->set_service_requests_resolved(d.resolved);
    resp->set_service_requests_within_sla_share(
        d.resolved == 0 ? 0.0 : static_cast<double>(d.resolved_within_sla) / static_cast<double>(d.resolved));
    resp->set_service_requests_overdue(d.currently_overdue);
    return Status::Ok();
  });
}

}  // namespace biopolis
