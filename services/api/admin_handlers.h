// gRPC adapters of the small services: PolicyService, AdminService (API keys)
// and AuditService.
#pragma once

#include "biopolis/v1/admin.grpc.pb.h"
#include "biopolis/v1/audit.grpc.pb.h"
#include "biopolis/v1/policy.grpc.pb.h"
#include "services/api/call_gate.h"

namespace biopolis {

class PolicyHandler final : public v1::PolicyService::CallbackService {
 public:
  explicit PolicyHandler(CallGate& gate) : gate_(gate) {}
  grpc::ServerUnaryReactor* GetZonePolicy(grpc::CallbackServerContext* ctx, const v1::GetZonePolicyRequest* req,
                                          v1::ZonePolicy* resp) override;
  grpc::ServerUnaryReactor* ListZonePolicies(grpc::CallbackServerContext* ctx, const v1::ListZonePoliciesRequest* req,
                                             v1::ListZonePoliciesResponse* resp) override;
  grpc::ServerUnaryReactor* CreateZonePolicy(grpc::CallbackServerContext* ctx, const v1::CreateZonePolicyRequest* req,
                                             v1::ZonePolicy* resp) override;

 private:
  CallGate& gate_;
};

class AdminHandler final : public v1::AdminService::CallbackService {
 public:
  explicit AdminHandler(CallGate& gate) : gate_(gate) {}
  grpc::ServerUnaryReactor* CreateApiKey(grpc::CallbackServerContext* ctx, const v1::CreateApiKeyRequest* req,
                                         v1::CreateApiKeyResponse* resp) override;
  grpc::ServerUnaryReactor* GetApiKey(grpc::CallbackServerContext* ctx, const v1::GetApiKeyRequest* req,
                                      v1::ApiKey* resp) override;
  grpc::ServerUnaryReactor* ListApiKeys(grpc::CallbackServerContext* ctx, const v1::ListApiKeysRequest* req,
                                        v1::ListApiKeysResponse* resp) override;
  grpc::ServerUnaryReactor* RevokeApiKey(grpc::CallbackServerContext* ctx, const v1::RevokeApiKeyRequest* req,
                                         v1::ApiKey* resp) override;
  grpc::ServerUnaryReactor* CreateBackup(grpc::CallbackServerContext* ctx, const v1::CreateBackupRequest* req,
                                         v1::Backup* resp) override;
  grpc::ServerUnaryReactor* RotateSigningKey(grpc::CallbackServerContext* ctx, const v1::RotateSigningKeyRequest* req,
                                             v1::SigningKey* resp) override;
  grpc::ServerUnaryReactor* RevokeSigningKey(grpc::CallbackServerContext* ctx, const v1::RevokeSigningKeyRequest* req,
                                             v1::SigningKey* resp) override;

 private:
  CallGate& gate_;
};

class AuditHandler final : public v1::AuditService::CallbackService {
 public:
  explicit AuditHandler(CallGate& gate) : gate_(gate) {}
  grpc::ServerUnaryReactor* ListAuditRecords(grpc::CallbackServerContext* ctx, const v1::ListAuditRecordsRequest* req,
                                             v1::ListAuditRecordsResponse* resp) override;
  grpc::ServerUnaryReactor* ListAuditCheckpoints(grpc::CallbackServerContext* ctx,
                                                 const v1::ListAuditCheckpointsRequest* req,
                                                 v1::ListAuditCheckpointsResponse* resp) override;

 private:
  CallGate& gate_;
};

}  // namespace biopolis
