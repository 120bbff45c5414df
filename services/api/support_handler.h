// gRPC adapter of SupportService over SupportOffice.
#pragma once

#include "biopolis/v1/support.grpc.pb.h"
#include "services/api/call_gate.h"
#include "services/support/support_office.h"

namespace biopolis {

class SupportHandler final : public v1::SupportService::CallbackService {
 public:
  explicit SupportHandler(CallGate& gate) : gate_(gate) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* GetSupportMeasure(Ctx* ctx, const v1::GetSupportMeasureRequest* req, v1::SupportMeasure* resp) override;
  Reactor* ListSupportMeasures(Ctx* ctx, const v1::ListSupportMeasuresRequest* req,
                               v1::ListSupportMeasuresResponse* resp) override;
  Reactor* CreateSupportMeasure(Ctx* ctx, const v1::CreateSupportMeasureRequest* req,
                                v1::SupportMeasure* resp) override;
  Reactor* UpdateSupportMeasure(Ctx* ctx, const v1::UpdateSupportMeasureRequest* req,
                                v1::SupportMeasure* resp) override;
  Reactor* CheckSupportEligibility(Ctx* ctx, const v1::CheckSupportEligibilityRequest* req,
                                   v1::CheckSupportEligibilityResponse* resp) override;
  Reactor* GetSupportMeasureStatistics(Ctx* ctx, const v1::GetSupportMeasureStatisticsRequest* req,
                                       v1::SupportMeasureStatistics* resp) override;
  Reactor* GetSupportRequest(Ctx* ctx, const v1::GetSupportRequestRequest* req, v1::SupportRequest* resp) override;
  Reactor* ListSupportRequests(Ctx* ctx, const v1::ListSupportRequestsRequest* req,
                               v1::ListSupportRequestsResponse* resp) override;
  Reactor* CreateSupportRequest(Ctx* ctx, const v1::CreateSupportRequestRequest* req,
                                v1::SupportRequest* resp) override;
  Reactor* UpdateSupportRequest(Ctx* ctx, const v1::UpdateSupportRequestRequest* req,
                                v1::SupportRequest* resp) override;
  Reactor* SubmitSupportRequest(Ctx* ctx, const v1::SubmitSupportRequestRequest* req,
                                v1::SupportRequest* resp) override;
  Reactor* AcceptSupportRequest(Ctx* ctx, const v1::AcceptSupportRequestRequest* req,
                                v1::SupportRequest* resp) override;
  Reactor* RequestSupportInformation(Ctx* ctx, const v1::RequestSupportInformationRequest* req,
                                     v1::SupportRequest* resp) override;
  Reactor* RespondToSupportInformationRequest(Ctx* ctx, const v1::RespondToSupportInformationRequestRequest* req,
                                              v1::SupportRequest* resp) override;
  Reactor* ApproveSupportRequest(Ctx* ctx, const v1::ApproveSupportRequestRequest* req,
                                 v1::SupportRequest* resp) override;
  Reactor* RejectSupportRequest(Ctx* ctx, const v1::RejectSupportRequestRequest* req,
                                v1::SupportRequest* resp) override;
  Reactor* WithdrawSupportRequest(Ctx* ctx, const v1::WithdrawSupportRequestRequest* req,
                                  v1::SupportRequest* resp) override;
  Reactor* RecordDisbursement(Ctx* ctx, const v1::RecordDisbursementRequest* req, v1::SupportRequest* resp) override;
  Reactor* CloseSupportRequest(Ctx* ctx, const v1::CloseSupportRequestRequest* req, v1::SupportRequest* resp) override;

 private:
  template <typename Request>
  Reactor* Act(Ctx* ctx, const char* method, const Request& req, v1::SupportRequest* resp, SupportAction action,
               SupportActionArgs args);

  CallGate& gate_;
};

}  // namespace biopolis
