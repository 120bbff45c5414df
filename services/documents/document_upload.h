// One document upload in progress: the metadata checked first, the bytes
// hashed, sized and sniffed as they stream in and stored chunk by chunk in a
// staging blob (each chunk its own small unit of work on the writer, a few
// in flight at once), then one unit of work that checks everything again,
// seals the blob (or reuses the organization's identical one), records the
// document or version, its audit record (with the SHA-256) and its event.
// Any failure, and Abort(), discards the staging blob: nothing is stored
// unless the whole upload succeeds.
//
// Memory: at most kStoredChunkBytes + 1 MiB buffered, kWindow chunks in flight and
// the first kSniffBytes, whatever the file's size.
//
// Thread-safety: the owner calls Begin, Append, Finish and Abort one at a
// time (a stream's messages are sequential); the callbacks they take may run
// on the store's acknowledgement thread. An upload that is neither finished
// nor aborted (the owner vanished) leaves a staging blob that the next start
// discards. The store must outlive the upload.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/caller.h"
#include "core/crypto.h"
#include "model/document.h"
#include "services/documents/document_rules.h"
#include "services/domain/domain_env.h"

namespace biopolis {

struct UploadMetadata {
  // A new document of `parent`, or (document_id > 0) a new version of that
  // document of `parent`.
  DocumentParent parent;
  std::int64_t document_id = 0;
  DocumentKind kind = DocumentKind::kUnspecified;
  std::string file_name;
  std::string expected_sha256;
  std::string request_id;
};

class DocumentUpload : public std::enable_shared_from_this<DocumentUpload> {
 public:
  // Bytes per stored chunk row.
  // Bytes per stored chunk row: small enough that one chunk's unit of work
  // delays another write by ~2 ms at most (WriteBulk).
  static constexpr std::size_t kStoredChunkBytes = 256 << 10;
  // Chunk writes in flight at once.
  static constexpr int kWindow = 8;

  // Always owned by a shared_ptr (its callbacks keep it alive): use Create.
  static std::shared_ptr<DocumentUpload> Create(DomainEnv env, DocumentLimits limits, Caller caller);
  ~DocumentUpload() = default;
  DocumentUpload(const DocumentUpload&) = delete;
  DocumentUpload& operator=(const DocumentUpload&) = delete;

  // Checks the metadata, the parent (and document) and the quota, and opens
  // the staging blob. `done` gets an error; or OK with the stored reply of an
  // earlier upload with the same request_id, metadata and expected hash (the
  // upload is then complete: send that reply); or OK and nullopt to go on.
  using BeginDone = std::function<void(Status, std::optional<std::string> prior_reply)>;
  void Begin(UploadMetadata meta, BeginDone done);

  // Takes the next bytes of the file. `ready` is called once: OK when the
  // upload can take more (at once while fewer than kWindow chunk writes are
  // in flight, else when one commits), or the error that ends the upload.
  void Append(std::string_view bytes, std::function<void(Status)> ready);

  // The stream ended: stores the last bytes, checks size, type and hash, and
  // records the document in one unit of work. `reply` gets the encoded
  // document once durable, or the error (nothing stored).
  void Finish(Encoder<DocumentRecord> encode, Reply reply);

  // Discards what was staged (the client went away, or an error). Idempotent.
  void Abort();

  // Bytes taken so far.
  std::int64_t bytes_received() const;

 private:
  DocumentUpload(DomainEnv env, DocumentLimits limits, Caller caller);
  void WriteChunk(std::string bytes);
  // The unit of work that checks, seals and records; after every chunk is stored.
  void Commit(UploadMetadata meta, const std::string& sha, std::int64_t blob, std::int64_t size, std::int64_t chunks,
              std::int64_t org, const std::string& content_type, Encoder<DocumentRecord> encode, Reply reply);
  // The failure that ends the upload: remembered, staged bytes discarded.
  Status Fail(Status status);
  Status CheckSniffed();

  DomainEnv env_;
  DocumentLimits limits_;
  Caller caller_;

  mutable std::mutex mu_;
  UploadMetadata meta_;
  std::int64_t organization_id_ = 0;
  std::int64_t blob_id_ = 0;
  std::int64_t quota_used_at_begin_ = 0;
  std::int64_t received_ = 0;
  std::int64_t chunks_written_ = 0;
  int in_flight_ = 0;
  bool finished_ = false;
  Status error_;
  std::function<void(Status)> waiting_ready_;
  std::function<void()> commit_when_stored_;
  Sha256Stream hash_;
  std::string head_;
  std::optional<std::string> content_type_;
  std::string buffer_;
};

}  // namespace biopolis
