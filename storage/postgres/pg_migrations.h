// Numbered schema migrations of the PostgreSQL backend (see pg_migrations.cc).
#pragma once

#include "storage/postgres/pg_connection.h"

namespace biopolis {

// The schema version this build creates.
int PgLatestSchemaVersion();

// Brings the database up to PgLatestSchemaVersion() in one transaction under
// an advisory lock and returns the version; throws PgError (also when the
// database is newer than this build). A database already at that version is
// only read, so a role without DDL privileges can open it.
int PgApplyMigrations(PgConnection& db);

}  // namespace biopolis
