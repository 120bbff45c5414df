// What every domain class needs from its surroundings, injected once.
#pragma once

#include <string>

#include "core/caller.h"
#include "core/clock.h"
#include "core/list_query.h"
#include "services/domain/command_runner.h"
#include "storage/store.h"

namespace biopolis {

struct DomainEnv {
  Store& store;
  CommandRunner& commands;
  const Clock& clock;
  const ListQueryParser& lists;
};

// Runs a read on a snapshot and returns its value, or the read's error.
template <typename T, typename Fn>
Result<T> ReadValue(Store& store, Fn&& fn) {
  std::optional<Result<T>> out;
  Status st = store.Read([&](Transaction& tx) -> Status {
    out.emplace(fn(tx));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return std::move(*out);
}

// Whether a list shows a resident caller only its own organization's records.
enum class ListVisibility { kEveryone, kOwnOrganization };

// The shape of every List method, once: parses `params` against `spec` with
// page tokens bound to `method` and the caller (a token from another method or
// key is refused), narrows a resident caller to its organization when
// `visibility` says so, reads one page on a snapshot with `fetch(tx, query)`,
// and signs the next page's token. `method` carries any option that changes
// the result set (e.g. "ListServiceRequests|overdue").
template <typename T, typename Fetch>
Result<Page<T>> ReadPage(const DomainEnv& env, const Caller& caller, const std::string& method, const ListSpec& spec,
                         const ListParams& params, ListVisibility visibility, Fetch&& fetch) {
  const std::string scope = method + "|" + caller.principal;
  auto query = env.lists.Parse(spec, params, scope);
  if (!query.ok()) return query.status();
  if (visibility == ListVisibility::kOwnOrganization && caller.is_resident()) {
    query->conditions.push_back({"organization", CompareOp::kEq, caller.organization_id});
  }
  auto page = ReadValue<Page<T>>(env.store, [&](Transaction& tx) -> Result<Page<T>> { return fetch(tx, *query); });
  if (page.ok()) env.lists.FinishPage(*page, params, scope);
  return page;
}

}  // namespace biopolis
