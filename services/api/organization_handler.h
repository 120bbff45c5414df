// gRPC adapter of OrganizationService over OrganizationRegistry.
#pragma once

#include "biopolis/v1/organization.grpc.pb.h"
#include "services/api/call_gate.h"

namespace biopolis {

class OrganizationHandler final : public v1::OrganizationService::CallbackService {
 public:
  explicit OrganizationHandler(CallGate& gate) : gate_(gate) {}

  grpc::ServerUnaryReactor* GetOrganization(grpc::CallbackServerContext* ctx, const v1::GetOrganizationRequest* req,
                                            v1::Organization* resp) override;
  grpc::ServerUnaryReactor* ListOrganizations(grpc::CallbackServerContext* ctx, const v1::ListOrganizationsRequest* req,
                                              v1::ListOrganizationsResponse* resp) override;
  grpc::ServerUnaryReactor* CreateOrganization(grpc::CallbackServerContext* ctx,
                                               const v1::CreateOrganizationRequest* req,
                                               v1::Organization* resp) override;
  grpc::ServerUnaryReactor* UpdateOrganization(grpc::CallbackServerContext* ctx,
                                               const v1::UpdateOrganizationRequest* req,
                                               v1::Organization* resp) override;

 private:
  CallGate& gate_;
};

}  // namespace biopolis
