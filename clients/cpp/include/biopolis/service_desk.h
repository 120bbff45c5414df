// ServiceDesk (ServiceDeskService): the one-stop shop's service types, requests and messages.
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/service_desk.pb.h"

namespace biopolis::client {

class ServiceDesk : public ServiceClient<ServiceDesk> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::ServiceType> GetType(const std::string& name) const;
  Pager<v1::ServiceType> ListTypes(const ListOptions& options = {}) const;
  Result<v1::ServiceType> CreateType(const v1::ServiceType& type, std::string request_id = "") const;
  Result<v1::ServiceType> UpdateType(const v1::ServiceType& type, const std::vector<std::string>& paths,
                                     std::string request_id = "") const;
  Result<v1::ServiceRequest> GetRequest(const std::string& name) const;
  // Most urgent first by default; ListOptions().OverdueOnly(): the requests past their SLA.
  Pager<v1::ServiceRequest> ListRequests(const ListOptions& options = {}) const;
  Result<v1::ServiceRequest> CreateRequest(const v1::ServiceRequest& request, std::string request_id = "") const;
  Result<v1::ServiceRequest> Take(const std::string& name, const std::string& etag = "",
                                  std::string request_id = "") const;
  Result<v1::ServiceRequest> AskResident(const std::string& name, const std::string& text, const std::string& etag = "",
                                         std::string request_id = "") const;
  Result<v1::ServiceRequest> Respond(const std::string& name, const std::string& text, const std::string& etag = "",
                                     std::string request_id = "") const;
  Result<v1::ServiceRequest> Resolve(const std::string& name, const std::string& outcome, const std::string& etag = "",
                                     std::string request_id = "") const;
  Result<v1::ServiceRequest> Confirm(const std::string& name, const std::string& etag = "",
                                     std::string request_id = "") const;
  Result<v1::ServiceRequest> Reopen(const std::string& name, const std::string& reason, const std::string& etag = "",
                                    std::string request_id = "") const;
  Result<v1::ServiceRequest> Cancel(const std::string& name, const std::string& reason = "",
                                    const std::string& etag = "", std::string request_id = "") const;
  Result<v1::ServiceMessage> AddMessage(const std::string& parent, const std::string& text,
                                        std::string request_id = "") const;
  Pager<v1::ServiceMessage> ListMessages(const std::string& parent, const ListOptions& options = {}) const;
  Result<v1::ServiceDeskStatistics> Statistics() const;
};

}  // namespace biopolis::client
