// Moves a zone from one database to another (`biopolisd copy-database`):
// typically from the SQLite file it started on to the PostgreSQL database it
// will run on, or back.
//
// The target is migrated to the same schema version as the source and must be
// empty (FAILED_PRECONDITION otherwise). Every table is copied row by row with
// its keys, in one target transaction; identity sequences are moved past the
// copied keys. Then the copy is checked: each table's row count against the
// source, and the audit log's hash chain recomputed on the target, ending at
// the source's head. The source is only read; it must not be in use by a
// running biopolisd (stop it first: its writes would not be copied).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "storage/database_url.h"

namespace biopolis {

struct CopyReport {
  // Table name and rows copied, in copy order.
  std::vector<std::pair<std::string, std::int64_t>> tables;
  std::int64_t audit_records = 0;
  std::string audit_head_hash;
  int schema_version = 0;
};

// Tables with an integer key are read `rows_per_read` rows at a time, so
// memory holds one page of a table, not the table (document chunks); the few
// tables without one (idempotency records, version histories, links) are
// read whole.
Result<CopyReport> CopyDatabase(const DatabaseLocation& from, const DatabaseLocation& to,
                                std::int64_t rows_per_read = 1000);

}  // namespace biopolis
