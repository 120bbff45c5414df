// The change feed read side: events after a sequence, filtered by what the
// caller may see (a resident: its own organization's only) and by resource
// collection. gRPC-free; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "services/domain/domain_env.h"

namespace biopolis {

// The collections events are recorded for ("applications", "plots", ...):
// the names WatchEvents and ListEvents accept in resource_types.
const std::vector<std::string>& EventCollections();

// What ListEvents asks for besides paging.
struct EventQuery {
  std::int64_t after_sequence = 0;
  std::vector<std::string> collections;
  // 0: every organization the caller may see (and zone-wide events).
  std::int64_t organization_id = 0;
};

// A page of events, and the newest sequence when it was read.
struct EventPage {
  Page<EventRecord> page;
  std::int64_t last_sequence = 0;
};

class EventFeed {
 public:
  explicit EventFeed(DomainEnv env) : env_(env) {}

  // Checks what WatchEvents and ListEvents share, one violation per bad
  // field: at most 20 collections, each one of EventCollections()
  // (INVALID_RESOURCE_TYPE, naming the accepted ones), and a non-negative
  // after_sequence.
  static Status Validate(const std::vector<std::string>& collections, std::int64_t after_sequence);
  // One page of stored events after query.after_sequence, oldest first, with
  // the same visibility as the stream (a resident: its own organization's
  // only; naming another organization is NOT_FOUND). Page tokens are bound to
  // the query and the caller.
  Result<EventPage> List(const Caller& caller, const EventQuery& query, const ListParams& params);
  // Up to `limit` events after `after`, oldest first.
  Result<std::vector<EventRecord>> Fetch(const Caller& caller, std::int64_t after,
                                         const std::vector<std::string>& collections, int limit);
  Result<std::int64_t> LastSequence();

 private:
  // The organization whose events `caller` may read: `requested` (0 = all)
  // for officers and auditors, a resident's own always.
  static Result<std::int64_t> VisibleOrganization(const Caller& caller, std::int64_t requested);

  DomainEnv env_;
};

}  // namespace biopolis
