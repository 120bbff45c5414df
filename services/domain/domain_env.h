// What every domain class needs from its surroundings, injected once.
#pragma once

#include "services/core/clock.h"
#include "services/core/list_query.h"
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

}  // namespace biopolis
