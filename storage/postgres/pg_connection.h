// One PostgreSQL connection (libpq): the SqlConnection of the PostgreSQL
// backend.
//
// Statements are prepared server-side once per connection (PQprepare, the
// cache of SqlConnection keeps them) with the repositories' `?` / `?N`
// parameters rewritten to `$N`. Parameters are sent as text with no declared
// type, so PostgreSQL types each from its context exactly as it would a quoted
// literal; blobs go in binary. Results come back as text (bytea decoded on
// access). A statement's whole result is fetched at once: the repositories
// read bounded pages and single rows.
//
// Errors are thrown as PgError with the SQLSTATE.
//
// Thread-safety: none. A connection is used by one thread at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "storage/sql/sql_connection.h"

typedef struct pg_conn PGconn;

namespace biopolis {

class PgConnection final : public SqlConnection {
 public:
  // Connects with a libpq connection string or URI (the PG* environment
  // variables fill in what it leaves out; connect_timeout is 10 s unless set);
  // throws PgError when it cannot.
  explicit PgConnection(const std::string& conninfo, std::size_t max_cached_statements = 128);
  ~PgConnection() override;

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }

  // Runs SQL text that may hold several statements and no parameters (the
  // schema's DDL); throws PgError.
  void ExecuteScript(const std::string& sql);

  // True when libpq reports the connection broken.
  bool broken() const;

  // A read transaction in one round trip instead of three. `sql`, a command
  // without parameters (BEGIN ...), is not sent now but in the same round
  // trip as the next statement, just ahead of it (libpq's pipeline mode); if
  // it fails, that statement throws its error. ExecuteScript sends it first.
  void DeferCommand(std::string sql);
  // Ends a read-only transaction without waiting for the answer: COMMIT is
  // sent and its reply is read (and dropped) when the connection is next used;
  // a read-only COMMIT has nothing to report. When the deferred command was
  // never sent (no statement ran), nothing began and it is simply dropped.
  void CommitReadOnlyWithoutWaiting();

  // After LISTEN: waits up to `timeout` for notifications and consumes them
  // all; true when at least one arrived. A lost connection shows as broken().
  bool WaitForNotification(std::chrono::milliseconds timeout);

  PGconn* handle() { return conn_; }

  // The repositories' `?` and `?N` parameters as PostgreSQL's `$N` (outside
  // quoted text); pure, for tests.
  static std::string NumberParameters(const std::string& sql);

 protected:
  std::unique_ptr<SqlStatement> Prepare(const std::string& sql) override;

 private:
  PGconn* conn_ = nullptr;
  std::size_t next_statement_ = 0;
  // DeferCommand's command, until a statement carries it; shared with the
  // statements prepared on this connection (they outlive no connection).
  std::string deferred_;
};

}  // namespace biopolis
