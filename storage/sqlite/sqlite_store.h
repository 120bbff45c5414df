// The SQLite backend of Store: one writer thread owning the only writing
// connection (BEGIN IMMEDIATE, synchronous=FULL, WAL), and a pool of
// read-only connections for Read().
//
// Why one writer: Debian's SQLite 3.40.1 predates the fix for the WAL-reset
// corruption bug, which needs two connections writing or checkpointing at
// once (DESIGN.md section 8); with one writer connection it cannot happen.
//
// The queue, the writer thread and the acknowledger are WriteQueue's; this
// class runs each batch on the writer connection.
//
// Thread-safety: safe for concurrent use. The destructor finishes every
// queued unit of work and acknowledges it before it returns.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/metrics.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/store.h"
#include "storage/write_queue.h"

namespace biopolis {

struct SqliteStoreOptions {
  // Database file; created and migrated when missing.
  std::string path;
  // Read-only connections in the pool.
  int readers = 4;
  // How long a connection waits for a lock before SQLITE_BUSY.
  int busy_timeout_ms = 5000;
  // Group commit: the writer runs up to `max_batch` queued units of work in
  // one transaction, each inside its own savepoint (a failing one is rolled
  // back alone), and acknowledges all of them after the one durable COMMIT.
  bool group_commit = true;
  int max_batch = 64;
  // PRAGMA quick_check before anything else; a damaged file is refused
  // (DATA_LOSS, reason DATA_CORRUPTED) instead of opened.
  bool integrity_check_at_open = true;
};

class SqliteStore final : public Store {
 public:
  // Opens (creating and migrating when needed) the database at options.path.
  static Result<std::unique_ptr<SqliteStore>> Open(const SqliteStoreOptions& options);
  ~SqliteStore() override;

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status Read(const Work& work) override;
  Status Ping() override;
  void Write(Work work, Done done) override;
  void WriteBulk(Work work, Done done) override;
  std::string ServerSecret() const override { return secret_; }
  void SetCommitListener(std::function<void()> listener) override { commit_listener_ = std::move(listener); }

  // The schema version found after migrations ran.
  int schema_version() const override { return schema_version_; }

  // Writes a consistent copy of the database to `path` with SQLite's online
  // backup API while writes go on, then checks it (PRAGMA integrity_check).
  Status Backup(const std::string& path) override;
  // Caps the database size in pages (simulates a full disk in tests); 0 lifts
  // the cap back to SQLite's maximum.
  Status SetMaxPageCount(std::int64_t pages);
  std::int64_t queued_writes() const override;
  const WriterStats& writer_stats() const override { return stats_; }
  const std::string& path() const { return options_.path; }

 private:
  explicit SqliteStore(SqliteStoreOptions options);
  // Runs a batch in one transaction (savepoint per unit); the writer
  // thread's half of WriteQueue.
  std::vector<Status> RunBatch(const std::vector<Work*>& batch);
  Status RunWrite(const Work& work);
  // COMMIT of a transaction that ran `batch` units, `units` of them
  // successfully: timed and counted.
  void TimedCommit(SqliteConnection& db, std::int64_t batch, std::int64_t units);
  std::unique_ptr<SqliteConnection> AcquireReader();
  void ReleaseReader(std::unique_ptr<SqliteConnection> reader);

  SqliteStoreOptions options_;
  std::string secret_;
  int schema_version_ = 0;
  std::function<void()> commit_listener_;

  // The only writing connection; used by the writer thread alone (and by Open).
  std::unique_ptr<SqliteConnection> writer_connection_;
  std::unique_ptr<WriteQueue> writes_;

  WriterStats stats_;

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
};

// Maps an exception thrown inside a unit of work on SQLite to a Status.
Status StatusFromSqliteException(const std::exception& e);

}  // namespace biopolis
