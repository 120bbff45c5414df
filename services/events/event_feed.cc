#include "services/events/event_feed.h"

#include <algorithm>

namespace biopolis {

const std::vector<std::string>& EventCollections() {
  static const std::vector<std::string> kCollections = {
      "organizations",   "applications", "residents",       "policies", "plots",   "leases", "supportMeasures",
      "supportRequests", "serviceTypes", "serviceRequests", "reports",  "apiKeys", "backups"};
  return kCollections;
}

Status EventFeed::ValidateCollections(const std::vector<std::string>& collections) {
  FieldErrors errors;
  if (collections.size() > 20) errors.Add("resource_types", "at most 20", "FIELD_TOO_LONG");
  const auto& known = EventCollections();
  for (std::size_t i = 0; i < collections.size() && i < 20; ++i) {
    if (std::find(known.begin(), known.end(), collections[i]) == known.end()) {
      std::string accepted;
      for (const auto& k : known) accepted += (accepted.empty() ? "" : ", ") + k;
      errors.Add("resource_types[" + std::to_string(i) + "]",
                 "is not a collection events are recorded for (" + accepted + ")", "INVALID_RESOURCE_TYPE");
    }
  }
  return errors.ToStatus();
}

Result<EventPage> EventFeed::List(const Caller& caller, const EventQuery& query, const ListParams& params) {
  BIOPOLIS_RETURN_IF_ERROR(ValidateCollections(query.collections));
  if (query.after_sequence < 0) {
    return Status::InvalidField("after_sequence", "must not be negative", "VALUE_OUT_OF_RANGE");
  }
  std::int64_t organization = query.organization_id;
  if (caller.is_resident()) {
    if (organization != 0 && organization != caller.organization_id) {
      return Status::NotFound("organizations/" + std::to_string(organization));
    }
    organization = caller.organization_id;  // a resident key sees only its own organization's events
  }
  static const ListSpec kSpec{{}, {"sequence"}, "sequence", false};
  // The token is bound to the whole query: a token of another query is refused.
  std::string method = "ListEvents|" + std::to_string(query.after_sequence) + "|" + std::to_string(organization) + "|";
  for (const auto& c : query.collections) method += c + ",";
  EventPage out;
  auto page = ReadPage<EventRecord>(env_, caller, method, kSpec, params, ListVisibility::kEveryone,
                                    [&](Transaction& tx, const ListQuery& q) -> Result<Page<EventRecord>> {
                                      const std::int64_t after = q.after ? q.after->id : query.after_sequence;
                                      Page<EventRecord> p;
                                      p.items = tx.journal().EventsAfter(after, organization, query.collections,
                                                                         q.page_size + 1);
                                      if (static_cast<int>(p.items.size()) > q.page_size) {
                                        p.items.resize(static_cast<std::size_t>(q.page_size));
                                        p.next = Cursor{p.items.back().sequence, p.items.back().sequence};
                                      }
                                      out.last_sequence = tx.journal().LastEventSequence();
                                      return p;
                                    });
  if (!page.ok()) return page.status();
  out.page = std::move(*page);
  return out;
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
