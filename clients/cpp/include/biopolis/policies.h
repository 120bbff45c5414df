// Policies (PolicyService): the zone's policy versions.
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/policy.pb.h"

namespace biopolis::client {

class Policies : public ServiceClient<Policies> {
 public:
  using ServiceClient::ServiceClient;
  // `name`: "policies/{version}" or "policies/current".
  Result<v1::ZonePolicy> Get(const std::string& name = "policies/current") const;
  Pager<v1::ZonePolicy> List(const ListOptions& options = {}) const;
  Result<v1::ZonePolicy> Create(const v1::ZonePolicy& policy, std::string request_id = "") const;
};

}  // namespace biopolis::client
