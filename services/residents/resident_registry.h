// The registry of residents: reading it, and the officers' status decisions.
// Entries are created by ApplicationWorkflow (SignAgreement) and never deleted.
//
// Visibility: the registry is public to authenticated callers, except that a
// resident key sees only its own entry (others are NOT_FOUND).
// Thread-safety: safe for concurrent use.
#pragma once

#include "services/domain/domain_env.h"
#include "services/residents/resident_rules.h"

namespace biopolis {

class ResidentRegistry {
 public:
  explicit ResidentRegistry(DomainEnv env) : env_(env) {}

  Result<ResidentRecord> Get(const Caller& caller, std::int64_t id);
  // The entry as it stood at `as_of` (not after now); NOT_FOUND when it was
  // not yet made then.
  Result<ResidentVersionRecord> GetAsOf(const Caller& caller, std::int64_t id, TimeMicros as_of);
  // With `as_of`: the entries as they stood then (see ResidentRepository).
  Result<Page<ResidentRecord>> List(const Caller& caller, const ListParams& params,
                                    std::optional<TimeMicros> as_of = std::nullopt);
  // The entry's versions, oldest first.
  Result<Page<ResidentVersionRecord>> ListVersions(const Caller& caller, std::int64_t id, const ListParams& params);
  void Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ResidentAction action,
           ResidentActionArgs args, Encoder<ResidentRecord> encode, Reply reply);

  static const ListSpec& ListSpecification();
  static const ListSpec& VersionListSpecification();

 private:
  DomainEnv env_;
};

}  // namespace biopolis
