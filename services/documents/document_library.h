// The documents of applications, reports, support requests and service
// requests: reading, listing, versions, downloads, deletion, and starting
// uploads (document_upload.h). A resident sees and changes only its own
// organization's documents; others are NOT_FOUND, as for every resource.
// Thread-safety: safe for concurrent use.
#pragma once

#include <memory>
#include <optional>

#include "core/list_query.h"
#include "model/document.h"
#include "services/documents/document_parents.h"
#include "services/documents/document_rules.h"
#include "services/documents/document_upload.h"
#include "services/domain/domain_env.h"

namespace biopolis {

// What a download sends: the version's facts, then its blob's chunks.
struct DownloadPlan {
  DocumentRecord document;
  DocumentVersionRecord version;
  std::int64_t chunk_count = 0;
};

class DocumentLibrary {
 public:
  DocumentLibrary(DomainEnv env, DocumentLimits limits) : env_(env), limits_(limits) {}

  Result<DocumentRecord> Get(const Caller& caller, const DocumentRef& ref);
  // Fields: kind; order: id (oldest first).
  Result<Page<DocumentRecord>> List(const Caller& caller, const DocumentParent& parent, const ListParams& params);
  Result<Page<DocumentVersionRecord>> ListVersions(const Caller& caller, const DocumentRef& ref,
                                                   const ListParams& params);
  // Deletes a document and its versions while the parent allows it; the
  // reply carries the deleted document's encoding.
  void Delete(const Caller& caller, CommandMeta meta, const DocumentRef& ref, Encoder<DocumentRecord> encode,
              Reply reply);

  // The version to send (ref.version 0: the current one).
  Result<DownloadPlan> OpenDownload(const Caller& caller, const DocumentRef& ref);
  // Chunk `index` of a plan's blob (a blob is immutable once sealed).
  Result<std::string> ReadChunk(const DownloadPlan& plan, std::int64_t index);

  // A new upload by `caller`; see DocumentUpload.
  std::shared_ptr<DocumentUpload> StartUpload(const Caller& caller) {
    return DocumentUpload::Create(env_, limits_, caller);
  }

  // Discards the staging blobs of uploads a crash cut short; at start-up,
  // before serving. Returns how many.
  Result<std::int64_t> DiscardUnfinishedUploads();

  const DocumentLimits& limits() const { return limits_; }

 private:
  DomainEnv env_;
  DocumentLimits limits_;
};

}  // namespace biopolis
