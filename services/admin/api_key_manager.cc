#include "services/admin/api_key_manager.h"

#include "core/crypto.h"
#include "core/resource_name.h"
#include "core/text_limits.h"

namespace biopolis {
namespace {

constexpr char kCollection[] = "apiKeys";

Status ValidateKey(const ApiKeyRecord& key, TimeMicros now) {
  FieldErrors errors;
  errors.CheckText("api_key.display_name", key.display_name, text_limits::kLabel, true);
  if (key.role == Role::kUnspecified) {
    errors.Add("api_key.role", "is required", "FIELD_REQUIRED");
  }
  if (key.role == Role::kResident && key.organization_id == 0) {
    errors.Add("api_key.organization", "a resident key is bound to one organization", "FIELD_REQUIRED");
  }
  if (key.role != Role::kResident && key.organization_id != 0) {
    errors.Add("api_key.organization", "only resident keys are bound to an organization", "FIELD_NOT_ALLOWED");
  }
  if (key.expire_time != 0 && key.expire_time <= now) {
    errors.Add("api_key.expire_time", "is in the past", "DATE_IN_PAST");
  }
  return errors.ToStatus();
}

Result<CreatedApiKey> InsertKey(CommandContext& ctx, ApiKeyRecord key, std::string secret) {
  if (key.organization_id != 0 && !ctx.tx().organizations().Get(key.organization_id)) {
    return Status::InvalidField("api_key.organization",
                                FormatName("organizations", key.organization_id) + " does not exist",
                                "ORGANIZATION_NOT_FOUND");
  }
  if (secret.empty()) secret = ApiKeyManager::NewSecret();
  key.key_hash = ApiKeyManager::HashSecret(secret);
  key.key_prefix = secret.substr(0, 8);
  key.create_time = ctx.now();
  key.revoke_time = 0;
  key.id = ctx.tx().api_keys().Insert(key);
  ctx.Record(FormatName(kCollection, key.id), key.organization_id, "api_key.created",
             std::string("key for ") + RoleName(key.role) + ": " + key.display_name);
  return CreatedApiKey{key, secret};
}

}  // namespace

int ApiKeyStateAt(const ApiKeyRecord& key, TimeMicros now) {
  if (key.revoke_time != 0) return 2;
  if (key.expire_time != 0 && key.expire_time <= now) return 3;
  return 1;
}

std::string ApiKeyManager::NewSecret() {
  // A random secret never looks like a demo key (a chance of 2^-30 otherwise).
  while (true) {
    std::string secret = "bpk_" + Base64UrlEncode(RandomBytes(32));
    if (secret.rfind(kDemoKeyPrefix, 0) != 0) return secret;
  }
}

std::string ApiKeyManager::HashSecret(std::string_view secret) { return Sha256Hex(secret); }

Result<Caller> ApiKeyManager::Authenticate(std::string_view secret, bool cached_only) {
  if (secret.empty()) {
    return Status::Unauthenticated("missing API key: send `authorization: Bearer <key>`");
  }
  if (!demo_keys_accepted_ && secret.substr(0, kDemoKeyPrefix.size()) == kDemoKeyPrefix) {
    return Status::Unauthenticated("demo keys are accepted only by a server in demo mode on a loopback address");
  }
  std::string hash = HashSecret(secret);
  TimeMicros now = env_.clock.Now();
  std::uint64_t generation = 0;
  if (auto cached = cache_->Find(hash, now, &generation)) return *cached;
  if (cached_only) return Status::Unauthenticated("unknown API key");
  TimeMicros expire_time = 0;
  auto caller = ReadValue<Caller>(env_.store, [&](Transaction& tx) -> Result<Caller> {
    auto key = tx.api_keys().FindByHash(hash);
    if (!key) return Status::Unauthenticated("unknown API key");
    switch (ApiKeyStateAt(*key, now)) {
      case 2:
        return Status::Unauthenticated("the API key was revoked");
      case 3:
        return Status::Unauthenticated("the API key has expired");
      default:
        break;
    }
    expire_time = key->expire_time;
    return Caller{FormatName(kCollection, key->id), key->role, key->organization_id};
  });
  if (caller.ok()) cache_->Put(hash, *caller, expire_time, now, generation);
  return caller;
}

Result<int> ApiKeyManager::CountDemoKeys() {
  const std::string prefix(kDemoKeyPrefix.substr(0, 8));  // what key_prefix keeps
  return ReadValue<int>(env_.store, [&](Transaction& tx) -> Result<int> {
    return tx.api_keys().CountLiveWithPrefix(prefix, env_.clock.Now());
  });
}

Result<ApiKeyRecord> ApiKeyManager::Get(std::int64_t id) {
  return ReadValue<ApiKeyRecord>(env_.store, [&](Transaction& tx) -> Result<ApiKeyRecord> {
    auto key = tx.api_keys().Get(id);
    if (!key) return Status::NotFound(FormatName(kCollection, id));
    return *key;
  });
}

Result<Page<ApiKeyRecord>> ApiKeyManager::List(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{{}, {"create_time"}, "create_time", true};
  return ReadPage<ApiKeyRecord>(env_, caller, "ListApiKeys", kSpec, params, ListVisibility::kEveryone,
                                [](Transaction& tx, const ListQuery& q) { return tx.api_keys().List(q); });
}

void ApiKeyManager::Create(const Caller& caller, CommandMeta meta, ApiKeyRecord key, Encoder<CreatedApiKey> encode,
                           Reply reply) {
  Status valid = ValidateKey(key, env_.clock.Now());
  if (!valid.ok()) {
    reply(valid);
    return;
  }
  env_.commands.Run<CreatedApiKey>(
      caller, std::move(meta), [key](CommandContext& ctx) { return InsertKey(ctx, key, ""); }, std::move(encode),
      std::move(reply));
}

void ApiKeyManager::Revoke(const Caller& caller, CommandMeta meta, std::int64_t id, Encoder<ApiKeyRecord> encode,
                           Reply reply) {
  env_.commands.Run<ApiKeyRecord>(
      caller, std::move(meta),
      [id](CommandContext& ctx) -> Result<ApiKeyRecord> {
        const std::string name = FormatName(kCollection, id);
        auto key = ctx.tx().api_keys().Get(id);
        if (!key) return Status::NotFound(name);
        if (key->revoke_time != 0) return Status::WrongState(name, "STATE_REVOKED", "it is already revoked");
        if (ctx.caller().principal == name) {
          return Status::FailedPrecondition("an administrator cannot revoke the key it is calling with",
                                            "SELF_REVOCATION", {"KEY", name, "the calling key"});
        }
        key->revoke_time = ctx.now();
        ctx.tx().api_keys().SetRevoked(id, ctx.now());
        ctx.Record(name, key->organization_id, "api_key.revoked", "revoked: " + key->display_name);
        return *key;
      },
      std::move(encode),
      // After the commit and before the reply: no call after the revocation
      // is acknowledged can be served from the cache. A refused revocation
      // changed nothing and leaves the cache alone.
      [cache = cache_.get(), reply = std::move(reply)](Result<std::string> result) {
        if (result.ok()) cache->Invalidate();
        reply(std::move(result));
      });
}

Result<CreatedApiKey> ApiKeyManager::CreateDirect(const ApiKeyRecord& key, const std::string& secret) {
  Status valid = ValidateKey(key, env_.clock.Now());
  if (!valid.ok()) return valid;
  auto out = std::make_shared<std::optional<Result<CreatedApiKey>>>();
  const Clock& clock = env_.clock;
  Status st = env_.store.WriteAndWait([&, out](Transaction& tx) -> Status {
    Caller system = Caller::System();
    CommandMeta meta{"CreateApiKey", "", ""};
    CommandContext ctx(tx, system, clock.Now(), meta);
    out->emplace(InsertKey(ctx, key, secret));
    return (*out)->ok() ? Status::Ok() : (*out)->status();
  });
  if (!st.ok()) return st;
  return std::move(**out);
}

}  // namespace biopolis
