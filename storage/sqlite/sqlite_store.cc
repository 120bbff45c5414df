#include "storage/sqlite/sqlite_store.h"

#include <SQLiteCpp/Backup.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <mutex>

#include "core/audit_chain.h"
#include "core/crypto.h"
#include "storage/sql/sql_transaction.h"
#include "storage/sql/storage_fault.h"
#include "storage/sqlite/migrations.h"

namespace biopolis {

namespace {

std::optional<ClassifiedFault> ClassifySqliteException(const std::exception& e) {
  const auto* sq = dynamic_cast<const SQLite::Exception*>(&e);
  if (sq == nullptr) return std::nullopt;
  int code = sq->getErrorCode();
  int extended = sq->getExtendedErrorCode();
  std::string detail =
      std::string(sq->what()) + " (code " + std::to_string(code) + ", extended " + std::to_string(extended) + ")";
  switch (code) {
    case SQLITE_CONSTRAINT:
      if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return ClassifiedFault{StorageFault::kUniqueKey, sq->what(), ""};
      }
      return ClassifiedFault{StorageFault::kConstraint, sq->what(), ""};
    case SQLITE_FULL:
      return ClassifiedFault{StorageFault::kFull, detail, ""};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ClassifiedFault{StorageFault::kBusy, detail, ""};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ClassifiedFault{StorageFault::kCorrupt, detail,
                             "stop the server and restore from a backup (docs/OPERATIONS.md, \"A damaged database\")"};
    default:
      return ClassifiedFault{StorageFault::kOther, detail, ""};
  }
}

}  // namespace

Status StatusFromSqliteException(const std::exception& e) {
  return StatusFromStorageException(e, ClassifySqliteException);
}

