// gRPC adapters of ReportingService (over ReportingOffice) and
// StatisticsService (over ZoneStatistics).
#pragma once

#include "biopolis/v1/reporting.grpc.pb.h"
#include "biopolis/v1/statistics.grpc.pb.h"
#include "services/api/call_gate.h"

namespace biopolis {

class ReportingHandler final : public v1::ReportingService::CallbackService {
 public:
  explicit ReportingHandler(CallGate& gate) : gate_(gate) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* GetReport(Ctx* ctx, const v1::GetReportRequest* req, v1::Report* resp) override;
  Reactor* ListReports(Ctx* ctx, const v1::ListReportsRequest* req, v1::ListReportsResponse* resp) override;
  Reactor* CreateReport(Ctx* ctx, const v1::CreateReportRequest* req, v1::Report* resp) override;
  Reactor* UpdateReport(Ctx* ctx, const v1::UpdateReportRequest* req, v1::Report* resp) override;
  Reactor* SubmitReport(Ctx* ctx, const v1::SubmitReportRequest* req, v1::Report* resp) override;
  Reactor* AcceptReport(Ctx* ctx, const v1::AcceptReportRequest* req, v1::Report* resp) override;
  Reactor* ReturnReport(Ctx* ctx, const v1::ReturnReportRequest* req, v1::Report* resp) override;
  Reactor* CorrectReport(Ctx* ctx, const v1::CorrectReportRequest* req, v1::Report* resp) override;
  Reactor* ListOverdueReports(Ctx* ctx, const v1::ListOverdueReportsRequest* req,
                              v1::ListOverdueReportsResponse* resp) override;
  Reactor* GetResidentCompliance(Ctx* ctx, const v1::GetResidentComplianceRequest* req,
                                 v1::ResidentCompliance* resp) override;
  Reactor* ListResidentCompliance(Ctx* ctx, const v1::ListResidentComplianceRequest* req,
                                  v1::ListResidentComplianceResponse* resp) override;

 private:
  template <typename Request>
  Reactor* Act(Ctx* ctx, const char* method, const Request& req, v1::Report* resp, ReportAction action,
               std::string comment);

  CallGate& gate_;
};

class StatisticsHandler final : public v1::StatisticsService::CallbackService {
 public:
  explicit StatisticsHandler(CallGate& gate) : gate_(gate) {}
  grpc::ServerUnaryReactor* GetZoneStatistics(grpc::CallbackServerContext* ctx, const v1::GetZoneStatisticsRequest* req,
                                              v1::ZoneStatistics* resp) override;

 private:
  CallGate& gate_;
};

}  // namespace biopolis
