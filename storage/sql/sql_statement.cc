#include "storage/sql/sql_statement.h"

namespace biopolis {

std::int64_t SqlColumn::getInt64() const { return statement_->ColumnInt64(index_); }
double SqlColumn::getDouble() const { return statement_->ColumnDouble(index_); }
std::string SqlColumn::getString() const { return std::string(statement_->ColumnBytes(index_)); }
const void* SqlColumn::getBlob() const { return statement_->ColumnBytes(index_).data(); }
int SqlColumn::getBytes() const { return static_cast<int>(statement_->ColumnBytes(index_).size()); }
bool SqlColumn::isNull() const { return statement_->ColumnIsNull(index_); }
bool SqlColumn::isInteger() const { return statement_->ColumnIsInteger(index_); }

int SqlStatement::exec() {
  while (Step()) {
  }
  return Changes();
}

std::int64_t InsertedId(SqlStatement& statement) {
  std::int64_t id = statement.Step() ? statement.ColumnInt64(0) : 0;
  while (statement.Step()) {
  }
  return id;
}

}  // namespace biopolis
