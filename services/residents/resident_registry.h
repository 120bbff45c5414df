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
  Result<Page<ResidentRecord>> List(const Caller& caller, const ListParams& params);
  void Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ResidentAction action,
           ResidentActionArgs args, Encoder<ResidentRecord> encode, Reply reply);

  static const ListSpec& ListSpecification();

 private:
  DomainEnv env_;
};

}  // namespace biopolis
