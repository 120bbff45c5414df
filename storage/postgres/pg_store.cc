#include "storage/postgres/pg_store.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "core/crypto.h"
#include "storage/postgres/pg_error.h"
#include "storage/postgres/pg_migrations.h"
#include "storage/sql/sql_transaction.h"
#include "storage/sql/storage_fault.h"

namespace biopolis {

namespace {

std::optional<ClassifiedFault> ClassifyPgException(const std::exception& e) {
  const auto* pg = dynamic_cast<const PgError*>(&e);
  if (pg == nullptr) return std::nullopt;
  const std::string& state = pg->sqlstate();
  std::string detail = std::string(pg->what()) + " (SQLSTATE " + state + ")";
  if (pg->connection_lost()) return ClassifiedFault{StorageFault::kUnreachable, pg->what(), ""};
  if (pg->retryable()) return ClassifiedFault{StorageFault::kBusy, detail, ""};
  if (state == "23505") return ClassifiedFault{StorageFault::kUniqueKey, pg->what(), ""};
  if (state.rfind("23", 0) == 0) return ClassifiedFault{StorageFault::kConstraint, pg->what(), ""};
  if (state == "53100") return ClassifiedFault{StorageFault::kFull, detail, ""};
  if (state == "XX001" || state == "XX002") {
    return ClassifiedFault{StorageFault::kCorrupt, detail, "see PostgreSQL's own recovery procedures"};
  }
  return ClassifiedFault{StorageFault::kOther, detail, ""};
}

}  // namespace

Status StatusFromPgException(const std::exception& e) { return StatusFromStorageException(e, ClassifyPgException); }

namespace {

// Any 64-bit number of our own: the lock every write transaction takes first.
constexpr char kWriteLock[] = "SELECT pg_advisory_xact_lock(4300100001)";
// The channel every write transaction notifies on commit.
constexpr char kNotify[] = "NOTIFY biopolis_commits";
constexpr char kListen[] = "LISTEN biopolis_commits";

bool ConnectionLost(const std::exception& e) {
  const auto* pg = dynamic_cast<const PgError*>(&e);
  return pg != nullptr && pg->connection_lost();
}

void RollbackQuietly(PgConnection& db) {
  if (db.broken()) return;
  try {
    db.Execute("ROLLBACK");
  } catch (const std::exception& e) {
    spdlog::debug("rollback: {}", e.what());
  }
}

}  // namespace

PgStore::PgStore(PgStoreOptions options) : options_(std::move(options)) {}

std::unique_ptr<PgConnection> PgStore::Connect() {
  constexpr auto kConnectBackoff = std::chrono::milliseconds(500);
  const std::int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
  const std::int64_t failed_at = connect_failed_at_ns_.load();
  if (failed_at != 0 && now - failed_at < std::chrono::nanoseconds(kConnectBackoff).count()) {
    std::lock_guard<std::mutex> lock(connect_error_mu_);
    throw PgError("", connect_error_);
  }
  try {
    auto connection = std::make_unique<PgConnection>(options_.conninfo);
    connect_failed_at_ns_ = 0;
    return connection;
  } catch (const PgError& e) {
    if (e.connection_lost()) {
      std::lock_guard<std::mutex> lock(connect_error_mu_);
      connect_error_ = e.what();
      connect_failed_at_ns_ = std::chrono::steady_clock::now().time_since_epoch().count();
    }
    throw;
  }
}

Result<std::unique_ptr<PgStore>> PgStore::Open(const PgStoreOptions& options) {
  std::unique_ptr<PgStore> store(new PgStore(options));
  try {
    store->writer_connection_ = store->Connect();
    PgConnection& db = *store->writer_connection_;
    store->schema_version_ = PgApplyMigrations(db);
    // The secret is made once, by whichever process gets there first.
    db.Execute("BEGIN");
    db.Execute(kWriteLock);
    {
      CachedStatement ins(db, "INSERT INTO meta (key, value) VALUES ('server_secret', ?) ON CONFLICT (key) DO NOTHING");
      std::string fresh = RandomBytes(32);
      ins.bind(1, static_cast<const void*>(fresh.data()), static_cast<int>(fresh.size()));
      ins.exec();
    }
    {
      CachedStatement st(db, "SELECT value FROM meta WHERE key = 'server_secret'");
      if (st.executeStep()) store->secret_ = st.getColumn(0).getString();
    }
    db.Execute("COMMIT");
    for (int i = 0; i < std::max(1, options.readers); ++i) store->idle_readers_.push_back(store->Connect());
  } catch (const std::exception& e) {
    Status st = StatusFromPgException(e);
    return Status(ConnectionLost(e) ? StatusCode::kUnavailable : st.code(),
                  std::string("cannot open the PostgreSQL database: ") + e.what(), st.reason());
  }
  store->writes_ =
      std::make_unique<WriteQueue>(options.group_commit ? options.max_batch : 1,
                                   [s = store.get()](const std::vector<Work*>& batch) { return s->RunBatch(batch); });
  store->writes_->Start();
  store->listen_thread_ = std::thread([s = store.get()] { s->ListenLoop(); });
  return store;
}

PgStore::~PgStore() {
  if (writes_) writes_->Stop();
  stopping_ = true;
  if (listen_thread_.joinable()) listen_thread_.join();
}

void PgStore::SetCommitListener(std::function<void()> listener) {
  std::lock_guard<std::mutex> lock(listener_mu_);
  commit_listener_ = std::move(listener);
}

void PgStore::NotifyCommitted() {
  std::lock_guard<std::mutex> lock(listener_mu_);
  if (commit_listener_) commit_listener_();
}

void PgStore::ListenLoop() {
  std::unique_ptr<PgConnection> listener;
  while (!stopping_) {
    if (!listener || listener->broken()) {
      listener.reset();
      try {
        listener = Connect();
        listener->ExecuteScript(kListen);
        // Whatever was committed while we were not listening.
        NotifyCommitted();
      } catch (const std::exception& e) {
        spdlog::debug("commit listener cannot connect: {}", e.what());
        listener.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        continue;
      }
    }
    // Short waits, so the destructor is never kept more than 200 ms. Streams
    // are woken only by a commit (ours or another process's) or by a
    // reconnect above: a notification is lost only with the connection that
    // would have carried it, and the events table is read again then.
    if (listener->WaitForNotification(std::chrono::milliseconds(200))) NotifyCommitted();
  }
}

std::unique_ptr<PgConnection> PgStore::AcquireReader() {
  std::unique_ptr<PgConnection> reader;
  {
    std::unique_lock<std::mutex> lock(readers_mu_);
    readers_cv_.wait(lock, [this] { return !idle_readers_.empty(); });
    reader = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  return reader;
}

void PgStore::ReleaseReader(std::unique_ptr<PgConnection> reader) {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    // A broken connection gives back its slot, empty: made again when used.
    idle_readers_.push_back(reader && !reader->broken() ? std::move(reader) : nullptr);
  }
  readers_cv_.notify_one();
}

Status PgStore::OnReader(const std::function<Status(PgConnection&)>& body) {
  auto reader = AcquireReader();
  Status result;
  for (int attempt = 1;; ++attempt) {
    try {
      if (!reader || reader->broken()) reader = Connect();
      result = body(*reader);
    } catch (const std::exception& e) {
      if (reader) RollbackQuietly(*reader);
      // A connection that broke while idle in the pool (the server restarted)
      // is found on its first use: the body runs once more on a new one.
      if (ConnectionLost(e) && attempt == 1 && reader && reader->broken()) {
        reader.reset();
        continue;
      }
      result = StatusFromPgException(e);
    }
    break;
  }
  ReleaseReader(std::move(reader));
  return result;
}

Status PgStore::Read(const Work& work) {
  return OnReader([&work](PgConnection& db) {
    // BEGIN travels with the first statement and COMMIT is not waited for:
    // one round trip for a one-statement read, not three.
    db.DeferCommand("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    SqlTransaction tx(db);
    Status result = work(tx);
    db.CommitReadOnlyWithoutWaiting();
    return result;
  });
}

Status PgStore::Ping() {
  // A statement: a read that runs none sends nothing to the server.
  return OnReader([](PgConnection& db) {
    db.Execute("SELECT 1");
    return Status::Ok();
  });
}

void PgStore::Write(Work work, Done done) { writes_->Push(std::move(work), std::move(done)); }

void PgStore::WriteBulk(Work work, Done done) { writes_->PushBulk(std::move(work), std::move(done)); }

std::vector<Status> PgStore::AttemptBatch(const std::vector<Work*>& batch) {
  if (!writer_connection_ || writer_connection_->broken()) writer_connection_ = Connect();
  PgConnection& db = *writer_connection_;
  std::vector<Status> results(batch.size());
  db.Execute("BEGIN");
  try {
    db.Execute(kWriteLock);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const bool own_savepoint = batch.size() > 1;
      if (own_savepoint) db.Execute("SAVEPOINT unit");
      try {
        SqlTransaction tx(db);
        results[i] = (*batch[i])(tx);
      } catch (const PgError& e) {
        if (e.retryable() || e.connection_lost()) throw;
        results[i] = StatusFromPgException(e);
      } catch (const std::exception& e) {
        results[i] = StatusFromPgException(e);
      }
      if (own_savepoint) {
        if (!results[i].ok()) db.Execute("ROLLBACK TO SAVEPOINT unit");
        db.Execute("RELEASE SAVEPOINT unit");
      } else if (!results[i].ok()) {
        db.Execute("ROLLBACK");
        return results;
      }
    }
    db.Execute(kNotify);
    const auto start = std::chrono::steady_clock::now();
    db.Execute("COMMIT");
    std::int64_t units = 0;
    for (const auto& r : results) units += r.ok() ? 1 : 0;
    stats_.RecordCommit(
        static_cast<std::int64_t>(batch.size()), units,
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count());
  } catch (...) {
    RollbackQuietly(db);
    throw;
  }
  return results;
}

std::vector<Status> PgStore::RunBatch(const std::vector<Work*>& batch) {
  std::vector<Status> results;
  for (int attempt = 1;; ++attempt) {
    try {
      results = AttemptBatch(batch);
      break;
    } catch (const std::exception& e) {
      const auto* pg = dynamic_cast<const PgError*>(&e);
      if (pg != nullptr && pg->retryable() && attempt < options_.max_attempts) {
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt * 2));
        continue;
      }
      // The transaction did not commit, or (a connection lost during COMMIT)
      // its outcome is unknown: either way the client retries with its
      // request_id and idempotency tells the two apart.
      results.assign(batch.size(), StatusFromPgException(e));
      break;
    }
  }
  NotifyCommitted();
  return results;
}

Status PgStore::Backup(const std::string&) {
  return Status(StatusCode::kFailedPrecondition,
                "this server stores the zone in PostgreSQL: back it up with pg_dump or a base backup with WAL "
                "archiving (docs/OPERATIONS.md, \"Running on PostgreSQL\")",
                "BACKUP_NOT_SUPPORTED");
}

}  // namespace biopolis
