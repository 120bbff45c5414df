#include "biopolis/documents.h"

#include <fstream>
#include <istream>
#include <ostream>
#include <vector>

#include "call_runner.h"
#include "core/crypto.h"

namespace biopolis::client {

namespace m = v1::methods;

namespace {

// SHA-256 of the rest of `in` from its current position, which is restored.
std::optional<std::string> HashFrom(std::istream& in, std::int64_t* size) {
  const auto start = in.tellg();
  biopolis::Sha256Stream hash;
  std::vector<char> buf(Documents::kChunkBytes);
  std::int64_t total = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = in.gcount();
    if (n <= 0) break;
    hash.Update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    total += n;
  }
  if (in.bad()) return std::nullopt;
  in.clear();
  in.seekg(start);
  if (!in) return std::nullopt;
  *size = total;
  return hash.FinishHex();
}

Error ReadError(const std::string& what) {
  return Error(StatusCode::INVALID_ARGUMENT, "cannot read " + what, "LOCAL_IO");
}

}  // namespace

Result<v1::Document> Documents::UploadStream(v1::UploadDocumentRequest::Metadata metadata, std::istream& in,
                                             bool seekable, const TransferProgress& progress) const {
  std::int64_t total = 0;
  std::streampos start;
  if (seekable) {
    start = in.tellg();
    auto hash = HashFrom(in, &total);
    if (!hash) return ReadError(metadata.file_name());
    metadata.set_expected_sha256(*hash);
  }
  if (metadata.request_id().empty()) metadata.set_request_id(NewRequestId());
  v1::Document response;
  std::vector<char> buf(kChunkBytes);
  auto attempt = [&](const CallContext& context) -> std::optional<Error> {
    if (seekable) {
      in.clear();
      in.seekg(start);
    }
    response.Clear();
    auto stream = runner()->connection().OpenClientStream(m::kUploadDocument, &response, context);
    if (!stream) return Error(StatusCode::UNIMPLEMENTED, "the connection cannot stream uploads");
    v1::UploadDocumentRequest message;
    *message.mutable_metadata() = metadata;
    bool open = stream->Write(message);
    std::int64_t sent = 0;
    while (open && in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      const auto n = in.gcount();
      if (n <= 0) break;
      message.Clear();
      message.set_chunk(buf.data(), static_cast<std::size_t>(n));
      open = stream->Write(message);
      sent += n;
      if (open && progress) progress(sent, total);
    }
    if (in.bad()) {
      // Never let a half-read file pass for a whole one: end the call unfinished.
      stream.reset();
      return ReadError(metadata.file_name());
    }
    return stream->Finish();
  };
  const bool retry = seekable;
  if (auto error = runner()->Retry(call_options(), retry, call_options().deadline.has_value(), attempt)) {
    return *std::move(error);
  }
  return response;
}

Result<v1::Document> Documents::Upload(const std::string& parent, v1::Document::Kind kind,
                                       const std::filesystem::path& path, TransferProgress progress,
                                       std::string file_name) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReadError(path.string());
  v1::UploadDocumentRequest::Metadata metadata;
  metadata.set_parent(parent);
  metadata.set_kind(kind);
  metadata.set_file_name(file_name.empty() ? path.filename().string() : std::move(file_name));
  return UploadStream(std::move(metadata), in, /*seekable=*/true, progress);
}

Result<v1::Document> Documents::Upload(const std::string& parent, v1::Document::Kind kind, std::istream& in,
                                       const std::string& file_name, TransferProgress progress) const {
  v1::UploadDocumentRequest::Metadata metadata;
  metadata.set_parent(parent);
  metadata.set_kind(kind);
  metadata.set_file_name(file_name);
  const bool seekable = in.tellg() != std::streampos(-1);
  if (!seekable) in.clear();
  return UploadStream(std::move(metadata), in, seekable, progress);
}

Result<v1::Document> Documents::UploadVersion(const std::string& document, const std::filesystem::path& path,
                                              TransferProgress progress, std::string file_name) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReadError(path.string());
  v1::UploadDocumentRequest::Metadata metadata;
  metadata.set_document(document);
  metadata.set_file_name(file_name.empty() ? path.filename().string() : std::move(file_name));
  return UploadStream(std::move(metadata), in, /*seekable=*/true, progress);
}

Result<v1::DocumentVersion> Documents::Download(const std::string& name, std::ostream& out,
                                                TransferProgress progress) const {
  v1::DownloadDocumentRequest req;
  req.set_name(name);
  v1::DocumentVersion version;
  std::optional<biopolis::Sha256Stream> hash;
  std::int64_t received = 0;
  auto attempt = [&](const CallContext& context) -> std::optional<Error> {
    auto stream = runner()->connection().OpenServerStream(m::kDownloadDocument, req, context);
    if (!stream) return Error(StatusCode::UNIMPLEMENTED, "the connection cannot stream downloads");
    hash.emplace();
    v1::DownloadDocumentResponse message;
    while (stream->Read(&message)) {
      if (message.has_metadata()) {
        version = message.metadata();
        continue;
      }
      hash->Update(message.chunk());
      out.write(message.chunk().data(), static_cast<std::streamsize>(message.chunk().size()));
      if (!out) return Error(StatusCode::INTERNAL, "cannot write the downloaded bytes", "LOCAL_IO");
      received += static_cast<std::int64_t>(message.chunk().size());
      if (progress) progress(received, version.size_bytes());
    }
    return stream->Finish();
  };
  // Another attempt only while nothing was written: bytes in `out` cannot be taken back.
  if (auto error = runner()->Retry(call_options(), /*retry=*/true, call_options().deadline.has_value(), attempt,
                                   [&] { return received == 0; })) {
    return *std::move(error);
  }
  const std::string got = hash->FinishHex();
  if (received != version.size_bytes() || got != version.sha256()) {
    return Error(StatusCode::DATA_LOSS,
                 "the bytes received (" + std::to_string(received) + ", sha256 " + got + ") are not the version's (" +
                     std::to_string(version.size_bytes()) + ", sha256 " + version.sha256() + ")",
                 "SHA256_MISMATCH");
  }
  return version;
}

Result<v1::Document> Documents::Get(const std::string& name) const {
  v1::GetDocumentRequest req;
  req.set_name(name);
  return Call<v1::Document>(m::kGetDocument, req);
}

Pager<v1::Document> Documents::List(const std::string& parent, const ListOptions& options) const {
  v1::ListDocumentsRequest req;
  req.set_parent(parent);
  return Paged<v1::Document, v1::ListDocumentsResponse>(
      m::kListDocuments, req, options, [](const v1::ListDocumentsResponse& r) -> const auto& { return r.documents(); });
}

Pager<v1::DocumentVersion> Documents::ListVersions(const std::string& name, const ListOptions& options) const {
  v1::ListDocumentVersionsRequest req;
  req.set_name(name);
  return Paged<v1::DocumentVersion, v1::ListDocumentVersionsResponse>(
      m::kListDocumentVersions, req, options,
      [](const v1::ListDocumentVersionsResponse& r) -> const auto& { return r.versions(); });
}

Result<v1::Document> Documents::Delete(const std::string& name, std::string request_id) const {
  v1::DeleteDocumentRequest req;
  req.set_name(name);
  req.set_request_id(std::move(request_id));
  return Call<v1::Document>(m::kDeleteDocument, req);
}

}  // namespace biopolis::client
