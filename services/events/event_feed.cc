#include "services/events/event_feed.h"

namespace biopolis {

Status EventFeed::ValidateCollections(const std::vector<std::string>& collections) {
  FieldErrors errors;
  if (collections.size() > 20) errors.Add("resource_types", "at most 20", "FIELD_TOO_LONG");
  for (std::size_t i = 0; i < collections.size(); ++i) {
    const std::string& c = collections[i];
    bool ok = !c.empty() && c.size() <= 40;
    for (char ch : c) ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
    if (!ok) {
      errors.Add("resource_types[" + std::to_string(i) + "]", "must be a collection name such as `applications`",
                 "INVALID_RESOURCE_TYPE");
    }
  }
  return errors.ToStatus();
}

Result<std::vector<EventRecord>> EventFeed::Fetch(const Caller& caller, std::int64_t after,
                                                  const std::vector<std::string>& collections, int limit) {
  // A resident key sees only its organization's events (never zone-wide ones).
  std::int64_t organization = caller.is_resident() ? caller.organization_id : 0;
  return ReadValue<std::vector<EventRecord>>(env_.store, [&](Transaction& tx) -> Result<std::vector<EventRecord>> {
    return tx.journal().EventsAfter(after, organization, collections, limit);
  });
}

Result<std::int64_t> EventFeed::LastSequence() {
  return ReadValue<std::int64_t>(
      env_.store, [](Transaction& tx) -> Result<std::int64_t> { return tx.journal().LastEventSequence(); });
}

}  // namespace biopolis
