#include "storage/sql/sql_connection.h"

#include <utility>

namespace biopolis {

void SqlConnection::Execute(const std::string& sql) {
  CachedStatement statement(*this, sql);
  statement.exec();
}

void SqlConnection::DropCachedStatements() {
  by_sql_.clear();
  idle_.clear();
}

std::unique_ptr<SqlStatement> SqlConnection::Take(const std::string& sql) {
  auto found = by_sql_.find(sql);
  if (found == by_sql_.end()) {
    auto statement = Prepare(sql);
    ++prepared_;
    return statement;
  }
  auto entry = found->second;
  by_sql_.erase(found);
  std::unique_ptr<SqlStatement> statement = std::move(entry->statement);
  idle_.erase(entry);
  ++reused_;
  return statement;
}

void SqlConnection::GiveBack(std::string sql, std::unique_ptr<SqlStatement> statement) {
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

CachedStatement::CachedStatement(SqlConnection& connection, std::string sql)
    : connection_(connection), sql_(std::move(sql)), statement_(connection.Take(sql_)) {}

CachedStatement::~CachedStatement() {
  // A statement that cannot be reset cleanly is finalized here instead of
  // going back to the cache.
  if (!statement_->ResetAndClear()) return;
  connection_.GiveBack(std::move(sql_), std::move(statement_));
}

}  // namespace biopolis
