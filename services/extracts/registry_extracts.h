// Signed registry extracts: issuing one (the facts as of a time, gathered,
// serialized canonically, signed with the zone's active key and recorded),
// reading and listing them, and rendering the printable PDF.
// gRPC-free; see DomainEnv for what it uses.
//
// Visibility: officers issue and read any; a resident key only for its own
// organization (others are NOT_FOUND). Auditors read.
// Thread-safety: safe for concurrent use once EnableSigning has run.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/signing_keys.h"
#include "model/registry_extract.h"
#include "services/domain/domain_env.h"

namespace biopolis {

class RegistryExtracts {
 public:
  explicit RegistryExtracts(DomainEnv env) : env_(env) {}

  // The keys that sign extracts. Call once, before serving; without it,
  // issuing is FAILED_PRECONDITION (SIGNING_DISABLED).
  void EnableSigning(std::shared_ptr<SigningKeys> keys) { keys_ = std::move(keys); }

  // `subject`: "organizations/{id}" or "residents/{id}"; `as_of` not after
  // now (unset: now). NOT_FOUND when the subject did not exist then.
  void Issue(const Caller& caller, CommandMeta meta, std::string subject, std::optional<TimeMicros> as_of,
             Encoder<RegistryExtractRecord> encode, Reply reply);
  Result<RegistryExtractRecord> Get(const Caller& caller, std::int64_t id);
  // Newest first; fields: organization.
  Result<Page<RegistryExtractRecord>> List(const Caller& caller, const ListParams& params);
  // The printable PDF of an issued extract, signed as a whole with the
  // active key.
  Result<std::string> RenderPdf(const RegistryExtractRecord& extract) const;

  // The zone's public keys, oldest first, and the published keys file
  // (canonical JSON: {"keys":[{"active":..,"key_id":..,"public_key":..,
  // "revoke_time":..}],"type":"biopolis.signing_keys.v1"}).
  Result<std::vector<PublicKey>> PublicKeys() const;
  Result<std::string> PublicKeysFile() const;
  // Signs a canonical JSON document with the active key: the signed
  // document {"content":..,"key_id":..,"signature":..}.
  Result<std::string> SignDocument(const std::string& canonical_content) const;
  // Administrators: a new active key; revoking a retired one (audited).
  void RotateKey(const Caller& caller, CommandMeta meta, Encoder<PublicKey> encode, Reply reply);
  void RevokeKey(const Caller& caller, CommandMeta meta, std::string key_id, Encoder<PublicKey> encode, Reply reply);

  static const ListSpec& ListSpecification();

 private:
  DomainEnv env_;
  std::shared_ptr<SigningKeys> keys_;
};

}  // namespace biopolis
