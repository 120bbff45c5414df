// gRPC adapter of ServiceDeskService over OneStopShop.
#pragma once

#include "biopolis/v1/service_desk.grpc.pb.h"
#include "services/api/call_gate.h"
#include "services/service_desk/one_stop_shop.h"

namespace biopolis {

class ServiceDeskHandler final : public v1::ServiceDeskService::CallbackService {
 public:
  explicit ServiceDeskHandler(CallGate& gate) : gate_(gate) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* GetServiceType(Ctx* ctx, const v1::GetServiceTypeRequest* req, v1::ServiceType* resp) override;
  Reactor* ListServiceTypes(Ctx* ctx, const v1::ListServiceTypesRequest* req,
                            v1::ListServiceTypesResponse* resp) override;
  Reactor* CreateServiceType(Ctx* ctx, const v1::CreateServiceTypeRequest* req, v1::ServiceType* resp) override;
  Reactor* UpdateServiceType(Ctx* ctx, const v1::UpdateServiceTypeRequest* req, v1::ServiceType* resp) override;
  Reactor* GetServiceRequest(Ctx* ctx, const v1::GetServiceRequestRequest* req, v1::ServiceRequest* resp) override;
  Reactor* ListServiceRequests(Ctx* ctx, const v1::ListServiceRequestsRequest* req,
                               v1::ListServiceRequestsResponse* resp) override;
  Reactor* CreateServiceRequest(Ctx* ctx, const v1::CreateServiceRequestRequest* req,
                                v1::ServiceRequest* resp) override;
  Reactor* TakeServiceRequest(Ctx* ctx, const v1::TakeServiceRequestRequest* req, v1::ServiceRequest* resp) override;
  Reactor* AskResident(Ctx* ctx, const v1::AskResidentRequest* req, v1::ServiceRequest* resp) override;
  Reactor* RespondToServiceRequest(Ctx* ctx, const v1::RespondToServiceRequestRequest* req,
                                   v1::ServiceRequest* resp) override;
  Reactor* ResolveServiceRequest(Ctx* ctx, const v1::ResolveServiceRequestRequest* req,
                                 v1::ServiceRequest* resp) override;
  Reactor* ConfirmServiceRequest(Ctx* ctx, const v1::ConfirmServiceRequestRequest* req,
                                 v1::ServiceRequest* resp) override;
  Reactor* ReopenServiceRequest(Ctx* ctx, const v1::ReopenServiceRequestRequest* req,
                                v1::ServiceRequest* resp) override;
  Reactor* CancelServiceRequest(Ctx* ctx, const v1::CancelServiceRequestRequest* req,
                                v1::ServiceRequest* resp) override;
  Reactor* CreateServiceMessage(Ctx* ctx, const v1::CreateServiceMessageRequest* req,
                                v1::ServiceMessage* resp) override;
  Reactor* ListServiceMessages(Ctx* ctx, const v1::ListServiceMessagesRequest* req,
                               v1::ListServiceMessagesResponse* resp) override;
  Reactor* GetServiceDeskStatistics(Ctx* ctx, const v1::GetServiceDeskStatisticsRequest* req,
                                    v1::ServiceDeskStatistics* resp) override;

 private:
  template <typename Request>
  Reactor* Act(Ctx* ctx, const char* method, const Request& req, v1::ServiceRequest* resp, ServiceAction action,
               std::string text);
  Encoder<ServiceRequestRecord> RequestEncoder();

  CallGate& gate_;
};

}  // namespace biopolis
