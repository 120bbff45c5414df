#include "services/api/service_desk_handler.h"

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/handler_support.h"
#include "services/api/service_desk_convert.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {}  // namespace

Encoder<ServiceRequestRecord> ServiceDeskHandler::RequestEncoder() {
  const Clock& clock = gate_.domain().clock();
  return [&clock](const ServiceRequestRecord& r) {
    v1::ServiceRequest out;
    ToProto(r, clock.Now(), &out);
    return out.SerializeAsString();
  };
}

template <typename Request>
grpc::ServerUnaryReactor* ServiceDeskHandler::Act(Ctx* ctx, const char* method, const Request& req,
                                                  v1::ServiceRequest* resp, ServiceAction action, std::string text) {
  return gate_.Mutate(ctx, method, req, resp,
                      [&, action, text](const Caller& caller, CommandMeta meta, Reply reply) mutable {
                        auto id = ParseName(req.name(), "serviceRequests", "name");
                        if (!id.ok()) return reply(id.status());
                        gate_.domain().service_desk.Act(caller, std::move(meta), *id, req.etag(), action,
                                                        std::move(text), RequestEncoder(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::GetServiceType(Ctx* ctx, const v1::GetServiceTypeRequest* req,
                                                             v1::ServiceType* resp) {
  return gate_.Read(ctx, methods::kGetServiceType, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "serviceTypes", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto t, gate_.domain().service_desk.GetType(id));
    ToProto(t, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ListServiceTypes(Ctx* ctx, const v1::ListServiceTypesRequest* req,
                                                               v1::ListServiceTypesResponse* resp) {
  return gate_.Read(ctx, methods::kListServiceTypes, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().service_desk.ListTypes(caller, ListParamsOf(*req)), resp,
                    [&](const ServiceTypeRecord& r) { ToProto(r, resp->add_service_types()); });
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::CreateServiceType(Ctx* ctx, const v1::CreateServiceTypeRequest* req,
                                                                v1::ServiceType* resp) {
  return gate_.Mutate(
      ctx, methods::kCreateServiceType, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        gate_.domain().service_desk.CreateType(caller, std::move(meta), FromProto(req->service_type()),
                                               EncodeAs<v1::ServiceType, ServiceTypeRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::UpdateServiceType(Ctx* ctx, const v1::UpdateServiceTypeRequest* req,
                                                                v1::ServiceType* resp) {
  return gate_.Mutate(
      ctx, methods::kUpdateServiceType, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = ParseName(req->service_type().name(), "serviceTypes", "service_type.name");
        if (!id.ok()) return reply(id.status());
        std::vector<std::string> paths(req->update_mask().paths().begin(), req->update_mask().paths().end());
        gate_.domain().service_desk.UpdateType(caller, std::move(meta), *id, req->service_type().etag(),
                                               FromProto(req->service_type()), std::move(paths),
                                               EncodeAs<v1::ServiceType, ServiceTypeRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::GetServiceRequest(Ctx* ctx, const v1::GetServiceRequestRequest* req,
                                                                v1::ServiceRequest* resp) {
  return gate_.Read(ctx, methods::kGetServiceRequest, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "serviceRequests", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto r, gate_.domain().service_desk.GetRequest(caller, id));
    ToProto(r, gate_.domain().clock().Now(), resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ListServiceRequests(Ctx* ctx, const v1::ListServiceRequestsRequest* req,
                                                                  v1::ListServiceRequestsResponse* resp) {
  return gate_.Read(ctx, methods::kListServiceRequests, *req, [&](const Caller& caller) -> Status {
    TimeMicros now = gate_.domain().clock().Now();
    return FillPage(gate_.domain().service_desk.ListRequests(caller, ListParamsOf(*req), req->overdue_only()), resp,
                    [&](const ServiceRequestRecord& r) { ToProto(r, now, resp->add_requests()); });
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::CreateServiceRequest(Ctx* ctx, const v1::CreateServiceRequestRequest* req,
                                                                   v1::ServiceRequest* resp) {
  return gate_.Mutate(ctx, methods::kCreateServiceRequest, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        auto r = FromProto(req->service_request(), "service_request");
                        if (!r.ok()) return reply(r.status());
                        gate_.domain().service_desk.CreateRequest(caller, std::move(meta), std::move(*r),
                                                                  RequestEncoder(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::TakeServiceRequest(Ctx* ctx, const v1::TakeServiceRequestRequest* req,
                                                                 v1::ServiceRequest* resp) {
  return Act(ctx, methods::kTakeServiceRequest, *req, resp, ServiceAction::kTake, "");
}

grpc::ServerUnaryReactor* ServiceDeskHandler::AskResident(Ctx* ctx, const v1::AskResidentRequest* req,
                                                          v1::ServiceRequest* resp) {
  return Act(ctx, methods::kAskResident, *req, resp, ServiceAction::kAsk, req->text());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::RespondToServiceRequest(Ctx* ctx,
                                                                      const v1::RespondToServiceRequestRequest* req,
                                                                      v1::ServiceRequest* resp) {
  return Act(ctx, methods::kRespondToServiceRequest, *req, resp, ServiceAction::kRespond, req->text());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ResolveServiceRequest(Ctx* ctx,
                                                                    const v1::ResolveServiceRequestRequest* req,
                                                                    v1::ServiceRequest* resp) {
  return Act(ctx, methods::kResolveServiceRequest, *req, resp, ServiceAction::kResolve, req->outcome());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ConfirmServiceRequest(Ctx* ctx,
                                                                    const v1::ConfirmServiceRequestRequest* req,
                                                                    v1::ServiceRequest* resp) {
  return Act(ctx, methods::kConfirmServiceRequest, *req, resp, ServiceAction::kConfirm, "");
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ReopenServiceRequest(Ctx* ctx, const v1::ReopenServiceRequestRequest* req,
                                                                   v1::ServiceRequest* resp) {
  return Act(ctx, methods::kReopenServiceRequest, *req, resp, ServiceAction::kReopen, req->reason());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::CancelServiceRequest(Ctx* ctx, const v1::CancelServiceRequestRequest* req,
                                                                   v1::ServiceRequest* resp) {
  return Act(ctx, methods::kCancelServiceRequest, *req, resp, ServiceAction::kCancel, req->reason());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::CreateServiceMessage(Ctx* ctx, const v1::CreateServiceMessageRequest* req,
                                                                   v1::ServiceMessage* resp) {
  return gate_.Mutate(
      ctx, methods::kCreateServiceMessage, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = ParseName(req->parent(), "serviceRequests", "parent");
        if (!id.ok()) return reply(id.status());
        gate_.domain().service_desk.AddMessage(caller, std::move(meta), *id, req->message().text(),
                                               EncodeAs<v1::ServiceMessage, ServiceMessageRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ListServiceMessages(Ctx* ctx, const v1::ListServiceMessagesRequest* req,
                                                                  v1::ListServiceMessagesResponse* resp) {
  return gate_.Read(ctx, methods::kListServiceMessages, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->parent(), "serviceRequests", "parent"));
    return FillPage(gate_.domain().service_desk.ListMessages(caller, id, ListParamsOf(*req)), resp,
                    [&](const ServiceMessageRecord& r) { ToProto(r, resp->add_messages()); });
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::GetServiceDeskStatistics(Ctx* ctx,
                                                                       const v1::GetServiceDeskStatisticsRequest* req,
                                                                       v1::ServiceDeskStatistics* resp) {
  return gate_.Read(ctx, methods::kGetServiceDeskStatistics, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto t, gate_.domain().service_desk.Totals());
    resp->set_opened(t.opened);
    resp->set_resolved(t.resolved);
    resp->set_median_seconds_to_resolve(t.median_seconds_to_resolve);
    resp->set_resolved_within_sla_share(
        t.resolved == 0 ? 0.0 : static_cast<double>(t.resolved_within_sla) / static_cast<double>(t.resolved));
    resp->set_currently_overdue(t.currently_overdue);
    return Status::Ok();
  });
}

}  // namespace biopolis
