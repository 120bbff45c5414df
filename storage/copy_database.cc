#include "storage/copy_database.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <limits>
#include <memory>

#include "core/audit_chain.h"
#include "storage/postgres/pg_error.h"
#include "storage/postgres/pg_migrations.h"
#include "storage/repositories.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_connection.h"

namespace biopolis {
namespace {

// Every table of schema v10 in an order that satisfies the foreign keys (the
// one cycle, applications <-> residents, is checked at COMMIT), with the
// column whose identity sequence follows the copied keys ("" for none).
struct TableToCopy {
  const char* name;
  const char* key;
};
constexpr TableToCopy kTables[] = {
    {"meta", ""},
    {"organizations", "id"},
    {"policies", "version"},
    {"applications", "id"},
    {"residents", "id"},
    {"commitments", ""},
    {"api_keys", "id"},
    {"audit_log", "sequence"},
    {"events", "sequence"},
    {"idempotency", ""},
    {"plots", "id"},
    {"plot_lineage", ""},
    {"leases", "id"},
    {"support_measures", "id"},
    {"support_allocations", ""},
    {"support_requests", "id"},
    {"support_disbursements", "id"},
    {"service_types", "id"},
    {"service_requests", "id"},
    {"service_messages", "id"},
    {"reports", "id"},
    {"blobs", "id"},
    {"blob_chunks", "id"},
    {"documents", "id"},
    {"document_versions", ""},
    {"organization_versions", ""},
    {"resident_versions", ""},
    {"registry_extracts", "id"},
};
// Computed from other columns; never inserted.
bool Generated(const std::string& table, const std::string& column) { return table == "reports" && column == "period"; }

std::int64_t Count(SqlConnection& db, const std::string& table) {
  CachedStatement st(db, "SELECT count(*) FROM " + std::string(table));
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

// Opens `at`; on a target, migrates it first. Returns the schema version.
std::unique_ptr<SqlConnection> Open(const DatabaseLocation& at, bool target, int* version) {
  if (at.kind == DatabaseLocation::Kind::kPostgres) {
    auto db = std::make_unique<PgConnection>(at.target);
    if (target) {
      *version = PgApplyMigrations(*db);
    } else {
      CachedStatement st(*db, "SELECT coalesce(max(version), 0) FROM schema_migrations");
      *version = st.executeStep() ? st.getColumn(0).getInt() : 0;
    }
    return db;
  }
  auto db = std::make_unique<SqliteConnection>(
      at.target, target ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE : SQLite::OPEN_READONLY);
  if (target) {
    ApplyMigrations(db->database());
    db->database().exec("PRAGMA foreign_keys = ON");
  }
  *version = db->database().execAndGet("PRAGMA user_version").getInt();
  return db;
}

// Copies the rows `source` steps through into `table` on `to`, adding them to
// `rows`; returns the last row's `key` column ("" key: unused).
std::int64_t CopyRows(SqlStatement& source, SqlConnection& to, const std::string& table, const std::string& key,
                      std::int64_t* rows) {
  std::unique_ptr<CachedStatement> insert;
  std::vector<int> columns;  // source columns copied, in insert order
  int key_column = -1;
  std::int64_t last_key = 0;
  while (source.Step()) {
    if (!insert) {
      std::string names, marks;
      for (int c = 0; c < source.ColumnCount(); ++c) {
        const std::string column = source.ColumnName(c);
        if (column == key) key_column = c;
        if (Generated(table, column)) continue;
        names += (names.empty() ? "" : ", ") + column;
        marks += marks.empty() ? "?" : ", ?";
        columns.push_back(c);
      }
      insert =
          std::make_unique<CachedStatement>(to, "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")");
    }
    SqlStatement& out = *insert;
    out.ResetAndClear();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const int c = columns[i];
      const int p = static_cast<int>(i) + 1;
      switch (source.ColumnType(c)) {
        case SqlType::kNull:
          out.BindNull(p);
          break;
        case SqlType::kInteger:
          out.BindInt64(p, source.ColumnInt64(c));
          break;
        case SqlType::kReal:
          out.BindDouble(p, source.ColumnDouble(c));
          break;
        case SqlType::kText:
          out.BindText(p, source.ColumnBytes(c));
          break;
        case SqlType::kBlob:
          out.BindBlob(p, source.ColumnBytes(c).data(), source.ColumnBytes(c).size());
          break;
      }
    }
    out.exec();
    ++*rows;
    if (key_column >= 0) last_key = source.ColumnInt64(key_column);
  }
  return last_key;
}

// A table with an integer key is read in pages of `rows_per_read` by key, so
// a large one (document chunks) is never held whole: libpq hands over a
// statement's entire result at once. A table without one is read in one go.
void CopyTable(SqlConnection& from, SqlConnection& to, const TableToCopy& table, std::int64_t rows_per_read,
               std::int64_t* rows) {
  const std::string name = table.name;
  if (*table.key == '\0') {
    CachedStatement read(from, "SELECT * FROM " + name);
    CopyRows(read, to, name, "", rows);
    return;
  }
  const std::string key = table.key;
  CachedStatement page(from, "SELECT * FROM " + name + " WHERE " + key + " > ? ORDER BY " + key + " LIMIT ?");
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  for (;;) {
    SqlStatement& st = page;
    st.ResetAndClear();
    st.bind(1, after);
    st.bind(2, rows_per_read);
    const std::int64_t before = *rows;
    after = CopyRows(st, to, name, key, rows);
    if (*rows - before < rows_per_read) return;
  }
}

// Recomputes the target's audit chain; returns the head's hash.
Result<std::string> VerifyAuditChain(SqlConnection& db, std::int64_t* records) {
  CachedStatement st(db,
                     "SELECT sequence, actor, actor_role, action, resource, request_id, summary, create_time, "
                     "previous_hash, hash FROM audit_log ORDER BY sequence");
  AuditChainVerifier verifier;
  std::string head;
  while (st.executeStep()) {
    AuditContent c{st.getColumn(0).getInt64(),  st.getColumn(1).getString(), st.getColumn(2).getInt(),
                   st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getString(),
                   st.getColumn(6).getString(), st.getColumn(7).getInt64(),  st.getColumn(8).getString(),
                   st.getColumn(9).getString()};
    head = c.hash;
    ++*records;
    if (auto broken = verifier.Add(c)) {
      return Status(
          StatusCode::kDataLoss,
          "the copied audit log breaks at sequence " + std::to_string(broken->sequence) + ": " + broken->reason,
          "AUDIT_CHAIN_BROKEN");
    }
  }
  if (auto broken = verifier.Finish()) {
    return Status(StatusCode::kDataLoss, "the copied audit log is broken: " + broken->reason, "AUDIT_CHAIN_BROKEN");
  }
  return head;
}

std::string SourceHead(SqlConnection& db) {
  CachedStatement st(db, "SELECT hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
  return st.executeStep() ? st.getColumn(0).getString() : "";
}

Result<CopyReport> Copy(const DatabaseLocation& from, const DatabaseLocation& to, std::int64_t rows_per_read) {
  CopyReport report;
  int source_version = 0;
  auto source = Open(from, false, &source_version);
  int target_version = 0;
  auto target = Open(to, true, &target_version);
  if (source_version != target_version) {
    return Status(StatusCode::kFailedPrecondition,
                  "the source is at schema v" + std::to_string(source_version) + " and this biopolisd creates v" +
                      std::to_string(target_version) + ": start this biopolisd once on the source to migrate it",
                  "SCHEMA_MISMATCH");
  }
  report.schema_version = target_version;
  for (const auto& table : kTables) {
    if (Count(*target, table.name) != 0) {
      return Status(StatusCode::kFailedPrecondition,
                    "the target is not empty (table " + std::string(table.name) +
                        " has rows); copy-database only fills an empty database",
                    "TARGET_NOT_EMPTY");
    }
  }
  const bool pg_target = to.kind == DatabaseLocation::Kind::kPostgres;
  // One snapshot of the source, one transaction on the target.
  source->Execute(from.kind == DatabaseLocation::Kind::kPostgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                                                 : "BEGIN");
  target->Execute("BEGIN");
  try {
    // The applications <-> residents cycle is checked at COMMIT on SQLite
    // too (PostgreSQL's key is declared DEFERRABLE INITIALLY DEFERRED).
    if (!pg_target) target->Execute("PRAGMA defer_foreign_keys = ON");
    for (const auto& table : kTables) {
      std::int64_t rows = 0;
      CopyTable(*source, *target, table, rows_per_read, &rows);
      report.tables.emplace_back(table.name, rows);
      if (pg_target && *table.key != '\0' && rows > 0) {
        CachedStatement next(*target, "SELECT setval(pg_get_serial_sequence('" + std::string(table.name) + "', '" +
                                          table.key + "'), (SELECT max(" + table.key + ") FROM " + table.name + "))");
        next.exec();
      }
    }
    for (const auto& [name, rows] : report.tables) {
      if (Count(*target, name) != rows || Count(*source, name) != rows) {
        throw StorageError(StatusCode::kAborted, "the row count of " + name + " differs after the copy",
                           "COPY_MISMATCH");
      }
    }
    auto head = VerifyAuditChain(*target, &report.audit_records);
    if (!head.ok()) throw StorageError(head.status().code(), head.status().message(), head.status().reason());
    report.audit_head_hash = *head;
    if (report.audit_head_hash != SourceHead(*source)) {
      throw StorageError(StatusCode::kAborted, "the copied audit log does not end at the source's head",
                         "COPY_MISMATCH");
    }
    target->Execute("COMMIT");
    source->Execute("COMMIT");
  } catch (...) {
    try {
      target->Execute("ROLLBACK");
    } catch (const std::exception&) {
    }
    throw;
  }
  return report;
}

}  // namespace

Result<CopyReport> CopyDatabase(const DatabaseLocation& from, const DatabaseLocation& to, std::int64_t rows_per_read) {
  if (from.target == to.target && from.kind == to.kind) {
    return Status::InvalidField("to", "the target is the source", "INVALID_ARGUMENT");
  }
  try {
    return Copy(from, to, std::max<std::int64_t>(1, rows_per_read));
  } catch (const StorageError& e) {
    return Status(e.code(), e.what(), e.reason());
  } catch (const std::exception& e) {
    return Status(StatusCode::kUnavailable, std::string("copy-database failed, nothing was committed: ") + e.what(),
                  "COPY_FAILED");
  }
}

}  // namespace biopolis
