// Residents (ResidentService): the registry of residents.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/resident.pb.h"

namespace biopolis::client {

class Residents : public ServiceClient<Residents> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::Resident> Get(const std::string& name) const;
  // The entry as it stood at `as_of` (NOT_FOUND when it was not yet made).
  Result<v1::Resident> Get(const std::string& name, std::chrono::system_clock::time_point as_of) const;
  // `options.as_of`: the registry as it stood then.
  Result<v1::ListResidentsResponse> ListPage(const ListOptions& options, const std::string& page_token = "") const;
  Pager<v1::Resident> List(const ListOptions& options = {}) const;
  // The entry's history, oldest version first.
  Pager<v1::ResidentVersion> ListVersions(const std::string& name, int page_size = 0) const;
  Result<v1::Resident> IssueViolationNotice(v1::IssueViolationNoticeRequest request) const;
  Result<v1::Resident> CureViolation(const std::string& name, const std::string& note, const std::string& etag = "",
                                     std::string request_id = "") const;
  Result<v1::Resident> Terminate(v1::TerminateResidentRequest request) const;
};

}  // namespace biopolis::client
