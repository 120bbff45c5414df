// Residents (ResidentService): the registry of residents.
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/resident.pb.h"

namespace biopolis::client {

class Residents : public ServiceClient<Residents> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::Resident> Get(const std::string& name) const;
  Result<v1::ListResidentsResponse> ListPage(const ListOptions& options, const std::string& page_token = "") const;
  Pager<v1::Resident> List(const ListOptions& options = {}) const;
  Result<v1::Resident> IssueViolationNotice(v1::IssueViolationNoticeRequest request) const;
  Result<v1::Resident> CureViolation(const std::string& name, const std::string& note, const std::string& etag = "",
                                     std::string request_id = "") const;
  Result<v1::Resident> Terminate(v1::TerminateResidentRequest request) const;
};

}  // namespace biopolis::client
