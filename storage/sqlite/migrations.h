// Numbered schema migrations. The schema version is PRAGMA user_version; each
// migration runs in its own transaction and bumps it by one.
#pragma once

namespace SQLite {
class Database;
}

namespace biopolis {

// The schema version this build knows.
int LatestSchemaVersion();

// Applies every migration newer than the database's user_version, up to
// `target` (tests stop early to build an older database). Throws
// StorageError when the database is newer than this build.
void ApplyMigrations(SQLite::Database& db, int target = LatestSchemaVersion());

}  // namespace biopolis
