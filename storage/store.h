// The unit-of-work interface of storage.
//
// Read() runs a function on a read-only snapshot on the calling thread (short,
// indexed reads). Write() hands a unit of work to the single writer thread,
// which runs it inside BEGIN IMMEDIATE ... COMMIT and calls `done` once the
// commit is durable (synchronous=FULL) — or after rolling back, when the work
// returned an error or storage failed. No error path leaves a change behind.
//
// Thread-safety: a Store is safe for concurrent use; a Transaction is confined
// to the thread running the function it was passed to.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "storage/repositories.h"
#include "storage/writer_stats.h"

namespace biopolis {

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual OrganizationRepository& organizations() = 0;
  virtual ApplicationRepository& applications() = 0;
  virtual ResidentRepository& residents() = 0;
  virtual PolicyRepository& policies() = 0;
  virtual ApiKeyRepository& api_keys() = 0;
  virtual PlotRepository& plots() = 0;
  virtual LeaseRepository& leases() = 0;
  virtual SupportRepository& support() = 0;
  virtual ServiceDeskRepository& service_desk() = 0;
  virtual ReportRepository& reports() = 0;
  virtual JournalRepository& journal() = 0;
  virtual BlobStore& blobs() = 0;
  virtual DocumentRepository& documents() = 0;
  virtual RegistryExtractRepository& extracts() = 0;
};

class Store {
 public:
  using Work = std::function<Status(Transaction&)>;
  using Done = std::function<void(const Status&)>;

  virtual ~Store() = default;

  virtual Status Read(const Work& work) = 0;
  // `done` runs on the store's acknowledgement thread (not the caller's), in
  // commit order; it must not block, since later acknowledgements wait for it.
  virtual void Write(Work work, Done done) = 0;
  // The same for bulk work (a chunk of a document upload): each bulk unit
  // runs alone in its transaction, only when no ordinary unit is waiting, so
  // a large upload delays another write by one chunk at most and never shares
  // its commit. Bulk units run in the order given, but an ordinary unit given
  // later may run before them. Default: Write().
  virtual void WriteBulk(Work work, Done done) { Write(std::move(work), std::move(done)); }
  // Write() and wait for the outcome; for start-up, tools and tests.
  Status WriteAndWait(Work work);

  // Whether the database answers now (the health check): a read that
  // reaches it, not one a backend may answer without asking.
  virtual Status Ping() = 0;

  // The schema version found after migrations ran.
  virtual int schema_version() const = 0;
  // Writes waiting for the writer.
  virtual std::int64_t queued_writes() const = 0;
  // What the writer committed since start (units, batches, COMMIT times).
  virtual const WriterStats& writer_stats() const = 0;

  // A server-wide secret kept in the database (signs page tokens).
  virtual std::string ServerSecret() const = 0;

  // Writes a consistent online copy of the database to `path` and checks it.
  virtual Status Backup(const std::string& path) = 0;

  // Called on the writer thread after each durable commit (e.g. to wake event
  // watchers); must be cheap and must not block. Set before writes start.
  virtual void SetCommitListener(std::function<void()> listener) = 0;
};

}  // namespace biopolis
