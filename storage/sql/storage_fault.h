// One mapping from database failures to the Status a client sees, for both
// backends.
#pragma once

#include <exception>
#include <optional>
#include <string>

#include "core/status.h"

namespace biopolis {

// What went wrong in the database, in terms both backends share. Each
// backend classifies its own exceptions (SQLite result codes, PostgreSQL
// SQLSTATEs) into one of these; the Status a client sees, and what the
// operator's log says, are decided once, in StatusFromStorageException.
enum class StorageFault {
  kUniqueKey,    // a unique or primary key is taken: ALREADY_EXISTS
  kConstraint,   // another stored invariant would break: FAILED_PRECONDITION
  kFull,         // no space left for the change: RESOURCE_EXHAUSTED
  kBusy,         // contention the client may retry: UNAVAILABLE
  kUnreachable,  // the database cannot be reached: UNAVAILABLE
  kCorrupt,      // the stored data is damaged: DATA_LOSS, logged as an alert
  kOther,        // anything else from the database: INTERNAL, logged
};

struct ClassifiedFault {
  StorageFault fault;
  // The database's own message and codes, for the client's message where
  // safe (key and invariant faults) and for the log.
  std::string detail;
  // For kCorrupt: what the operator should do, appended to the alert.
  std::string advice;
};

// Classifies a backend's exception; nullopt when it is not the backend's.
using FaultClassifier = std::optional<ClassifiedFault> (*)(const std::exception&);

// Maps an exception thrown inside a unit of work to a Status: a StorageError
// carries its own status; what `classify` recognises maps by its fault;
// anything else is INTERNAL and logged. Thread-safe.
Status StatusFromStorageException(const std::exception& e, FaultClassifier classify);

}  // namespace biopolis
