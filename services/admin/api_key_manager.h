// API keys: creation (the secret shown once), revocation, and the
// authentication of each call's bearer secret.
//
// A secret is "bpk_" followed by 43 characters of URL-safe base64 (256 random
// bits). Only its SHA-256 is stored; the first 8 characters are kept as a
// prefix so a holder can recognise a key in listings.
// Thread-safety: safe for concurrent use.
#pragma once

#include <memory>
#include <string>

#include "services/admin/authenticated_key_cache.h"
#include "services/domain/domain_env.h"

namespace biopolis {

struct CreatedApiKey {
  ApiKeyRecord key;
  std::string secret;
};

class ApiKeyManager {
 public:
  // How long a successful authentication is remembered (see
  // AuthenticatedKeyCache for what that may and may not miss).
  static constexpr TimeMicros kAuthCacheTtl = 5'000'000;

  explicit ApiKeyManager(DomainEnv env)
      : env_(env), cache_(std::make_unique<AuthenticatedKeyCache>(kAuthCacheTtl, 10'000)) {}

  // The caller behind `secret`: UNAUTHENTICATED when unknown, revoked or
  // expired, or a demo key (kDemoKeyPrefix) while demo keys are not accepted.
  // A revocation made through Revoke applies from the next call on.
  // `cached_only`: answer only from the cache of recent successful lookups
  // (UNAUTHENTICATED on a miss), without reading the database; for callers
  // whose address is over its failed-authentication limit.
  Result<Caller> Authenticate(std::string_view secret, bool cached_only = false);

  // The well-known keys printed by `biopolisd --demo` all start with this.
  static constexpr std::string_view kDemoKeyPrefix = "bpk_demo_";
  // Whether keys starting with kDemoKeyPrefix authenticate; off unless the
  // server runs in demo mode (which is allowed on a loopback address only).
  // Set once, before the first call.
  void set_demo_keys_accepted(bool accepted) { demo_keys_accepted_ = accepted; }
  // How many unrevoked keys the database holds that carry the demo prefix.
  Result<int> CountDemoKeys();

  Result<ApiKeyRecord> Get(std::int64_t id);
  Result<Page<ApiKeyRecord>> List(const Caller& caller, const ListParams& params);
  // The reply's encoding is produced from a CreatedApiKey, so a retry with
  // the same request_id returns the same secret.
  void Create(const Caller& caller, CommandMeta meta, ApiKeyRecord key, Encoder<CreatedApiKey> encode, Reply reply);
  void Revoke(const Caller& caller, CommandMeta meta, std::int64_t id, Encoder<ApiKeyRecord> encode, Reply reply);

  // Creates a key directly (bootstrap of the first administrator key, demo
  // keys). `secret` empty: a random one. Blocks until durable.
  Result<CreatedApiKey> CreateDirect(const ApiKeyRecord& key, const std::string& secret);

  static std::string NewSecret();
  static std::string HashSecret(std::string_view secret);

 private:
  DomainEnv env_;
  std::unique_ptr<AuthenticatedKeyCache> cache_;
  bool demo_keys_accepted_ = false;
};

// State of a key at `now`, numbered as biopolis.v1.ApiKey.State.
int ApiKeyStateAt(const ApiKeyRecord& key, TimeMicros now);

}  // namespace biopolis
