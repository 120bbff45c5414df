// Where the zone's database is: the `database` setting of biopolisd.
//
//   sqlite:///var/lib/biopolis/biopolis.db   an SQLite file (sqlite://name.db:
//                                            relative to the working directory)
//   postgresql://user@host:5432/zone?sslmode=verify-full
//                                            a PostgreSQL database (libpq's URI;
//                                            postgres:// too; the PG* variables
//                                            fill in what it leaves out)
//
// A password in the URL is refused: it would sit in the config, in `ps`
// output when given as a flag, and in logs. It belongs in PGPASSWORD or the
// service user's ~/.pgpass (PGPASSFILE). Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/status.h"

namespace biopolis {

struct DatabaseLocation {
  enum class Kind { kSqlite, kPostgres };
  Kind kind = Kind::kSqlite;
  // The SQLite file's path, or the libpq connection URI.
  std::string target;
  // What logs and errors may show (the URL itself: it never has a password).
  std::string display;
};

// INVALID_ARGUMENT (reason INVALID_CONFIG) for another scheme, an empty
// path, or a password.
Result<DatabaseLocation> ParseDatabaseUrl(const std::string& url);

}  // namespace biopolis
