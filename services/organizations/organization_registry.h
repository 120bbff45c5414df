// The organizations of the zone: registration by the intake desk and upkeep
// of their details. gRPC-free; see DomainEnv for what it uses.
//
// Visibility: a resident key sees and changes only its own organization (any
// other is NOT_FOUND, so ids cannot be probed).
// Thread-safety: safe for concurrent use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/organization.h"
#include "services/domain/domain_env.h"

namespace biopolis {

class OrganizationRegistry {
 public:
  explicit OrganizationRegistry(DomainEnv env) : env_(env) {}

  Result<OrganizationRecord> Get(const Caller& caller, std::int64_t id);
  // The organization as it stood at `as_of` (not after now); NOT_FOUND when
  // it was not yet registered then.
  Result<OrganizationRecord> GetAsOf(const Caller& caller, std::int64_t id, TimeMicros as_of);
  Result<Page<OrganizationRecord>> List(const Caller& caller, const ListParams& params);
  // Validates every field; an INN or OGRN already registered is ALREADY_EXISTS.
  void Create(const Caller& caller, CommandMeta meta, OrganizationRecord record, Encoder<OrganizationRecord> encode,
              Reply reply);
  // Changes the fields named in `paths` (see OrganizationMaskRules).
  // `effective_date` (officers): when the change took effect, for the
  // history; not in the future, not before the registration.
  void Update(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, OrganizationRecord patch,
              std::vector<std::string> paths, std::optional<Date> effective_date, Encoder<OrganizationRecord> encode,
              Reply reply);

  static const ListSpec& ListSpecification();

 private:
  DomainEnv env_;
};

}  // namespace biopolis
