// One SQLite connection: the SqlConnection of the SQLite backend.
//
// Statements are prepared on SQLite's C API directly (SQLITE_PREPARE_PERSISTENT,
// since the cache keeps them), and their errors are thrown as
// SQLite::Exception with SQLite's codes, which SqliteStore maps to a Status.
//
// Thread-safety: none. A connection is used by one thread at a time.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstddef>
#include <memory>
#include <string>

#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqliteConnection final : public SqlConnection {
 public:
  // Opens the database at `path` with SQLite::OPEN_* `flags` through the VFS
  // named `vfs` (empty: SQLite's default); throws SQLite::Exception when it
  // cannot. Turns on the query planner stability
  // guarantee (SQLITE_DBCONFIG_ENABLE_QPSG): without it, a statement whose
  // `state = ?` could match a partial index's `WHERE state = 2` is prepared
  // again whenever that parameter is bound, which defeats the cache; our
  // partial indexes are only meant for queries that spell the state out.
  SqliteConnection(const std::string& path, int flags, const std::string& vfs = "",
                   std::size_t max_cached_statements = 128);
  ~SqliteConnection() override;

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  SQLite::Database& database() { return db_; }

  // Times SQLite prepared again a statement that is still alive on this
  // connection (schema change, or a plan depending on a bound value).
  int reprepared();

 protected:
  std::unique_ptr<SqlStatement> Prepare(const std::string& sql) override;

 private:
  SQLite::Database db_;
};

}  // namespace biopolis
