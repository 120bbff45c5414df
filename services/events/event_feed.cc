#include "services/events/event_feed.h"

#include <algorithm>

namespace biopolis {

const std::vector<std::string>& EventCollections() {
  static const std::vector<std::string> kCollections = {
      "organizations", "applications",    "residents",       "policies",         "plots",
      "leases",        "supportMeasures", "supportRequests", "serviceTypes",     "serviceRequests",
      "reports",       "apiKeys",         "backups",         "registryExtracts", "signingKeys"};
  return kCollections;
}

Status EventFeed::Validate(const std::vector<std::string>& collections, std::int64_t after_sequence) {
  FieldErrors errors;
  if (collections.size() > 20) errors.Add("resource_types", "at most 20", "FIELD_TOO_LONG");
  const auto& known = EventCollections();
  static const std::string kAccepted = [&] {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    return list;
  }();
  for (std::size_t i = 0; i < collections.size() && i < 20; ++i) {
    if (std::find(known.begin(), known.end(), collections[i]) == known.end()) {
      errors.Add("resource_types[" + std::to_string(i) + "]",
                 "is not a collection events are recorded for (" + kAccepted + ")", "INVALID_RESOURCE_TYPE");
    }
  }
  if (after_sequence < 0) errors.Add("after_sequence", "must not be negative", "VALUE_OUT_OF_RANGE");
  return errors.ToStatus();
}

Result<std::int64_t> EventFeed::VisibleOrganization(const Caller& caller, std::int64_t requested) {
  if (!caller.is_resident()) return requested;
  // A resident key sees only its own organization's events (never zone-wide
  // ones); naming another organization is NOT_FOUND, as for its resources.
  if (requested != 0 && requested != caller.organization_id) {
    return Status::NotFound("organizations/" + std::to_string(requested));
  }
  return caller.organization_id;
}

Result<EventPage> EventFeed::List(const Caller& caller, const EventQuery& query, const ListParams& params) {
  BIOPOLIS_RETURN_IF_ERROR(Validate(query.collections, query.after_sequence));
  BIOPOLIS_ASSIGN_OR_RETURN(const std::int64_t organization, VisibleOrganization(caller, query.organization_id));
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
  BIOPOLIS_ASSIGN_OR_RETURN(const std::int64_t organization, VisibleOrganization(caller, 0));
  return ReadValue<std::vector<EventRecord>>(env_.store, [&](Transaction& tx) -> Result<std::vector<EventRecord>> {
    return tx.journal().EventsAfter(after, organization, collections, limit);
  });
}

Result<std::int64_t> EventFeed::LastSequence() {
  return ReadValue<std::int64_t>(
      env_.store, [](Transaction& tx) -> Result<std::int64_t> { return tx.journal().LastEventSequence(); });
}

}  // namespace biopolis