namespace {

// Records written before the audit log became a hash chain get their hashes
// once, in order (the trigger allows filling an empty hash, nothing else).
// Those records are a prefix of the log, filled in one transaction, so the
// oldest record tells whether there is anything to do: start-up does not
// read a million-record log to find nothing.
void ChainUnhashedAuditRecords(SQLite::Database& db) {
  {
    SQLite::Statement oldest(db, "SELECT hash FROM audit_log ORDER BY sequence LIMIT 1");
    if (!oldest.executeStep() || !oldest.getColumn(0).getString().empty()) return;
  }
  SQLite::Transaction tx(db);
  std::string previous;
  SQLite::Statement rows(db,
                         "SELECT sequence, actor, actor_role, action, resource, request_id, summary, create_time, "
                         "hash FROM audit_log ORDER BY sequence");
  SQLite::Statement update(db, "UPDATE audit_log SET previous_hash = ?, hash = ? WHERE sequence = ?");
  while (rows.executeStep()) {
    std::string stored = rows.getColumn(8).getString();
    if (!stored.empty()) {
      previous = stored;
      continue;
    }
    AuditContent c{rows.getColumn(0).getInt64(),
                   rows.getColumn(1).getString(),
                   rows.getColumn(2).getInt(),
                   rows.getColumn(3).getString(),
                   rows.getColumn(4).getString(),
                   rows.getColumn(5).getString(),
                   rows.getColumn(6).getString(),
                   rows.getColumn(7).getInt64(),
                   previous,
                   ""};
    std::string hash = AuditHash(c);
    update.bind(1, previous);
    update.bind(2, hash);
    update.bind(3, static_cast<int64_t>(c.sequence));
    update.exec();
    update.reset();
    previous = hash;
  }
  tx.commit();
}

// SQLite counts every allocation for sqlite3_memory_used() under one global
// mutex unless told not to; we never read those counters, and under
// concurrent reads that mutex was contended on every call (futex waits in the
// profile). Process-wide and only possible before SQLite initializes, so it is
// done once, before the first connection; if something in the process
// initialized SQLite earlier the call is refused and nothing changes.
void DisableSqliteMemoryStatistics() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// Every connection opens the file through SQLite's "unix-excl" VFS: the
// first one takes an exclusive lock on the database for the whole process, so
// no other process (a second biopolisd on the same file, a sqlite3 shell) can
// read or write it while the server runs, and the WAL index lives in this
// process's memory instead of a shared -shm file. Connections within the
// process share it as usual. Besides guarding the zone's file against a second
// writer, it takes the fcntl() lock and unlock of every read transaction off
// the read path: with the default VFS they were 1.7 system calls per
// GetApplication and ~5% of the server's CPU under load
// (docs/PERFORMANCE.md).
constexpr char kProcessExclusiveVfs[] = "unix-excl";

void ConfigureConnection(SQLite::Database& db, int busy_timeout_ms) {
  db.setBusyTimeout(busy_timeout_ms);
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

SqliteStore::SqliteStore(SqliteStoreOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteStoreOptions& options) {
  DisableSqliteMemoryStatistics();
  std::unique_ptr<SqliteStore> store(new SqliteStore(options));
  try {
    // NOMUTEX: after Open, only the writer thread touches this connection
    // (even SetMaxPageCount goes through the write queue).
    store->writer_connection_ = std::make_unique<SqliteConnection>(
        options.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, kProcessExclusiveVfs);
    SQLite::Database& db = store->writer_connection_->database();
    ConfigureConnection(db, options.busy_timeout_ms);
    if (options.integrity_check_at_open) {
      // A damaged file must not take writes: its damage would spread and
      // later reads would fail at random (docs/OPERATIONS.md says how to recover).
      std::string problems;
      try {
        SQLite::Statement check(db, "PRAGMA quick_check(20)");
        while (check.executeStep()) {
          std::string line = check.getColumn(0).getString();
          if (line != "ok") problems += "\n  " + line;
        }
      } catch (const SQLite::Exception& e) {
        // Damage that stops the check itself (e.g. a zeroed page of a table);
        // anything else (a lock held by another process) is reported as itself.
        if (e.getErrorCode() != SQLITE_CORRUPT && e.getErrorCode() != SQLITE_NOTADB) throw;
        problems += std::string("\n  ") + e.what();
      }
      if (!problems.empty()) {
        return Status(StatusCode::kDataLoss,
                      "the database " + options.path + " is damaged (PRAGMA quick_check):" + problems +
                          "\nRestore it from the latest backup (docs/OPERATIONS.md, \"A damaged database\"); "
                          "do not start the server on it",
                      "DATA_CORRUPTED");
      }
    }
    std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") {
      return Status::Internal("could not switch " + options.path + " to WAL mode (got " + mode + ")");
    }
    db.exec("PRAGMA synchronous = FULL");
    if (db.execAndGet("PRAGMA synchronous").getInt() != 2) {
      return Status::Internal("synchronous=FULL did not take effect");
    }
    // Group commit runs each unit of work in a savepoint, and a savepoint
    // keeps the original of every page it changes in a statement journal.
    // By default that journal spills to a temporary file past 64 KiB, which a
    // batch of 64 writes always passed: pwrite() of journal pages to that
    // file was a third of the writer thread's time (perf, docs/PERFORMANCE.md).
    // The journal is discarded at COMMIT anyway, so it stays in memory
    // (bounded by one batch's changed pages).
    db.exec("PRAGMA temp_store = MEMORY");
    if (db.execAndGet("PRAGMA foreign_keys").getInt() != 1) {
      return Status::Internal("foreign keys could not be enabled");
    }
    ApplyMigrations(db);
    ChainUnhashedAuditRecords(db);
    store->schema_version_ = db.execAndGet("PRAGMA user_version").getInt();
    {
      SQLite::Statement st(db, "SELECT value FROM meta WHERE key = 'server_secret'");
      if (st.executeStep()) {
        const SQLite::Column c = st.getColumn(0);
        store->secret_.assign(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
      }
    }
    if (store->secret_.empty()) {
      store->secret_ = RandomBytes(32);
      SQLite::Statement ins(db, "INSERT INTO meta (key, value) VALUES ('server_secret', ?)");
      ins.bind(1, store->secret_.data(), static_cast<int>(store->secret_.size()));
      ins.exec();
    }
    for (int i = 0; i < std::max(1, options.readers); ++i) {
      // NOMUTEX: a reader is used by one thread at a time (the pool hands it
      // over under readers_mu_), so SQLite's per-call connection mutex only
      // costs (it was taken on every sqlite3_column_* of every row).
      auto reader = std::make_unique<SqliteConnection>(options.path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX,
                                                       kProcessExclusiveVfs);
      ConfigureConnection(reader->database(), options.busy_timeout_ms);
      store->idle_readers_.push_back(std::move(reader));
    }
  } catch (const std::exception& e) {
    const auto* sq = dynamic_cast<const SQLite::Exception*>(&e);
    if (sq != nullptr && sq->getErrorCode() == SQLITE_BUSY) {
      return Status::Unavailable("cannot open database " + options.path +
                                 ": another process has it open (a second biopolisd, a sqlite3 shell?); the server "
                                 "needs the file to itself");
    }
    Status st = StatusFromSqliteException(e);
    std::string hint;
    if (st.code() == StatusCode::kDataLoss) {
      hint = "; the file is damaged: restore it from the latest backup (docs/OPERATIONS.md, \"A damaged database\")";
    }
    return Status(st.code(), "cannot open database " + options.path + ": " + e.what() + hint, st.reason());
  }
  store->writes_ =
      std::make_unique<WriteQueue>(options.group_commit ? options.max_batch : 1,
                                   [s = store.get()](const std::vector<Work*>& batch) { return s->RunBatch(batch); });
  store->writes_->Start();
  return store;
}

SqliteStore::~SqliteStore() {
  // Finishes and acknowledges every queued unit while the connections live.
  if (writes_) writes_->Stop();
}

std::unique_ptr<SqliteConnection> SqliteStore::AcquireReader() {
  std::unique_lock<std::mutex> lock(readers_mu_);
  readers_cv_.wait(lock, [this] { return !idle_readers_.empty(); });
  auto db = std::move(idle_readers_.back());
  idle_readers_.pop_back();
  return db;
}

void SqliteStore::ReleaseReader(std::unique_ptr<SqliteConnection> reader) {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    idle_readers_.push_back(std::move(reader));
  }
  readers_cv_.notify_one();
}

Status SqliteStore::Read(const Work& work) {
  auto reader = AcquireReader();
  SqliteConnection& db = *reader;
  Status result;
  try {
    // One read transaction, so every statement of the work sees one snapshot.
    db.Execute("BEGIN");
    SqlTransaction tx(*reader);
    result = work(tx);
    db.Execute("COMMIT");
  } catch (const std::exception& e) {
    result = StatusFromSqliteException(e);
    try {
      db.Execute("ROLLBACK");
    } catch (const std::exception&) {
      // No transaction was open.
    }
  }
  ReleaseReader(std::move(reader));
  return result;
}

// The file is this process's own: a read transaction opens it.
Status SqliteStore::Ping() {
  return Read([](Transaction&) { return Status::Ok(); });
}

void SqliteStore::Write(Work work, Done done) { writes_->Push(std::move(work), std::move(done)); }

void SqliteStore::WriteBulk(Work work, Done done) { writes_->PushBulk(std::move(work), std::move(done)); }

void SqliteStore::TimedCommit(SqliteConnection& db, std::int64_t batch, std::int64_t units) {
  const auto start = std::chrono::steady_clock::now();
  db.Execute("COMMIT");
  stats_.RecordCommit(
      batch, units,
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count());
}

std::int64_t SqliteStore::queued_writes() const { return writes_ ? writes_->queued() : 0; }

Status SqliteStore::RunWrite(const Work& work) {
  SqliteConnection& db = *writer_connection_;
  try {
    db.Execute("BEGIN IMMEDIATE");
  } catch (const std::exception& e) {
    return StatusFromSqliteException(e);
  }
  Status result;
  try {
    SqlTransaction tx(*writer_connection_);
    result = work(tx);
    if (result.ok()) {
      TimedCommit(db, 1, 1);
      if (commit_listener_) commit_listener_();
      return result;
    }
  } catch (const std::exception& e) {
    result = StatusFromSqliteException(e);
  }
  try {
    db.Execute("ROLLBACK");
  } catch (const std::exception& e) {
    // SQLite may already have rolled back (e.g. after SQLITE_FULL).
    spdlog::debug("rollback: {}", e.what());
  }
  return result;
}

std::vector<Status> SqliteStore::RunBatch(const std::vector<Work*>& batch) {
  if (batch.size() == 1) return {RunWrite(*batch[0])};
  SqliteConnection& db = *writer_connection_;
  std::vector<Status> results(batch.size());
  std::size_t next = 0;
  while (next < batch.size()) {
    try {
      db.Execute("BEGIN IMMEDIATE");
    } catch (const std::exception& e) {
      Status st = StatusFromSqliteException(e);
      for (std::size_t i = next; i < batch.size(); ++i) results[i] = st;
      break;
    }
    std::size_t first = next;
    bool transaction_lost = false;
    for (; next < batch.size() && !transaction_lost; ++next) {
      try {
        db.Execute("SAVEPOINT unit");
        SqlTransaction tx(*writer_connection_);
        results[next] = (*batch[next])(tx);
      } catch (const std::exception& e) {
        results[next] = StatusFromSqliteException(e);
      }
      try {
        db.Execute(results[next].ok() ? "RELEASE unit" : "ROLLBACK TO unit");
        if (!results[next].ok()) db.Execute("RELEASE unit");
      } catch (const std::exception&) {
        // Some errors (e.g. I/O) end the whole transaction: the units before
        // this one are lost with it and report this unit's error.
        transaction_lost = true;
      }
      if (!transaction_lost && sqlite3_get_autocommit(db.database().getHandle()) != 0) transaction_lost = true;
      if (transaction_lost) {
        for (std::size_t i = first; i < next; ++i) {
          if (results[i].ok()) results[i] = Status::Unavailable("the batch this change was in failed; retry");
        }
        if (results[next].ok()) results[next] = Status::Unavailable("storage failure; retry");
      }
    }
    if (transaction_lost) {
      try {
        db.Execute("ROLLBACK");
      } catch (const std::exception&) {
      }
      continue;  // the rest in a new transaction
    }
    try {
      std::int64_t units = 0;
      for (std::size_t i = first; i < next; ++i) units += results[i].ok() ? 1 : 0;
      TimedCommit(db, static_cast<std::int64_t>(next - first), units);
    } catch (const std::exception& e) {
      Status st = StatusFromSqliteException(e);
      for (std::size_t i = first; i < next; ++i) {
        if (results[i].ok()) results[i] = st;
      }
      try {
        db.Execute("ROLLBACK");
      } catch (const std::exception&) {
      }
    }
  }
  if (commit_listener_) commit_listener_();
  // Acknowledged by the queue only now, after the durable COMMIT.
  return results;
}

Status SqliteStore::Backup(const std::string& path) {
  // The copy reads through one of the pool's connections (same VFS and
  // settings as every other read) for as long as it takes.
  auto reader = AcquireReader();
  Status result;
  try {
    {
      SQLite::Database dest(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(dest, reader->database());
      // One step copies every page under one read transaction: a consistent snapshot.
      backup.executeStep(-1);
    }
    SQLite::Database check(path, SQLite::OPEN_READONLY);
    std::string integrity = check.execAndGet("PRAGMA integrity_check").getString();
    if (integrity != "ok") result = Status::Internal("the backup failed its integrity check: " + integrity);
  } catch (const std::exception& e) {
    Status st = StatusFromSqliteException(e);
    result = Status(st.code(), std::string("backup to ") + path + " failed: " + e.what(), "BACKUP_FAILED");
  }
  ReleaseReader(std::move(reader));
  return result;
}

Status SqliteStore::SetMaxPageCount(std::int64_t pages) {
  std::int64_t value = pages > 0 ? pages : 4294967294LL;
  // The pragma applies to the connection: run it on the writer's, in turn.
  return WriteAndWait([this, value](Transaction&) -> Status {
    writer_connection_->database().exec("PRAGMA max_page_count = " + std::to_string(value));
    return Status::Ok();
  });
}

}  // namespace biopolis
