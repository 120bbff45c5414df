#include "services/api/admin_handlers.h"

#include <charconv>

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/api_key_convert.h"
#include "services/api/audit_convert.h"
#include "services/api/extract_convert.h"
#include "services/api/handler_support.h"
#include "services/api/policy_convert.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;

grpc::ServerUnaryReactor* PolicyHandler::GetZonePolicy(grpc::CallbackServerContext* ctx,
                                                       const v1::GetZonePolicyRequest* req, v1::ZonePolicy* resp) {
  return gate_.Read(ctx, methods::kGetZonePolicy, *req, [&](const Caller&) -> Status {
    Result<PolicyRecord> policy = Status::Ok();
    if (req->name() == "policies/current") {
      policy = gate_.domain().policies.Current();
    } else {
      BIOPOLIS_ASSIGN_OR_RETURN(auto version, ParseName(req->name(), "policies", "name"));
      policy = gate_.domain().policies.Get(version);
    }
    if (!policy.ok()) return policy.status();
    ToProto(*policy, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* PolicyHandler::ListZonePolicies(grpc::CallbackServerContext* ctx,
                                                          const v1::ListZonePoliciesRequest* req,
                                                          v1::ListZonePoliciesResponse* resp) {
  return gate_.Read(ctx, methods::kListZonePolicies, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().policies.List(caller, ListParamsOf(*req)), resp,
                    [&](const PolicyRecord& r) { ToProto(r, resp->add_policies()); });
  });
}

grpc::ServerUnaryReactor* PolicyHandler::CreateZonePolicy(grpc::CallbackServerContext* ctx,
                                                          const v1::CreateZonePolicyRequest* req,
                                                          v1::ZonePolicy* resp) {
  return gate_.Mutate(ctx, methods::kCreateZonePolicy, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        gate_.domain().policies.Create(caller, std::move(meta), FromProto(req->policy()),
                                                       EncodeAs<v1::ZonePolicy, PolicyRecord>(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* AdminHandler::CreateApiKey(grpc::CallbackServerContext* ctx,
                                                     const v1::CreateApiKeyRequest* req,
                                                     v1::CreateApiKeyResponse* resp) {
  return gate_.Mutate(ctx, methods::kCreateApiKey, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        auto key = FromProto(req->api_key(), "api_key");
                        if (!key.ok()) return reply(key.status());
                        const Clock& clock = gate_.domain().clock();
                        gate_.domain().keys.Create(
                            caller, std::move(meta), std::move(*key),
                            [&clock](const CreatedApiKey& created) {
                              v1::CreateApiKeyResponse out;
                              ToProto(created.key, clock.Now(), out.mutable_api_key());
                              out.set_secret(created.secret);
                              return out.SerializeAsString();
                            },
                            std::move(reply));
                      });
}

grpc::ServerUnaryReactor* AdminHandler::GetApiKey(grpc::CallbackServerContext* ctx, const v1::GetApiKeyRequest* req,
                                                  v1::ApiKey* resp) {
  return gate_.Read(ctx, methods::kGetApiKey, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "apiKeys", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto key, gate_.domain().keys.Get(id));
    ToProto(key, gate_.domain().clock().Now(), resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* AdminHandler::ListApiKeys(grpc::CallbackServerContext* ctx, const v1::ListApiKeysRequest* req,
                                                    v1::ListApiKeysResponse* resp) {
  return gate_.Read(ctx, methods::kListApiKeys, *req, [&](const Caller& caller) -> Status {
    TimeMicros now = gate_.domain().clock().Now();
    return FillPage(gate_.domain().keys.List(caller, ListParamsOf(*req)), resp,
                    [&](const ApiKeyRecord& r) { ToProto(r, now, resp->add_api_keys()); });
  });
}

grpc::ServerUnaryReactor* AdminHandler::RevokeApiKey(grpc::CallbackServerContext* ctx,
                                                     const v1::RevokeApiKeyRequest* req, v1::ApiKey* resp) {
  return gate_.Mutate(ctx, methods::kRevokeApiKey, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        auto id = ParseName(req->name(), "apiKeys", "name");
                        if (!id.ok()) return reply(id.status());
                        const Clock& clock = gate_.domain().clock();
                        gate_.domain().keys.Revoke(
                            caller, std::move(meta), *id,
                            [&clock](const ApiKeyRecord& key) {
                              v1::ApiKey out;
                              ToProto(key, clock.Now(), &out);
                              return out.SerializeAsString();
                            },
                            std::move(reply));
                      });
}

grpc::ServerUnaryReactor* AdminHandler::CreateBackup(grpc::CallbackServerContext* ctx,
                                                     const v1::CreateBackupRequest* req, v1::Backup* resp) {
  return gate_.Read(ctx, methods::kCreateBackup, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto info, gate_.domain().backups.Create(caller, req->destination_path()));
    resp->set_path(info.path);
    resp->set_size_bytes(info.size_bytes);
    SetTimestamp(info.create_time, resp->mutable_create_time());
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* AuditHandler::ListAuditRecords(grpc::CallbackServerContext* ctx,
                                                         const v1::ListAuditRecordsRequest* req,
                                                         v1::ListAuditRecordsResponse* resp) {
  return gate_.Read(ctx, methods::kListAuditRecords, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().audit.List(caller, ListParamsOf(*req)), resp,
                    [&](const AuditRecord& r) { ToProto(r, resp->add_audit_records()); });
  });
}

grpc::ServerUnaryReactor* AuditHandler::ListAuditCheckpoints(grpc::CallbackServerContext* ctx,
                                                             const v1::ListAuditCheckpointsRequest* req,
                                                             v1::ListAuditCheckpointsResponse* resp) {
  return gate_.Read(ctx, methods::kListAuditCheckpoints, *req, [&](const Caller&) -> Status {
    std::int64_t before = 0;
    if (!req->page_token().empty()) {
      const std::string& t = req->page_token();
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), before);
      if (ec != std::errc() || end != t.data() + t.size() || before <= 0) {
        return Status::InvalidField("page_token", "is not a token this server issued", "INVALID_PAGE_TOKEN");
      }
    }
    BIOPOLIS_ASSIGN_OR_RETURN(auto page, gate_.domain().audit.ListCheckpoints(req->page_size(), before));
    for (const auto& c : page.checkpoints) {
      auto* out = resp->add_checkpoints();
      out->set_sequence(c.sequence);
      out->set_hash(c.hash);
      SetTimestamp(c.time_micros, out->mutable_create_time());
      out->set_key_id(c.key_id);
      out->set_signature(c.signature_hex);
      out->set_line(FormatCheckpointLine(c));
    }
    const int size = req->page_size() <= 0 ? kDefaultPageSize : std::min(req->page_size(), kMaxPageSize);
    if (static_cast<int>(page.checkpoints.size()) == size && page.checkpoints.back().sequence > 0) {
      resp->set_next_page_token(std::to_string(page.checkpoints.back().sequence));
    }
    for (std::size_t i = 0; i < page.keys.size(); ++i) {
      ToProto(page.keys[i], i + 1 == page.keys.size(), resp->add_signing_keys());
    }
    return Status::Ok();
  });
}

namespace {
// A rotated or revoked key as the API shows it; `active` read after the change.
Encoder<PublicKey> EncodeKey(const RegistryExtracts& extracts) {
  return [&extracts](const PublicKey& key) {
    v1::SigningKey out;
    auto keys = extracts.PublicKeys();
    ToProto(key, keys.ok() && !keys->empty() && keys->back().key_id == key.key_id, &out);
    return out.SerializeAsString();
  };
}
}  // namespace

grpc::ServerUnaryReactor* AdminHandler::RotateSigningKey(grpc::CallbackServerContext* ctx,
                                                         const v1::RotateSigningKeyRequest* req, v1::SigningKey* resp) {
  return gate_.Mutate(ctx, methods::kRotateSigningKey, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        gate_.domain().extracts.RotateKey(caller, std::move(meta), EncodeKey(gate_.domain().extracts),
                                                          std::move(reply));
                      });
}

grpc::ServerUnaryReactor* AdminHandler::RevokeSigningKey(grpc::CallbackServerContext* ctx,
                                                         const v1::RevokeSigningKeyRequest* req, v1::SigningKey* resp) {
  return gate_.Mutate(ctx, methods::kRevokeSigningKey, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        gate_.domain().extracts.RevokeKey(caller, std::move(meta), req->key_id(),
                                                          EncodeKey(gate_.domain().extracts), std::move(reply));
                      });
}

}  // namespace biopolis
