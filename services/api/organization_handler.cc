#include "services/api/organization_handler.h"

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/handler_support.h"
#include "services/api/organization_convert.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {}  // namespace

grpc::ServerUnaryReactor* OrganizationHandler::GetOrganization(grpc::CallbackServerContext* ctx,
                                                               const v1::GetOrganizationRequest* req,
                                                               v1::Organization* resp) {
  return gate_.Read(ctx, methods::kGetOrganization, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "organizations", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto as_of, AsOfOf(*req));
    BIOPOLIS_ASSIGN_OR_RETURN(auto org, as_of ? gate_.domain().organizations.GetAsOf(caller, id, *as_of)
                                              : gate_.domain().organizations.Get(caller, id));
    ToProto(org, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* OrganizationHandler::ListOrganizations(grpc::CallbackServerContext* ctx,
                                                                 const v1::ListOrganizationsRequest* req,
                                                                 v1::ListOrganizationsResponse* resp) {
  return gate_.Read(ctx, methods::kListOrganizations, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().organizations.List(caller, ListParamsOf(*req)), resp,
                    [&](const OrganizationRecord& r) { ToProto(r, resp->add_organizations()); });
  });
}

grpc::ServerUnaryReactor* OrganizationHandler::CreateOrganization(grpc::CallbackServerContext* ctx,
                                                                  const v1::CreateOrganizationRequest* req,
                                                                  v1::Organization* resp) {
  return gate_.Mutate(
      ctx, methods::kCreateOrganization, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        gate_.domain().organizations.Create(caller, std::move(meta), FromProto(req->organization()),
                                            EncodeAs<v1::Organization, OrganizationRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* OrganizationHandler::UpdateOrganization(grpc::CallbackServerContext* ctx,
                                                                  const v1::UpdateOrganizationRequest* req,
                                                                  v1::Organization* resp) {
  return gate_.Mutate(
      ctx, methods::kUpdateOrganization, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = ParseName(req->organization().name(), "organizations", "organization.name");
        if (!id.ok()) return reply(id.status());
        std::vector<std::string> paths(req->update_mask().paths().begin(), req->update_mask().paths().end());
        gate_.domain().organizations.Update(
            caller, std::move(meta), *id, req->organization().etag(), FromProto(req->organization()), std::move(paths),
            req->has_effective_date() ? std::optional<Date>(FromDate(req->effective_date())) : std::nullopt,
            EncodeAs<v1::Organization, OrganizationRecord>(), std::move(reply));
      });
}

}  // namespace biopolis
