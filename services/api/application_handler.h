// gRPC adapter of ApplicationService over ApplicationWorkflow.
#pragma once

#include "biopolis/v1/application.grpc.pb.h"
#include "services/api/call_gate.h"
#include "services/applications/application_workflow.h"

namespace biopolis {

class ApplicationHandler final : public v1::ApplicationService::CallbackService {
 public:
  explicit ApplicationHandler(CallGate& gate) : gate_(gate) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* GetApplication(Ctx* ctx, const v1::GetApplicationRequest* req, v1::Application* resp) override;
  Reactor* ListApplications(Ctx* ctx, const v1::ListApplicationsRequest* req,
                            v1::ListApplicationsResponse* resp) override;
  Reactor* CreateApplication(Ctx* ctx, const v1::CreateApplicationRequest* req, v1::Application* resp) override;
  Reactor* UpdateApplication(Ctx* ctx, const v1::UpdateApplicationRequest* req, v1::Application* resp) override;
  Reactor* DeleteApplication(Ctx* ctx, const v1::DeleteApplicationRequest* req, google::protobuf::Empty* resp) override;
  Reactor* CheckApplicationEligibility(Ctx* ctx, const v1::CheckApplicationEligibilityRequest* req,
                                       v1::CheckApplicationEligibilityResponse* resp) override;
  Reactor* SubmitApplication(Ctx* ctx, const v1::SubmitApplicationRequest* req, v1::Application* resp) override;
  Reactor* AcceptApplication(Ctx* ctx, const v1::AcceptApplicationRequest* req, v1::Application* resp) override;
  Reactor* RequestApplicationInformation(Ctx* ctx, const v1::RequestApplicationInformationRequest* req,
                                         v1::Application* resp) override;
  Reactor* RespondToInformationRequest(Ctx* ctx, const v1::RespondToInformationRequestRequest* req,
                                       v1::Application* resp) override;
  Reactor* ReferApplicationToExpertCouncil(Ctx* ctx, const v1::ReferApplicationToExpertCouncilRequest* req,
                                           v1::Application* resp) override;
  Reactor* RecordExpertOpinion(Ctx* ctx, const v1::RecordExpertOpinionRequest* req, v1::Application* resp) override;
  Reactor* ApproveApplication(Ctx* ctx, const v1::ApproveApplicationRequest* req, v1::Application* resp) override;
  Reactor* RejectApplication(Ctx* ctx, const v1::RejectApplicationRequest* req, v1::Application* resp) override;
  Reactor* WithdrawApplication(Ctx* ctx, const v1::WithdrawApplicationRequest* req, v1::Application* resp) override;
  Reactor* SignAgreement(Ctx* ctx, const v1::SignAgreementRequest* req, v1::Application* resp) override;

 private:
  // The common shape of the custom methods: name, etag, request_id, and args.
  template <typename Request>
  Reactor* Act(Ctx* ctx, const char* method, const Request& req, v1::Application* resp, ApplicationAction action,
               ApplicationActionArgs args);

  CallGate& gate_;
};

}  // namespace biopolis
