// A prepared SQL statement of either backend, as the repositories use it.
//
// The repositories (storage/sql/) are written once against this interface;
// storage/sqlite/ and storage/postgres/ implement it. Parameters are written
// `?` (or `?N`) in the SQL text, as SQLite spells them; the PostgreSQL
// connection rewrites them to `$N` when it prepares the statement. Indexes of
// parameters start at 1, of result columns at 0 (SQLite's convention).
//
// Errors are thrown: SQLite::Exception from the SQLite backend, PgError from
// the PostgreSQL one; each store maps its own to a Status.
//
// Thread-safety: none; a statement belongs to its connection's thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace biopolis {

class SqlStatement;

// One column of the current row (valid until the next Step or Reset); the
// accessor names are SQLiteCpp's, so repository code reads the same.
class SqlColumn {
 public:
  SqlColumn(SqlStatement& statement, int index) : statement_(&statement), index_(index) {}
  std::int64_t getInt64() const;
  int getInt() const { return static_cast<int>(getInt64()); }
  double getDouble() const;
  std::string getString() const;
  // The bytes of a BLOB (or TEXT) column, getBytes() of them.
  const void* getBlob() const;
  int getBytes() const;
  bool isNull() const;
  bool isInteger() const;

 private:
  SqlStatement* statement_;
  int index_;
};

// What a result column holds, for code that copies rows it does not know.
enum class SqlType { kNull, kInteger, kReal, kText, kBlob };

class SqlStatement {
 public:
  virtual ~SqlStatement() = default;

  virtual void BindInt64(int index, std::int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  // Not copied: the bytes must stay valid until the statement has run (its
  // last Step) or is reset.
  virtual void BindBlob(int index, const void* data, std::size_t size) = 0;
  virtual void BindNull(int index) = 0;

  // Runs to the next row: true when there is one.
  virtual bool Step() = 0;
  virtual bool HasRow() const = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE run to its end.
  virtual int Changes() const = 0;
  // Ends the current run (releasing its snapshot) and clears the bindings;
  // returns false when the statement cannot be used again.
  virtual bool ResetAndClear() = 0;

  virtual bool ColumnIsNull(int column) = 0;
  virtual bool ColumnIsInteger(int column) = 0;
  virtual std::int64_t ColumnInt64(int column) = 0;
  virtual double ColumnDouble(int column) = 0;
  // Text or blob bytes of the column, valid until the next Step or Reset.
  virtual std::string_view ColumnBytes(int column) = 0;
  // The result's shape, known once a row has been read.
  virtual int ColumnCount() = 0;
  virtual std::string ColumnName(int column) = 0;
  // The type of the column's value in the current row.
  virtual SqlType ColumnType(int column) = 0;

  // SQLiteCpp-style conveniences over the virtual interface.
  void bind(int index, std::int64_t value) { BindInt64(index, value); }
  void bind(int index, int value) { BindInt64(index, value); }
  void bind(int index, long long value) { BindInt64(index, static_cast<std::int64_t>(value)); }
  void bind(int index, double value) { BindDouble(index, value); }
  void bind(int index, const std::string& value) { BindText(index, value); }
  void bind(int index, const char* value) { BindText(index, value); }
  void bind(int index, const void* data, int size) { BindBlob(index, data, static_cast<std::size_t>(size)); }
  void bind(int index) { BindNull(index); }
  bool executeStep() { return Step(); }
  // Runs a statement that returns no rows; returns the rows it changed.
  int exec();
  bool hasRow() const { return HasRow(); }
  SqlColumn getColumn(int column) { return SqlColumn(*this, column); }
};

// Runs an INSERT ... RETURNING <key> to its end and returns the key of the
// row it inserted (both backends spell it so; SQLite since 3.35).
std::int64_t InsertedId(SqlStatement& statement);

}  // namespace biopolis
