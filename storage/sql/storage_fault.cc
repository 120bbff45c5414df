#include "storage/sql/storage_fault.h"

#include <spdlog/spdlog.h>

#include "storage/repositories.h"

namespace biopolis {

Status StatusFromStorageException(const std::exception& e, FaultClassifier classify) {
  if (const auto* se = dynamic_cast<const StorageError*>(&e)) {
    return Status(se->code(), se->what(), se->reason());
  }
  std::optional<ClassifiedFault> fault = classify(e);
  if (!fault) {
    spdlog::error("unexpected failure in a unit of work: {}", e.what());
    return Status::Internal("internal error");
  }
  switch (fault->fault) {
    case StorageFault::kUniqueKey:
      return Status(StatusCode::kAlreadyExists, "a record with the same unique key exists: " + fault->detail,
                    "ALREADY_EXISTS");
    case StorageFault::kConstraint:
      return Status(StatusCode::kFailedPrecondition, "the change would break a stored invariant: " + fault->detail,
                    "CONSTRAINT_VIOLATION");
    case StorageFault::kFull:
      return Status::ResourceExhausted("the database is full; the change was not stored", "STORAGE_FULL");
    case StorageFault::kBusy:
      return Status::Unavailable("the database is busy; retry");
    case StorageFault::kUnreachable:
      // Once per call would flood the log during an outage; the health check
      // logs the outage and the recovery once each.
      spdlog::debug("database connection lost: {}", fault->detail);
      return Status::Unavailable("the database cannot be reached; retry");
    case StorageFault::kCorrupt:
      // Never retried by clients; the operator restores (docs/OPERATIONS.md).
      spdlog::error("DATABASE CORRUPT: {}; {}", fault->detail, fault->advice);
      return Status(StatusCode::kDataLoss, "the stored data is damaged; the operator has been alerted",
                    "DATA_CORRUPTED");
    case StorageFault::kOther:
      break;
  }
  spdlog::error("storage failure: {}", fault->detail);
  return Status::Internal("storage failure");
}

}  // namespace biopolis
