// The PostgreSQL backend of Store (#18): the same repositories as SQLite
// (storage/sql/), on connections to a PostgreSQL server that several
// biopolisd processes may share.
//
// Writes: one writer connection per process, fed by WriteQueue (group commit
// as with SQLite: a batch of units in one transaction, a savepoint each).
// Every write transaction first takes one transaction-level advisory lock,
// so write transactions run one at a time across all processes on the
// database — SQLite's single-writer model, extended to several processes.
// That keeps every invariant the rules check inside a unit of work (the plot
// reservation race, a measure's budget, the audit hash chain's head) exactly
// as on SQLite, and makes event sequence numbers follow commit order, so a
// WatchEvents cursor never skips an event committed late. Under the lock each
// statement reads at READ COMMITTED, i.e. sees every earlier commit.
// Serialization failures and deadlocks (which the lock should make
// impossible among our writers) are retried inside, never returned.
//
// Reads: a pool of connections, each read a REPEATABLE READ READ ONLY
// transaction (one snapshot for every statement of the unit of work).
//
// Commits made by other processes: every write transaction sends NOTIFY on
// commit, and a listener thread (its own connection, LISTEN) calls the commit
// listener when one arrives, so event streams served here wake for writes
// made through another biopolisd. Notifications are only a wake-up: the events
// table is the truth. A notification is lost only with the listener's
// connection, and the listener fires after it reconnects.
//
// Faults: a connection found broken is replaced on its next use (after a
// failed attempt, for half a second without trying again); while the server
// cannot be reached, calls fail UNAVAILABLE (the SDK retries them with
// the same request_id, and idempotency answers a retry of a write whose
// COMMIT did reach the server with its first result).
//
// Thread-safety: safe for concurrent use. The destructor finishes every
// queued unit of work and acknowledges it before it returns.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/metrics.h"
#include "storage/postgres/pg_connection.h"
#include "storage/store.h"
#include "storage/write_queue.h"

namespace biopolis {

struct PgStoreOptions {
  // libpq connection string or URI; the PG* environment variables supply what
  // it leaves out (a password belongs in PGPASSWORD or ~/.pgpass, never here).
  std::string conninfo;
  // Read connections in the pool.
  int readers = 4;
  bool group_commit = true;
  int max_batch = 64;
  // Attempts of a transaction that failed to serialize, before UNAVAILABLE.
  int max_attempts = 8;
};

class PgStore final : public Store {
 public:
  // Connects, migrates (once across processes) and starts the writer.
  static Result<std::unique_ptr<PgStore>> Open(const PgStoreOptions& options);
  ~PgStore() override;

  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  Status Read(const Work& work) override;
  void Write(Work work, Done done) override;
  void WriteBulk(Work work, Done done) override;
  std::string ServerSecret() const override { return secret_; }
  // PostgreSQL is backed up with its own tools (pg_dump, base backups and
  // WAL archiving); refused with FAILED_PRECONDITION.
  Status Backup(const std::string& path) override;
  Status Ping() override;
  void SetCommitListener(std::function<void()> listener) override;

  int schema_version() const override { return schema_version_; }
  std::int64_t queued_writes() const override { return writes_ ? writes_->queued() : 0; }
  const WriterStats& writer_stats() const override { return stats_; }

 private:
  explicit PgStore(PgStoreOptions options);
  std::vector<Status> RunBatch(const std::vector<Work*>& batch);
  // One attempt of the batch in one transaction; throws PgError for a
  // failure of the whole transaction (retryable or a lost connection).
  std::vector<Status> AttemptBatch(const std::vector<Work*>& batch);
  // A new connection. After a failed attempt, attempts in the next
  // kConnectBackoff fail at once with the same connection-lost PgError: during
  // an outage a call's thread is not held for libpq's connect_timeout by every
  // read, write and health check in turn.
  std::unique_ptr<PgConnection> Connect();
  // Calls the commit listener, if any (any thread).
  void NotifyCommitted();
  // The listener thread: LISTEN, wait, NotifyCommitted; reconnects.
  void ListenLoop();
  // Runs `body` on a connection of the read pool and gives it back; a
  // connection that broke while idle is replaced and `body` runs once more.
  Status OnReader(const std::function<Status(PgConnection&)>& body);
  std::unique_ptr<PgConnection> AcquireReader();
  void ReleaseReader(std::unique_ptr<PgConnection> reader);

  PgStoreOptions options_;
  std::string secret_;
  int schema_version_ = 0;
  std::mutex listener_mu_;
  std::function<void()> commit_listener_;
  std::atomic<bool> stopping_{false};
  std::thread listen_thread_;

  // Used by the writer thread alone (and by Open).
  std::unique_ptr<PgConnection> writer_connection_;
  std::unique_ptr<WriteQueue> writes_;

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  // Idle connections; null entries are slots whose connection was lost and
  // is made again on its next use.
  std::vector<std::unique_ptr<PgConnection>> idle_readers_;

  WriterStats stats_;

  // When the last connection attempt failed (steady clock, ns; 0: none since
  // the last success) and why.
  std::atomic<std::int64_t> connect_failed_at_ns_{0};
  std::mutex connect_error_mu_;
  std::string connect_error_;
};

// Maps an exception thrown inside a unit of work on PostgreSQL to a Status.
Status StatusFromPgException(const std::exception& e);

}  // namespace biopolis
