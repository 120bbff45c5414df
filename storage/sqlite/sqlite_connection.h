// One SQLite connection and the statements already prepared on it.
//
// Preparing a statement (parsing and planning its SQL) took more than half of
// the server's instructions for a GetApplication before this cache existed
// (callgrind, docs/PERFORMANCE.md). A connection keeps the statements it has
// prepared, keyed by their SQL text, and hands each out again reset and with
// its bindings cleared. The cache is bounded (least recently used statements
// are finalized first), since list queries build their SQL from the filter's
// shape and a client chooses that shape.
//
// Thread-safety: none. A connection is used by one thread at a time (the
// writer thread, or a reader taken from the store's pool).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace biopolis {

class SqliteConnection {
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

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  SQLite::Database& database() { return db_; }

  // Runs one statement that returns no rows (BEGIN, COMMIT, SAVEPOINT ...)
  // through the cache; throws SQLite::Exception on failure.
  void Execute(const std::string& sql);

  // Statements prepared so far (cache misses) and statements served from the
  // cache (hits), since the connection opened.
  std::size_t prepared() const { return prepared_; }
  std::size_t reused() const { return reused_; }
  // Times SQLite prepared again a statement that is still alive on this
  // connection (schema change, or a plan depending on a bound value).
  int reprepared();

 private:
  friend class CachedStatement;

  // A statement for `sql`: an idle cached one, or a newly prepared one.
  std::unique_ptr<SQLite::Statement> Take(const std::string& sql);
  // Gives back a statement taken with Take, already reset.
  void GiveBack(std::string sql, std::unique_ptr<SQLite::Statement> statement);

  struct Idle {
    std::string sql;
    std::unique_ptr<SQLite::Statement> statement;
  };

  SQLite::Database db_;
  std::size_t max_cached_;
  // Idle statements, most recently given back first.
  std::list<Idle> idle_;
  // Keys view the `sql` of their idle_ entry (list nodes do not move); an
  // entry leaves this map before it leaves idle_.
  std::unordered_multimap<std::string_view, std::list<Idle>::iterator> by_sql_;
  std::size_t prepared_ = 0;
  std::size_t reused_ = 0;
};

// A statement borrowed from a connection's cache for one scope; used like
// SQLite::Statement (the members below keep SQLiteCpp's names so repository
// code reads the same), and converts to SQLite::Statement& for row readers.
// On destruction it is reset, its bindings cleared, and it goes back to the
// cache, so no read snapshot outlives the scope, even when an exception leaves it.
class CachedStatement {
 public:
  CachedStatement(SqliteConnection& connection, std::string sql);
  ~CachedStatement();

  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  template <typename... Args>
  void bind(Args&&... args) {
    statement_->bind(std::forward<Args>(args)...);
  }
  bool executeStep() { return statement_->executeStep(); }
  int exec() { return statement_->exec(); }
  SQLite::Column getColumn(int index) { return statement_->getColumn(index); }
  bool hasRow() const { return statement_->hasRow(); }
  void reset() { statement_->reset(); }

  operator SQLite::Statement&() { return *statement_; }  // NOLINT: used in place of a Statement

 private:
  SqliteConnection& connection_;
  std::string sql_;
  std::unique_ptr<SQLite::Statement> statement_;
};

}  // namespace biopolis
