#include "storage/open_store.h"

#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace biopolis {

Result<std::unique_ptr<Store>> OpenStore(const DatabaseLocation& location, const StoreSettings& settings) {
  if (location.kind == DatabaseLocation::Kind::kPostgres) {
    PgStoreOptions options;
    options.conninfo = location.target;
    options.readers = settings.readers;
    options.group_commit = settings.group_commit;
    BIOPOLIS_ASSIGN_OR_RETURN(auto store, PgStore::Open(options));
    return std::unique_ptr<Store>(std::move(store));
  }
  SqliteStoreOptions options{location.target, settings.readers, 5000};
  options.group_commit = settings.group_commit;
  options.integrity_check_at_open = settings.integrity_check_at_open;
  BIOPOLIS_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(options));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace biopolis
