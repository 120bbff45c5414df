// gRPC adapters of RegistryExtractService (over RegistryExtracts) and
// PublicRegistryService (over PublicRegistry; its methods admit callers
// without a key, see access_policy.cc).
#pragma once

#include "biopolis/v1/extracts.grpc.pb.h"
#include "biopolis/v1/public_registry.grpc.pb.h"
#include "services/api/call_gate.h"

namespace biopolis {

class RegistryExtractHandler final : public v1::RegistryExtractService::CallbackService {
 public:
  explicit RegistryExtractHandler(CallGate& gate) : gate_(gate) {}
  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* IssueRegistryExtract(Ctx* ctx, const v1::IssueRegistryExtractRequest* req,
                                v1::RegistryExtract* resp) override;
  Reactor* GetRegistryExtract(Ctx* ctx, const v1::GetRegistryExtractRequest* req, v1::RegistryExtract* resp) override;
  Reactor* ListRegistryExtracts(Ctx* ctx, const v1::ListRegistryExtractsRequest* req,
                                v1::ListRegistryExtractsResponse* resp) override;

 private:
  CallGate& gate_;
};

class PublicRegistryHandler final : public v1::PublicRegistryService::CallbackService {
 public:
  explicit PublicRegistryHandler(CallGate& gate) : gate_(gate) {}
  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* ListPublicResidents(Ctx* ctx, const v1::ListPublicResidentsRequest* req,
                               v1::ListPublicResidentsResponse* resp) override;
  Reactor* GetPublicResident(Ctx* ctx, const v1::GetPublicResidentRequest* req, v1::PublicResident* resp) override;
  Reactor* GetSigningKeys(Ctx* ctx, const v1::GetSigningKeysRequest* req, v1::GetSigningKeysResponse* resp) override;
  grpc::ServerWriteReactor<v1::ExportPublicRegistryResponse>* ExportPublicRegistry(
      Ctx* ctx, const v1::ExportPublicRegistryRequest* req) override;

 private:
  CallGate& gate_;
};

}  // namespace biopolis
