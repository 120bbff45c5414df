#include "services/api/service_desk_handler.h"

#include "core/resource_name.h"
#include "services/api/handler_support.h"
#include "services/api/service_desk_convert.h"

namespace biopolis {
namespace {
constexpr char kService[] = "/biopolis.v1.ServiceDeskService/";
std::string M(const char* method) { return std::string(kService) + method; }
}  // namespace

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
  return gate_.Mutate(ctx, M(method), req, resp,
                      [&, action, text](const Caller& caller, CommandMeta meta, Reply reply) mutable {
                        auto id = ParseName(req.name(), "serviceRequests", "name");
                        if (!id.ok()) return reply(id.status());
                        gate_.domain().service_desk.Act(caller, std::move(meta), *id, req.etag(), action,
                                                        std::move(text), RequestEncoder(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::GetServiceType(Ctx* ctx, const v1::GetServiceTypeRequest* req,
                                                             v1::ServiceType* resp) {
  return gate_.Read(ctx, M("GetServiceType"), *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "serviceTypes", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto t, gate_.domain().service_desk.GetType(id));
    ToProto(t, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ListServiceTypes(Ctx* ctx, const v1::ListServiceTypesRequest* req,
                                                               v1::ListServiceTypesResponse* resp) {
  return gate_.Read(ctx, M("ListServiceTypes"), *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().service_desk.ListTypes(caller, ListParamsOf(*req)), resp,
                    [&](const ServiceTypeRecord& r) { ToProto(r, resp->add_service_types()); });
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::CreateServiceType(Ctx* ctx, const v1::CreateServiceTypeRequest* req,
                                                                v1::ServiceType* resp) {
  return gate_.Mutate(
      ctx, M("CreateServiceType"), *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        gate_.domain().service_desk.CreateType(caller, std::move(meta), FromProto(req->service_type()),
                                               EncodeAs<v1::ServiceType, ServiceTypeRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::UpdateServiceType(Ctx* ctx, const v1::UpdateServiceTypeRequest* req,
                                                                v1::ServiceType* resp) {
  return gate_.Mutate(
      ctx, M("UpdateServiceType"), *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
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
  return gate_.Read(ctx, M("GetServiceRequest"), *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "serviceRequests", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto r, gate_.domain().service_desk.GetRequest(caller, id));
    ToProto(r, gate_.domain().clock().Now(), resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ListServiceRequests(Ctx* ctx, const v1::ListServiceRequestsRequest* req,
                                                                  v1::ListServiceRequestsResponse* resp) {
  return gate_.Read(ctx, M("ListServiceRequests"), *req, [&](const Caller& caller) -> Status {
    TimeMicros now = gate_.domain().clock().Now();
    return FillPage(gate_.domain().service_desk.ListRequests(caller, ListParamsOf(*req), req->overdue_only()), resp,
                    [&](const ServiceRequestRecord& r) { ToProto(r, now, resp->add_requests()); });
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::CreateServiceRequest(Ctx* ctx, const v1::CreateServiceRequestRequest* req,
                                                                   v1::ServiceRequest* resp) {
  return gate_.Mutate(ctx, M("CreateServiceRequest"), *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        auto r = FromProto(req->service_request(), "service_request");
                        if (!r.ok()) return reply(r.status());
                        gate_.domain().service_desk.CreateRequest(caller, std::move(meta), std::move(*r),
                                                                  RequestEncoder(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::TakeServiceRequest(Ctx* ctx, const v1::TakeServiceRequestRequest* req,
                                                                 v1::ServiceRequest* resp) {
  return Act(ctx, "TakeServiceRequest", *req, resp, ServiceAction::kTake, "");
}

grpc::ServerUnaryReactor* ServiceDeskHandler::AskResident(Ctx* ctx, const v1::AskResidentRequest* req,
                                                          v1::ServiceRequest* resp) {
  return Act(ctx, "AskResident", *req, resp, ServiceAction::kAsk, req->text());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::RespondToServiceRequest(Ctx* ctx,
                                                                      const v1::RespondToServiceRequestRequest* req,
                                                                      v1::ServiceRequest* resp) {
  return Act(ctx, "RespondToServiceRequest", *req, resp, ServiceAction::kRespond, req->text());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ResolveServiceRequest(Ctx* ctx,
                                                                    const v1::ResolveServiceRequestRequest* req,
                                                                    v1::ServiceRequest* resp) {
  return Act(ctx, "ResolveServiceRequest", *req, resp, ServiceAction::kResolve, req->outcome());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ConfirmServiceRequest(Ctx* ctx,
                                                                    const v1::ConfirmServiceRequestRequest* req,
                                                                    v1::ServiceRequest* resp) {
  return Act(ctx, "ConfirmServiceRequest", *req, resp, ServiceAction::kConfirm, "");
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ReopenServiceRequest(Ctx* ctx, const v1::ReopenServiceRequestRequest* req,
                                                                   v1::ServiceRequest* resp) {
  return Act(ctx, "ReopenServiceRequest", *req, resp, ServiceAction::kReopen, req->reason());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::CancelServiceRequest(Ctx* ctx, const v1::CancelServiceRequestRequest* req,
                                                                   v1::ServiceRequest* resp) {
  return Act(ctx, "CancelServiceRequest", *req, resp, ServiceAction::kCancel, req->reason());
}

grpc::ServerUnaryReactor* ServiceDeskHandler::CreateServiceMessage(Ctx* ctx, const v1::CreateServiceMessageRequest* req,
                                                                   v1::ServiceMessage* resp) {
  return gate_.Mutate(
      ctx, M("CreateServiceMessage"), *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = ParseName(req->parent(), "serviceRequests", "parent");
        if (!id.ok()) return reply(id.status());
        gate_.domain().service_desk.AddMessage(caller, std::move(meta), *id, req->message().text(),
                                               EncodeAs<v1::ServiceMessage, ServiceMessageRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::ListServiceMessages(Ctx* ctx, const v1::ListServiceMessagesRequest* req,
                                                                  v1::ListServiceMessagesResponse* resp) {
  return gate_.Read(ctx, M("ListServiceMessages"), *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->parent(), "serviceRequests", "parent"));
    return FillPage(gate_.domain().service_desk.ListMessages(caller, id, ListParamsOf(*req)), resp,
                    [&](const ServiceMessageRecord& r) { ToProto(r, resp->add_messages()); });
  });
}

grpc::ServerUnaryReactor* ServiceDeskHandler::GetServiceDeskStatistics(Ctx* ctx,
                                                                       const v1::GetServiceDeskStatisticsRequest* req,
                                                                       v1::ServiceDeskStatistics* resp) {
  return gate_.Read(ctx, M("GetServiceDeskStatistics"), *req, [&](const Caller&) -> Status {
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
