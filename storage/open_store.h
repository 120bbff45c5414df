// Opens the store a DatabaseLocation names: SqliteStore or PgStore. One
// place for biopolisd, its subcommands and tools.
#pragma once

#include <memory>

#include "core/status.h"
#include "storage/database_url.h"
#include "storage/store.h"

namespace biopolis {

struct StoreSettings {
  // Read connections in the pool.
  int readers = 4;
  bool group_commit = true;
  // SQLite only: PRAGMA quick_check before anything else.
  bool integrity_check_at_open = true;
};

Result<std::unique_ptr<Store>> OpenStore(const DatabaseLocation& location, const StoreSettings& settings);

}  // namespace biopolis
