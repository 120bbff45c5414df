#include "storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <utility>

namespace biopolis {
namespace {

class SqliteStatement final : public SqlStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~SqliteStatement() override { sqlite3_finalize(statement_); }

  void BindInt64(int index, std::int64_t value) override {
    Check(sqlite3_bind_int64(statement_, index, static_cast<sqlite3_int64>(value)));
  }
  void BindDouble(int index, double value) override { Check(sqlite3_bind_double(statement_, index, value)); }
  void BindText(int index, std::string_view value) override {
    Check(sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void BindBlob(int index, const void* data, std::size_t size) override {
    // A zero-length blob is still a blob, not NULL: SQLite takes a null
    // pointer as NULL, so give it a valid one.
    static const char kEmpty = 0;
    Check(sqlite3_bind_blob64(statement_, index, size == 0 ? &kEmpty : data, size, SQLITE_STATIC));
  }
  void BindNull(int index) override { Check(sqlite3_bind_null(statement_, index)); }

  bool Step() override {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) {
      has_row_ = true;
      return true;
    }
    has_row_ = false;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes(db_);
      return false;
    }
    throw SQLite::Exception(db_, rc);
  }
  bool HasRow() const override { return has_row_; }
  int Changes() const override { return changes_; }
  bool ResetAndClear() override {
    has_row_ = false;
    changes_ = 0;
    // sqlite3_reset reports the last step's error again; whoever stepped
    // has already seen it (thrown), so it is not reported twice.
    sqlite3_reset(statement_);
    return sqlite3_clear_bindings(statement_) == SQLITE_OK;
  }

  bool ColumnIsNull(int column) override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  bool ColumnIsInteger(int column) override { return sqlite3_column_type(statement_, column) == SQLITE_INTEGER; }
  std::int64_t ColumnInt64(int column) override { return sqlite3_column_int64(statement_, column); }
  double ColumnDouble(int column) override { return sqlite3_column_double(statement_, column); }
  int ColumnCount() override { return sqlite3_column_count(statement_); }
  std::string ColumnName(int column) override {
    const char* name = sqlite3_column_name(statement_, column);
    return name != nullptr ? name : "";
  }
  SqlType ColumnType(int column) override {
    switch (sqlite3_column_type(statement_, column)) {
      case SQLITE_INTEGER:
        return SqlType::kInteger;
      case SQLITE_FLOAT:
        return SqlType::kReal;
      case SQLITE_BLOB:
        return SqlType::kBlob;
      case SQLITE_NULL:
        return SqlType::kNull;
      default:
        return SqlType::kText;
    }
  }
  std::string_view ColumnBytes(int column) override {
    const void* data = sqlite3_column_blob(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    if (data == nullptr || size <= 0) return {};
    return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
  }

  sqlite3* db_;
  sqlite3_stmt* statement_;
  bool has_row_ = false;
  int changes_ = 0;
};

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, int flags, const std::string& vfs,
                                   std::size_t max_cached_statements)
    : SqlConnection(max_cached_statements), db_(path, flags, 0, vfs) {
  sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_ENABLE_QPSG, 1, nullptr);
}

SqliteConnection::~SqliteConnection() {
  // Every statement is finalized before db_ closes the connection.
  DropCachedStatements();
}

std::unique_ptr<SqlStatement> SqliteConnection::Prepare(const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  int rc = sqlite3_prepare_v3(db_.getHandle(), sql.c_str(), static_cast<int>(sql.size() + 1), SQLITE_PREPARE_PERSISTENT,
                              &statement, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(statement);
    throw SQLite::Exception(db_.getHandle(), rc);
  }
  return std::make_unique<SqliteStatement>(db_.getHandle(), statement);
}

int SqliteConnection::reprepared() {
  int total = 0;
  for (sqlite3_stmt* st = sqlite3_next_stmt(db_.getHandle(), nullptr); st != nullptr;
       st = sqlite3_next_stmt(db_.getHandle(), st)) {
    total += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0);
  }
  return total;
}

}  // namespace biopolis
