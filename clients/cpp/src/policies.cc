#include "biopolis/policies.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::ZonePolicy> Policies::Get(const std::string& name) const {
  v1::GetZonePolicyRequest req;
  req.set_name(name);
  return Call<v1::ZonePolicy>(m::kGetZonePolicy, req);
}

Pager<v1::ZonePolicy> Policies::List(const ListOptions& options) const {
  return Paged<v1::ZonePolicy, v1::ListZonePoliciesResponse>(
      m::kListZonePolicies, v1::ListZonePoliciesRequest(), options,
      [](const v1::ListZonePoliciesResponse& r) -> const auto& { return r.policies(); });
}

Result<v1::ZonePolicy> Policies::Create(const v1::ZonePolicy& policy, std::string request_id) const {
  v1::CreateZonePolicyRequest req;
  *req.mutable_policy() = policy;
  req.set_request_id(std::move(request_id));
  return Call<v1::ZonePolicy>(m::kCreateZonePolicy, req);
}

}  // namespace biopolis::client
