// ApiKeys (AdminService): API keys of the zone's callers (administrators).
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/admin.pb.h"

namespace biopolis::client {

class ApiKeys : public ServiceClient<ApiKeys> {
 public:
  using ServiceClient::ServiceClient;
  // The response carries the secret, shown once.
  Result<v1::CreateApiKeyResponse> Create(const v1::ApiKey& key, std::string request_id = "") const;
  Result<v1::ApiKey> Get(const std::string& name) const;
  Pager<v1::ApiKey> List(const ListOptions& options = {}) const;
  Result<v1::ApiKey> Revoke(const std::string& name, std::string request_id = "") const;
};

}  // namespace biopolis::client
