// One database connection of either backend and the statements already
// prepared on it.
//
// Preparing a statement (parsing and planning its SQL) took more than half of
// the server's instructions for a GetApplication before this cache existed
// (callgrind, docs/PERFORMANCE.md). A connection keeps the statements it has
// prepared, keyed by their SQL text, and hands each out again reset and with
// its bindings cleared. The cache is bounded (least recently used statements
// are finalized first), since list queries build their SQL from the filter's
// shape and a client chooses that shape. The backends (SqliteConnection,
// PgConnection) only prepare statements; the cache is here, once.
//
// Thread-safety: none. A connection is used by one thread at a time (the
// writer thread, or a reader taken from a store's pool).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql/sql_statement.h"

namespace biopolis {

// The few places where the backends' SQL differs ask for the dialect.
enum class SqlDialect { kSqlite, kPostgres };

class SqlConnection {
 public:
  explicit SqlConnection(std::size_t max_cached_statements) : max_cached_(max_cached_statements) {}
  virtual ~SqlConnection() = default;

  SqlConnection(const SqlConnection&) = delete;
  SqlConnection& operator=(const SqlConnection&) = delete;

  virtual SqlDialect dialect() const = 0;

  // Runs one statement that returns no rows (BEGIN, COMMIT, SAVEPOINT ...)
  // through the cache; throws on failure.
  void Execute(const std::string& sql);

  // Statements prepared so far (cache misses) and statements served from the
  // cache (hits), since the connection opened.
  std::size_t prepared() const { return prepared_; }
  std::size_t reused() const { return reused_; }

 protected:
  // Prepares `sql` on this connection; throws when it cannot.
  virtual std::unique_ptr<SqlStatement> Prepare(const std::string& sql) = 0;
  // Finalizes every cached statement (before the backend closes).
  void DropCachedStatements();

 private:
  friend class CachedStatement;

  // A statement for `sql`: an idle cached one, or a newly prepared one.
  std::unique_ptr<SqlStatement> Take(const std::string& sql);
  // Gives back a statement taken with Take, already reset.
  void GiveBack(std::string sql, std::unique_ptr<SqlStatement> statement);

  struct Idle {
    std::string sql;
    std::unique_ptr<SqlStatement> statement;
  };

  std::size_t max_cached_;
  // Idle statements, most recently given back first.
  std::list<Idle> idle_;
  // Keys view the `sql` of their idle_ entry (list nodes do not move); an
  // entry leaves this map before it leaves idle_.
  std::unordered_multimap<std::string_view, std::list<Idle>::iterator> by_sql_;
  std::size_t prepared_ = 0;
  std::size_t reused_ = 0;
};

// A statement borrowed from a connection's cache for one scope; used like a
// SqlStatement (it converts to one for row readers). On destruction it is
// reset, its bindings cleared, and it goes back to the cache, so no read
// snapshot outlives the scope, even when an exception leaves it.
class CachedStatement {
 public:
  CachedStatement(SqlConnection& connection, std::string sql);
  ~CachedStatement();

  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  template <typename... Args>
  void bind(Args&&... args) {
    statement_->bind(std::forward<Args>(args)...);
  }
  bool executeStep() { return statement_->Step(); }
  int exec() { return statement_->exec(); }
  SqlColumn getColumn(int index) { return statement_->getColumn(index); }
  bool hasRow() const { return statement_->HasRow(); }
  // Ends the current run and clears the bindings, to run the statement again.
  void reset() { statement_->ResetAndClear(); }

  operator SqlStatement&() { return *statement_; }  // NOLINT: used in place of a statement

 private:
  SqlConnection& connection_;
  std::string sql_;
  std::unique_ptr<SqlStatement> statement_;
};

}  // namespace biopolis
