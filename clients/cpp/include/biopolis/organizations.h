// Organizations (OrganizationService): the companies known to the zone.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/organization.pb.h"

namespace biopolis::client {

class Organizations : public ServiceClient<Organizations> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::Organization> Get(const std::string& name) const;
  // The organization as it stood at `as_of` (names and address then).
  Result<v1::Organization> Get(const std::string& name, std::chrono::system_clock::time_point as_of) const;
  Result<v1::ListOrganizationsResponse> ListPage(const ListOptions& options, const std::string& page_token = "") const;
  Pager<v1::Organization> List(const ListOptions& options = {}) const;
  Result<v1::Organization> Create(const v1::Organization& organization, std::string request_id = "") const;
  // Changes the fields named in `paths`; `organization.etag`, when set, must be current.
  Result<v1::Organization> Update(const v1::Organization& organization, const std::vector<std::string>& paths,
                                  std::string request_id = "") const;
  // The same with every field of the request (e.g. `effective_date`).
  Result<v1::Organization> Update(v1::UpdateOrganizationRequest request) const;
};

}  // namespace biopolis::client
