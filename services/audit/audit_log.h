// Reading the audit log (written by CommandContext::Record with every change).
// Thread-safety: safe for concurrent use.
#pragma once

#include "services/domain/domain_env.h"

namespace biopolis {

class AuditLog {
 public:
  explicit AuditLog(DomainEnv env) : env_(env) {}

  // Oldest first; filter on actor, action, resource, sequence.
  Result<Page<AuditRecord>> List(const Caller& caller, const ListParams& params);

 private:
  DomainEnv env_;
};

}  // namespace biopolis
