#include "storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <utility>

namespace biopolis {

SqliteConnection::SqliteConnection(const std::string& path, int flags, const std::string& vfs,
                                   std::size_t max_cached_statements)
    : db_(path, flags, 0, vfs), max_cached_(max_cached_statements) {
  sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_ENABLE_QPSG, 1, nullptr);
}

int SqliteConnection::reprepared() {
  int total = 0;
  for (sqlite3_stmt* st = sqlite3_next_stmt(db_.getHandle(), nullptr); st != nullptr;
       st = sqlite3_next_stmt(db_.getHandle(), st)) {
    total += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0);
  }
  return total;
}

void SqliteConnection::Execute(const std::string& sql) {
  CachedStatement statement(*this, sql);
  statement.exec();
}

std::unique_ptr<SQLite::Statement> SqliteConnection::Take(const std::string& sql) {
  auto found = by_sql_.find(sql);
  if (found == by_sql_.end()) {
    ++prepared_;
    return std::make_unique<SQLite::Statement>(db_, sql);
  }
  auto entry = found->second;
  by_sql_.erase(found);
  std::unique_ptr<SQLite::Statement> statement = std::move(entry->statement);
  idle_.erase(entry);
  ++reused_;
  return statement;
}

void SqliteConnection::GiveBack(std::string sql, std::unique_ptr<SQLite::Statement> statement) {
  if (max_cached_ == 0) return;
  idle_.push_front(Idle{std::move(sql), std::move(statement)});
  by_sql_.emplace(idle_.front().sql, idle_.begin());
  if (idle_.size() <= max_cached_) return;
  // Finalize the least recently used statement.
  auto oldest = std::prev(idle_.end());
  auto [first, last] = by_sql_.equal_range(oldest->sql);
  for (auto it = first; it != last; ++it) {
    if (it->second == oldest) {
      by_sql_.erase(it);
      break;
    }
  }
  idle_.erase(oldest);
}

CachedStatement::CachedStatement(SqliteConnection& connection, std::string sql)
    : connection_(connection), sql_(std::move(sql)), statement_(connection.Take(sql_)) {}

CachedStatement::~CachedStatement() {
  // tryReset reports the last step's error again; whoever stepped has already
  // seen it (thrown), so it is not reported twice.
  statement_->tryReset();
  try {
    statement_->clearBindings();
  } catch (const std::exception&) {
    return;  // not reusable: finalized here instead of going back
  }
  connection_.GiveBack(std::move(sql_), std::move(statement_));
}

}  // namespace biopolis
