#include "biopolis/organizations.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::Organization> Organizations::Get(const std::string& name) const {
  v1::GetOrganizationRequest req;
  req.set_name(name);
  return Call<v1::Organization>(m::kGetOrganization, req);
}

Result<v1::Organization> Organizations::Get(const std::string& name,
                                            std::chrono::system_clock::time_point as_of) const {
  v1::GetOrganizationRequest req;
  req.set_name(name);
  SetTimestamp(as_of, req.mutable_as_of());
  return Call<v1::Organization>(m::kGetOrganization, req);
}

Result<v1::ListOrganizationsResponse> Organizations::ListPage(const ListOptions& options,
                                                              const std::string& page_token) const {
  v1::ListOrganizationsRequest req;
  ApplyListOptions(req, options, page_token);
  return Call<v1::ListOrganizationsResponse>(m::kListOrganizations, req);
}

Pager<v1::Organization> Organizations::List(const ListOptions& options) const {
  return Paged<v1::Organization, v1::ListOrganizationsResponse>(
      m::kListOrganizations, v1::ListOrganizationsRequest(), options,
      [](const v1::ListOrganizationsResponse& r) -> const auto& { return r.organizations(); });
}

Result<v1::Organization> Organizations::Create(const v1::Organization& organization, std::string request_id) const {
  v1::CreateOrganizationRequest req;
  *req.mutable_organization() = organization;
  req.set_request_id(std::move(request_id));
  return Call<v1::Organization>(m::kCreateOrganization, req);
}

Result<v1::Organization> Organizations::Update(const v1::Organization& organization,
                                               const std::vector<std::string>& paths, std::string request_id) const {
  v1::UpdateOrganizationRequest req;
  *req.mutable_organization() = organization;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  return Update(std::move(req));
}

Result<v1::Organization> Organizations::Update(v1::UpdateOrganizationRequest request) const {
  return Call<v1::Organization>(m::kUpdateOrganization, std::move(request));
}

}  // namespace biopolis::client
