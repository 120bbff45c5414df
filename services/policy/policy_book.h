// Zone policy: effective-dated, immutable versions of the legal parameters.
// Everyone authenticated reads it; administrators publish new versions, which
// apply from their effective date (zone-local) onward.
// Thread-safety: safe for concurrent use.
#pragma once

#include <vector>

#include "services/domain/domain_env.h"

namespace biopolis {

// Validates a new version; `today` is the zone date (a version may not take
// effect in the past, so history cannot be rewritten).
std::vector<FieldViolation> ValidatePolicy(const PolicyRecord& policy, const Date& today, const std::string& prefix);

class PolicyBook {
 public:
  explicit PolicyBook(DomainEnv env) : env_(env) {}

  Result<PolicyRecord> Get(std::int64_t version);
  // The version in force today.
  Result<PolicyRecord> Current();
  Result<Page<PolicyRecord>> List(const Caller& caller, const ListParams& params);
  void Create(const Caller& caller, CommandMeta meta, PolicyRecord policy, Encoder<PolicyRecord> encode, Reply reply);
  // Inserts a version without the not-in-the-past check (demo data, migrations).
  Status Seed(const PolicyRecord& policy);

 private:
  DomainEnv env_;
};

}  // namespace biopolis
