#include "storage/store.h"

#include <future>

namespace biopolis {

Status Store::WriteAndWait(Work work) {
  std::promise<Status> promise;
  auto future = promise.get_future();
  Write(std::move(work), [&promise](const Status& st) { promise.set_value(st); });
  return future.get();
}

}  // namespace biopolis
