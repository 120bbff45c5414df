// Documents (DocumentService): the evidence attached to applications,
// reports, support requests and service requests.
//
//   biopolis::client::Documents docs(options);
//   auto doc = docs.Upload("applications/3", v1::Document::KIND_BUSINESS_PLAN, "plan.pdf",
//                          [](std::int64_t sent, std::int64_t total) { /* progress */ });
//   std::ofstream out("copy.pdf", std::ios::binary);
//   auto version = docs.Download(doc->name(), out);   // checks the SHA-256 of what arrived
//
// Uploads stream the file in 1 MiB messages and never hold it whole in
// memory. An upload from a file (or a seekable stream) is hashed first and
// carries one request_id across attempts: when an attempt fails on the way
// (UNAVAILABLE, DEADLINE_EXCEEDED, a busy server), the next sends the file
// again and the server stores it once; an attempt after a success that was
// lost on the way back is answered at once, without resending.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>

#include "biopolis/service_client.h"
#include "biopolis/v1/documents.pb.h"

namespace biopolis::client {

// Bytes transferred so far and the total (0 when unknown). Called after
// each message, on the calling thread.
using TransferProgress = std::function<void(std::int64_t done, std::int64_t total)>;

class Documents : public ServiceClient<Documents> {
 public:
  using ServiceClient::ServiceClient;

  // Bytes per upload message (the API's maximum).
  static constexpr std::size_t kChunkBytes = 1 << 20;

  // Uploads the file at `path` as a new document of `parent`
  // ("applications/3", "reports/5", "supportRequests/7", "serviceRequests/9"),
  // named as the file unless `file_name` is given.
  Result<v1::Document> Upload(const std::string& parent, v1::Document::Kind kind, const std::filesystem::path& path,
                              TransferProgress progress = {}, std::string file_name = {}) const;
  // The same from a stream. A seekable stream is hashed first and retried
  // like a file; a stream that cannot seek is sent in one attempt.
  Result<v1::Document> Upload(const std::string& parent, v1::Document::Kind kind, std::istream& in,
                              const std::string& file_name, TransferProgress progress = {}) const;
  // A new version of `document` ("applications/3/documents/7").
  Result<v1::Document> UploadVersion(const std::string& document, const std::filesystem::path& path,
                                     TransferProgress progress = {}, std::string file_name = {}) const;

  // Writes the bytes of `name` (a document: its current version; or
  // ".../versions/N") to `out` and returns the version's facts. The SHA-256
  // of what arrived is checked against the version's (DATA_LOSS, reason
  // SHA256_MISMATCH, if they differ). A failure before the first byte is
  // retried like any read; after it, not (bytes written to `out` cannot be
  // taken back): download again into a fresh stream.
  Result<v1::DocumentVersion> Download(const std::string& name, std::ostream& out,
                                       TransferProgress progress = {}) const;

  Result<v1::Document> Get(const std::string& name) const;
  // ListOptions().Filter("kind = KIND_INVOICE").
  Pager<v1::Document> List(const std::string& parent, const ListOptions& options = {}) const;
  Pager<v1::DocumentVersion> ListVersions(const std::string& name, const ListOptions& options = {}) const;
  // Deletes a document with all its versions (only while its parent is a draft
  // or answers an open information request).
  Result<v1::Document> Delete(const std::string& name, std::string request_id = "") const;

 private:
  Result<v1::Document> UploadStream(v1::UploadDocumentRequest::Metadata metadata, std::istream& in, bool seekable,
                                    const TransferProgress& progress) const;
};

}  // namespace biopolis::client
