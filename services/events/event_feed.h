// The change feed read side: events after a sequence, filtered by what the
// caller may see (a resident: its own organization's only) and by resource
// collection. gRPC-free; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "services/domain/domain_env.h"

namespace biopolis {

class EventFeed {
 public:
  explicit EventFeed(DomainEnv env) : env_(env) {}

  // Checks the requested collections (lower-case names like "applications").
  static Status ValidateCollections(const std::vector<std::string>& collections);
  // Up to `limit` events after `after`, oldest first.
  Result<std::vector<EventRecord>> Fetch(const Caller& caller, std::int64_t after,
                                         const std::vector<std::string>& collections, int limit);
  Result<std::int64_t> LastSequence();

 private:
  DomainEnv env_;
};

}  // namespace biopolis
