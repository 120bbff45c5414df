#include "storage/sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "services/core/crypto.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_transaction.h"

namespace biopolis {

Status StatusFromStorageException(const std::exception& e) {
  if (const auto* se = dynamic_cast<const StorageError*>(&e)) {
    return Status(se->code(), se->what(), se->reason());
  }
  if (const auto* sq = dynamic_cast<const SQLite::Exception*>(&e)) {
    int code = sq->getErrorCode();
    int extended = sq->getExtendedErrorCode();
    switch (code) {
      case SQLITE_CONSTRAINT:
        if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
          return Status(StatusCode::kAlreadyExists,
                        std::string("a record with the same unique key exists: ") + sq->what(), "ALREADY_EXISTS");
        }
        return Status(StatusCode::kFailedPrecondition,
                      std::string("the change would break a stored invariant: ") + sq->what(), "CONSTRAINT_VIOLATION");
      case SQLITE_FULL:
        return Status::ResourceExhausted("the database is full; the change was not stored", "STORAGE_FULL");
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return Status::Unavailable("the database is busy; retry");
      default:
        spdlog::error("storage failure: {} (code {}, extended {})", sq->what(), code, extended);
        return Status::Internal("storage failure");
    }
  }
  spdlog::error("unexpected failure in a unit of work: {}", e.what());
  return Status::Internal("internal error");
}

namespace {

void ConfigureConnection(SQLite::Database& db, int busy_timeout_ms) {
  db.setBusyTimeout(busy_timeout_ms);
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

SqliteStore::SqliteStore(SqliteStoreOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteStoreOptions& options) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(options));
  try {
    store->writer_db_ = std::make_unique<SQLite::Database>(
        options.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX);
    SQLite::Database& db = *store->writer_db_;
    ConfigureConnection(db, options.busy_timeout_ms);
    std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") {
      return Status::Internal("could not switch " + options.path + " to WAL mode (got " + mode + ")");
    }
    db.exec("PRAGMA synchronous = FULL");
    if (db.execAndGet("PRAGMA synchronous").getInt() != 2) {
      return Status::Internal("synchronous=FULL did not take effect");
    }
    if (db.execAndGet("PRAGMA foreign_keys").getInt() != 1) {
      return Status::Internal("foreign keys could not be enabled");
    }
    ApplyMigrations(db);
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
      auto reader = std::make_unique<SQLite::Database>(options.path, SQLite::OPEN_READONLY);
      ConfigureConnection(*reader, options.busy_timeout_ms);
      store->idle_readers_.push_back(std::move(reader));
    }
  } catch (const std::exception& e) {
    Status st = StatusFromStorageException(e);
    return Status(st.code(), "cannot open database " + options.path + ": " + e.what(), st.reason());
  }
  store->writer_ = std::thread([s = store.get()] { s->WriterLoop(); });
  return store;
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

std::unique_ptr<SQLite::Database> SqliteStore::AcquireReader() {
  std::unique_lock<std::mutex> lock(readers_mu_);
  readers_cv_.wait(lock, [this] { return !idle_readers_.empty(); });
  auto db = std::move(idle_readers_.back());
  idle_readers_.pop_back();
  return db;
}

void SqliteStore::ReleaseReader(std::unique_ptr<SQLite::Database> db) {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    idle_readers_.push_back(std::move(db));
  }
  readers_cv_.notify_one();
}

Status SqliteStore::Read(const Work& work) {
  auto db = AcquireReader();
  Status result;
  try {
    // One read transaction, so every statement of the work sees one snapshot.
    db->exec("BEGIN");
    SqliteTransaction tx(*db);
    result = work(tx);
    db->exec("COMMIT");
  } catch (const std::exception& e) {
    result = StatusFromStorageException(e);
    try {
      db->exec("ROLLBACK");
    } catch (const std::exception&) {
      // No transaction was open.
    }
  }
  ReleaseReader(std::move(db));
  return result;
}

void SqliteStore::Write(Work work, Done done) {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (!stopping_) {
      queue_.emplace_back(std::move(work), std::move(done));
      queue_cv_.notify_one();
      return;
    }
  }
  done(Status::Unavailable("the server is shutting down"));
}

Status SqliteStore::RunWrite(const Work& work) {
  SQLite::Database& db = *writer_db_;
  try {
    db.exec("BEGIN IMMEDIATE");
  } catch (const std::exception& e) {
    return StatusFromStorageException(e);
  }
  Status result;
  try {
    SqliteTransaction tx(db);
    result = work(tx);
    if (result.ok()) {
      db.exec("COMMIT");
      if (commit_listener_) commit_listener_();
      return result;
    }
  } catch (const std::exception& e) {
    result = StatusFromStorageException(e);
  }
  try {
    db.exec("ROLLBACK");
  } catch (const std::exception& e) {
    // SQLite may already have rolled back (e.g. after SQLITE_FULL).
    spdlog::debug("rollback: {}", e.what());
  }
  return result;
}

void SqliteStore::WriterLoop() {
  while (true) {
    std::pair<Work, Done> item;
    {
      std::unique_lock<std::mutex> lock(queue_mu_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is done
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    Status st = RunWrite(item.first);
    item.second(st);
  }
}

}  // namespace biopolis
