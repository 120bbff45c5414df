#include "biopolis/service_desk.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::ServiceType> ServiceDesk::GetType(const std::string& name) const {
  v1::GetServiceTypeRequest req;
  req.set_name(name);
  return Call<v1::ServiceType>(m::kGetServiceType, req);
}

Pager<v1::ServiceType> ServiceDesk::ListTypes(const ListOptions& options) const {
  return Paged<v1::ServiceType, v1::ListServiceTypesResponse>(
      m::kListServiceTypes, v1::ListServiceTypesRequest(), options,
      [](const v1::ListServiceTypesResponse& r) -> const auto& { return r.service_types(); });
}

Result<v1::ServiceType> ServiceDesk::CreateType(const v1::ServiceType& type, std::string request_id) const {
  v1::CreateServiceTypeRequest req;
  *req.mutable_service_type() = type;
  req.set_request_id(std::move(request_id));
  return Call<v1::ServiceType>(m::kCreateServiceType, req);
}

Result<v1::ServiceType> ServiceDesk::UpdateType(const v1::ServiceType& type, const std::vector<std::string>& paths,
                                                std::string request_id) const {
  v1::UpdateServiceTypeRequest req;
  *req.mutable_service_type() = type;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  return Call<v1::ServiceType>(m::kUpdateServiceType, req);
}

Result<v1::ServiceRequest> ServiceDesk::GetRequest(const std::string& name) const {
  v1::GetServiceRequestRequest req;
  req.set_name(name);
  return Call<v1::ServiceRequest>(m::kGetServiceRequest, req);
}

Pager<v1::ServiceRequest> ServiceDesk::ListRequests(const ListOptions& options) const {
  v1::ListServiceRequestsRequest req;
  req.set_overdue_only(options.overdue_only);
  return Paged<v1::ServiceRequest, v1::ListServiceRequestsResponse>(
      m::kListServiceRequests, req, options,
      [](const v1::ListServiceRequestsResponse& r) -> const auto& { return r.requests(); });
}

Result<v1::ServiceRequest> ServiceDesk::CreateRequest(const v1::ServiceRequest& request, std::string request_id) const {
  v1::CreateServiceRequestRequest req;
  *req.mutable_service_request() = request;
  req.set_request_id(std::move(request_id));
  return Call<v1::ServiceRequest>(m::kCreateServiceRequest, req);
}

Result<v1::ServiceRequest> ServiceDesk::Take(const std::string& name, const std::string& etag,
                                             std::string request_id) const {
  return Act<v1::ServiceRequest>(m::kTakeServiceRequest, v1::TakeServiceRequestRequest(), name, etag,
                                 std::move(request_id));
}

Result<v1::ServiceRequest> ServiceDesk::AskResident(const std::string& name, const std::string& text,
                                                    const std::string& etag, std::string request_id) const {
  v1::AskResidentRequest req;
  req.set_text(text);
  return Act<v1::ServiceRequest>(m::kAskResident, req, name, etag, std::move(request_id));
}

Result<v1::ServiceRequest> ServiceDesk::Respond(const std::string& name, const std::string& text,
                                                const std::string& etag, std::string request_id) const {
  v1::RespondToServiceRequestRequest req;
  req.set_text(text);
  return Act<v1::ServiceRequest>(m::kRespondToServiceRequest, req, name, etag, std::move(request_id));
}

Result<v1::ServiceRequest> ServiceDesk::Resolve(const std::string& name, const std::string& outcome,
                                                const std::string& etag, std::string request_id) const {
  v1::ResolveServiceRequestRequest req;
  req.set_outcome(outcome);
  return Act<v1::ServiceRequest>(m::kResolveServiceRequest, req, name, etag, std::move(request_id));
}

Result<v1::ServiceRequest> ServiceDesk::Confirm(const std::string& name, const std::string& etag,
                                                std::string request_id) const {
  return Act<v1::ServiceRequest>(m::kConfirmServiceRequest, v1::ConfirmServiceRequestRequest(), name, etag,
                                 std::move(request_id));
}

Result<v1::ServiceRequest> ServiceDesk::Reopen(const std::string& name, const std::string& reason,
                                               const std::string& etag, std::string request_id) const {
  v1::ReopenServiceRequestRequest req;
  req.set_reason(reason);
  return Act<v1::ServiceRequest>(m::kReopenServiceRequest, req, name, etag, std::move(request_id));
}

Result<v1::ServiceRequest> ServiceDesk::Cancel(const std::string& name, const std::string& reason,
                                               const std::string& etag, std::string request_id) const {
  v1::CancelServiceRequestRequest req;
  req.set_reason(reason);
  return Act<v1::ServiceRequest>(m::kCancelServiceRequest, req, name, etag, std::move(request_id));
}

Result<v1::ServiceMessage> ServiceDesk::AddMessage(const std::string& parent, const std::string& text,
                                                   std::string request_id) const {
  v1::CreateServiceMessageRequest req;
  req.set_parent(parent);
  req.mutable_message()->set_text(text);
  req.set_request_id(std::move(request_id));
  return Call<v1::ServiceMessage>(m::kCreateServiceMessage, req);
}

Pager<v1::ServiceMessage> ServiceDesk::ListMessages(const std::string& parent, const ListOptions& options) const {
  v1::ListServiceMessagesRequest req;
  req.set_parent(parent);
  return Paged<v1::ServiceMessage, v1::ListServiceMessagesResponse>(
      m::kListServiceMessages, req, options,
      [](const v1::ListServiceMessagesResponse& r) -> const auto& { return r.messages(); });
}

Result<v1::ServiceDeskStatistics> ServiceDesk::Statistics() const {
  return Call<v1::ServiceDeskStatistics>(m::kGetServiceDeskStatistics, v1::GetServiceDeskStatisticsRequest());
}

}  // namespace biopolis::client
