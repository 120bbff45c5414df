#include "services/documents/document_upload.h"

#include <cctype>

#include "services/documents/document_parents.h"

namespace biopolis {
namespace {

constexpr char kUploadAction[] = "UploadDocument";

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

Status CheckMetadata(const UploadMetadata& m) {
  FieldErrors errors;
  if (m.document_id == 0 && m.kind == DocumentKind::kUnspecified) {
    errors.Add("metadata.kind", "is required for a new document (KIND_BUSINESS_PLAN, ...)", "FIELD_REQUIRED");
  } else if (std::string_view(DocumentKindName(m.kind)) == "KIND_UNSPECIFIED" && m.kind != DocumentKind::kUnspecified) {
    errors.Add("metadata.kind", "is not a known document kind", "INVALID_ENUM_VALUE");
  }
  errors.Append(CheckFileName(m.file_name, "metadata.file_name"));
  if (!m.expected_sha256.empty() && !IsSha256Hex(m.expected_sha256)) {
    errors.Add("metadata.expected_sha256", "must be 64 lowercase hex digits", "INVALID_SHA256");
  }
  return errors.ToStatus();
}

// The idempotency fingerprint of an upload: its metadata and its content's hash.
std::string UploadFingerprint(const UploadMetadata& m, const std::string& sha256) {
  return Sha256Hex(std::string(kUploadAction) + '\n' + DocumentParentName(m.parent) + '\n' +
                   std::to_string(m.document_id) + '\n' + std::to_string(static_cast<int>(m.kind)) + '\n' +
                   m.file_name + '\n' + sha256);
}

// Queues the deletion of a staging blob (a no-op once it is sealed or gone);
// nobody waits for it: start-up discards whatever a crash leaves.
void DiscardStaged(Store& store, std::int64_t blob) {
  store.Write(
      [blob](Transaction& tx) -> Status {
        tx.blobs().DiscardStaging(blob);
        return Status::Ok();
      },
      [](const Status&) {});
}

}  // namespace

DocumentUpload::DocumentUpload(DomainEnv env, DocumentLimits limits, Caller caller)
    : env_(env), limits_(limits), caller_(std::move(caller)) {}

std::shared_ptr<DocumentUpload> DocumentUpload::Create(DomainEnv env, DocumentLimits limits, Caller caller) {
  return std::shared_ptr<DocumentUpload>(new DocumentUpload(env, limits, std::move(caller)));
}

std::int64_t DocumentUpload::bytes_received() const {
  std::lock_guard lock(mu_);
  return received_;
}

void DocumentUpload::Begin(UploadMetadata meta, BeginDone done) {
  Status valid = CheckMetadata(meta);
  if (!valid.ok()) return done(valid, std::nullopt);
  struct Checked {
    std::int64_t organization_id = 0;
    std::int64_t used = 0;
    std::optional<std::string> prior;
    bool already_stored = false;
  };
  const Caller caller = caller_;
  auto checked = ReadValue<Checked>(env_.store, [&](Transaction& tx) -> Result<Checked> {
    BIOPOLIS_ASSIGN_OR_RETURN(auto parent, LoadDocumentParent(tx, caller, meta.parent));
    if (meta.document_id != 0) {
      auto doc = tx.documents().Get(meta.document_id);
      if (!doc || !(doc->parent == meta.parent)) {
        return Status::NotFound(DocumentName(meta.parent, meta.document_id));
      }
      if (meta.kind != DocumentKind::kUnspecified && meta.kind != doc->kind) {
        return Status::InvalidField(
            "metadata.kind",
            std::string("a new version keeps the document's kind ") + DocumentKindName(doc->kind) + "; leave it unset",
            "DOCUMENT_KIND_MISMATCH");
      }
      meta.kind = doc->kind;
    }
    if (!parent.rules.takes_uploads) {
      return Status::WrongState(parent.name, parent.state_name, "it takes no documents in this state");
    }
    Checked out{parent.organization_id, tx.blobs().BytesUsed(parent.organization_id), std::nullopt, false};
    // Content the organization already has costs no quota (checked again at the end).
    out.already_stored = !meta.expected_sha256.empty() &&
                         tx.blobs().FindSealed(parent.organization_id, meta.expected_sha256).has_value();
    if (out.used >= limits_.organization_quota_bytes && !out.already_stored) {
      return Status::ResourceExhausted("the organization's documents take " + std::to_string(out.used) +
                                           " bytes, its quota is " + std::to_string(limits_.organization_quota_bytes) +
                                           "; delete documents or ask the zone to raise the quota",
                                       "DOCUMENT_QUOTA_EXCEEDED");
    }
    // A retried upload whose first attempt completed: its reply, without
    // taking the bytes again (only when the client named the hash, which
    // completes the fingerprint before any byte arrives).
    if (!meta.request_id.empty() && !meta.expected_sha256.empty()) {
      if (auto prior = tx.journal().FindRequest(caller.principal, meta.request_id)) {
        if (prior->fingerprint != UploadFingerprint(meta, meta.expected_sha256)) {
          return Status::InvalidField("metadata.request_id", "was already used for a different request; use a new UUID",
                                      "REQUEST_ID_REUSED");
        }
        out.prior = prior->response;
      }
    }
    return out;
  });
  if (!checked.ok()) return done(checked.status(), std::nullopt);
  if (checked->prior) return done(Status::Ok(), std::move(checked->prior));
  if (!meta.request_id.empty() && !IsUuid(meta.request_id)) {
    return done(Status::InvalidField("metadata.request_id", "must be a UUID, e.g. 123e4567-e89b-42d3-a456-426614174000",
                                     "INVALID_REQUEST_ID"),
                std::nullopt);
  }
  {
    std::lock_guard lock(mu_);
    meta_ = std::move(meta);
    organization_id_ = checked->organization_id;
    quota_used_at_begin_ = checked->already_stored ? 0 : checked->used;
  }
  auto blob = std::make_shared<std::int64_t>(0);
  const std::int64_t org = checked->organization_id;
  const TimeMicros now = env_.clock.Now();
  env_.store.Write(
      [blob, org, now](Transaction& tx) -> Status {
        *blob = tx.blobs().BeginStaging(org, now);
        return Status::Ok();
      },
      [self = shared_from_this(), blob, done = std::move(done)](const Status& st) {
        if (st.ok()) {
          std::lock_guard lock(self->mu_);
          self->blob_id_ = *blob;
        }
        done(st, std::nullopt);
      });
}

Status DocumentUpload::CheckSniffed() {
  if (content_type_) return Status::Ok();
  SniffedType sniffed = SniffContent(head_);
  auto allowed = AllowedContentType(sniffed, meta_.file_name);
  if (!allowed) {
    return Status::InvalidField("chunk",
                                "the file's content is " + sniffed.mime +
                                    " (sniffed from its bytes); allowed: PDF, PNG, JPEG, TIFF, DOCX, XLSX, ODT, ODS, "
                                    "and detached signatures (.sig, .p7s)",
                                "CONTENT_TYPE_NOT_ALLOWED");
  }
  content_type_ = *allowed;
  head_.clear();
  head_.shrink_to_fit();
  return Status::Ok();
}

Status DocumentUpload::Fail(Status status) {
  // mu_ held by the caller.
  if (error_.ok()) error_ = status;
  return error_;
}

void DocumentUpload::Append(std::string_view bytes, std::function<void(Status)> ready) {
  Status outcome;
  {
    std::lock_guard lock(mu_);
    if (!error_.ok()) {
      outcome = error_;
    } else if (finished_ || blob_id_ == 0) {
      outcome = Fail(Status::Internal("chunk outside an open upload"));
    } else if (bytes.size() > kMaxUploadChunkBytes) {
      outcome = Fail(Status::InvalidField("chunk",
                                          "is " + std::to_string(bytes.size()) + " bytes; send at most " +
                                              std::to_string(kMaxUploadChunkBytes) + " bytes a message",
                                          "CHUNK_TOO_LARGE"));
    } else if (received_ + static_cast<std::int64_t>(bytes.size()) > limits_.max_document_bytes) {
      outcome = Fail(Status::InvalidField(
          "chunk", "the document exceeds the limit of " + std::to_string(limits_.max_document_bytes) + " bytes",
          "DOCUMENT_TOO_LARGE"));
    } else if (quota_used_at_begin_ + received_ + static_cast<std::int64_t>(bytes.size()) >
               limits_.organization_quota_bytes) {
      outcome = Fail(Status::ResourceExhausted("the document would take the organization past its quota of " +
                                                   std::to_string(limits_.organization_quota_bytes) + " bytes",
                                               "DOCUMENT_QUOTA_EXCEEDED"));
    } else {
      received_ += static_cast<std::int64_t>(bytes.size());
      hash_.Update(bytes);
      if (!content_type_) {
        head_.append(bytes.substr(0, kSniffBytes - std::min(kSniffBytes, head_.size())));
        if (head_.size() >= kSniffBytes) {
          Status sniffed = CheckSniffed();
          if (!sniffed.ok()) outcome = Fail(sniffed);
        }
      }
      if (outcome.ok()) {
        buffer_.append(bytes);
        if (buffer_.size() >= kStoredChunkBytes) {
          std::size_t at = 0;
          for (; buffer_.size() - at >= kStoredChunkBytes; at += kStoredChunkBytes) {
            WriteChunk(buffer_.substr(at, kStoredChunkBytes));
          }
          buffer_.erase(0, at);
        }
        if (in_flight_ >= kWindow) {
          waiting_ready_ = std::move(ready);
          return;
        }
      }
    }
  }
  if (!outcome.ok()) Abort();
  ready(outcome);
}

void DocumentUpload::WriteChunk(std::string bytes) {
  // mu_ held by the caller.
  const std::int64_t blob = blob_id_;
  const std::int64_t index = chunks_written_++;
  ++in_flight_;
  auto data = std::make_shared<std::string>(std::move(bytes));
  env_.store.WriteBulk(
      [blob, index, data](Transaction& tx) -> Status {
        if (!tx.blobs().AppendChunk(blob, index, *data)) {
          return Status(StatusCode::kAborted, "the upload was discarded", "UPLOAD_DISCARDED");
        }
        return Status::Ok();
      },
      [self = shared_from_this(), data](const Status& st) {
        std::function<void(Status)> ready;
        std::function<void()> commit;
        Status outcome;
        {
          std::lock_guard lock(self->mu_);
          data->clear();
          --self->in_flight_;
          if (!st.ok()) self->Fail(st);
          outcome = self->error_;
          if (self->waiting_ready_ && (self->in_flight_ < kWindow || !outcome.ok())) {
            ready = std::move(self->waiting_ready_);
            self->waiting_ready_ = nullptr;
          }
          if (self->in_flight_ == 0 && self->commit_when_stored_) {
            commit = std::move(self->commit_when_stored_);
            self->commit_when_stored_ = nullptr;
          }
        }
        if (ready) ready(outcome);
        if (commit) commit();
      });
}

void DocumentUpload::Finish(Encoder<DocumentRecord> encode, Reply reply) {
  std::int64_t blob = 0, size = 0, chunks = 0, org = 0;
  std::string sha, content_type;
  UploadMetadata meta;
  Status failed;
  {
    std::lock_guard lock(mu_);
    if (error_.ok() && (finished_ || blob_id_ == 0)) Fail(Status::Internal("finish outside an open upload"));
    if (error_.ok() && received_ == 0) {
      Fail(Status::InvalidField("chunk", "the file is empty; send its bytes after the metadata", "EMPTY_DOCUMENT"));
    }
    if (error_.ok()) {
      Status sniffed = CheckSniffed();
      if (!sniffed.ok()) Fail(sniffed);
    }
    if (error_.ok()) {
      sha = hash_.FinishHex();
      if (!meta_.expected_sha256.empty() && sha != meta_.expected_sha256) {
        Fail(Status::InvalidField("metadata.expected_sha256",
                                  "the bytes received hash to " + sha + ", not the expected " + meta_.expected_sha256 +
                                      "; nothing was stored",
                                  "SHA256_MISMATCH"));
      }
    }
    failed = error_;
    if (failed.ok()) {
      if (!buffer_.empty()) WriteChunk(std::move(buffer_));
      buffer_.clear();
      blob = blob_id_;
      // From here the unit of work below owns the staging blob.
      blob_id_ = 0;
      size = received_;
      chunks = chunks_written_;
      org = organization_id_;
      content_type = *content_type_;
      meta = meta_;
    }
    finished_ = true;
  }
  if (!failed.ok()) {
    Abort();
    return reply(failed);
  }
  // Bulk chunk writes may still be queued behind ordinary writes: the unit of
  // work that records the document runs once the last of them is stored.
  auto commit = [self = shared_from_this(), meta, sha, blob, size, chunks, org, content_type,
                 encode = std::move(encode), reply = std::move(reply)]() mutable {
    self->Commit(std::move(meta), sha, blob, size, chunks, org, content_type, std::move(encode), std::move(reply));
  };
  {
    std::unique_lock lock(mu_);
    if (in_flight_ > 0) {
      commit_when_stored_ = std::move(commit);
      return;
    }
  }
  commit();
}

void DocumentUpload::Commit(UploadMetadata meta, const std::string& sha, std::int64_t blob, std::int64_t size,
                            std::int64_t chunks, std::int64_t org, const std::string& content_type,
                            Encoder<DocumentRecord> encode, Reply reply) {
  {
    // A chunk that failed to store fails the upload (nothing was recorded).
    std::lock_guard lock(mu_);
    if (!error_.ok()) {
      Status failed = error_;
      DiscardStaged(env_.store, blob);
      return reply(failed);
    }
  }
  CommandMeta command{kUploadAction, meta.request_id, UploadFingerprint(meta, sha)};
  const DocumentLimits limits = limits_;
  Store& store = env_.store;
  env_.commands.Run<DocumentRecord>(
      caller_, std::move(command),
      [=](CommandContext& ctx) -> Result<DocumentRecord> {
        Transaction& tx = ctx.tx();
        auto staged = tx.blobs().Get(blob);
        if (!staged || staged->sealed || staged->size_bytes != size || staged->chunk_count != chunks) {
          return Status(StatusCode::kAborted, "the upload's bytes were not all stored; upload the document again",
                        "UPLOAD_INCOMPLETE");
        }
        BIOPOLIS_ASSIGN_OR_RETURN(auto parent, LoadDocumentParent(tx, ctx.caller(), meta.parent));
        if (!parent.rules.takes_uploads) {
          return Status::WrongState(parent.name, parent.state_name, "it takes no documents in this state");
        }
        std::optional<DocumentRecord> existing;
        if (meta.document_id != 0) {
          existing = tx.documents().Get(meta.document_id);
          if (!existing || !(existing->parent == meta.parent)) {
            return Status::NotFound(DocumentName(meta.parent, meta.document_id));
          }
        }
        std::int64_t blob_used = blob;
        if (auto same = tx.blobs().FindSealed(org, sha)) {
          // Identical content is stored once per organization.
          tx.blobs().DiscardStaging(blob);
          blob_used = same->id;
        } else {
          const std::int64_t used = tx.blobs().BytesUsed(org);
          if (used > limits.organization_quota_bytes) {
            return Status::ResourceExhausted("the document would take the organization past its quota of " +
                                                 std::to_string(limits.organization_quota_bytes) + " bytes",
                                             "DOCUMENT_QUOTA_EXCEEDED");
          }
          tx.blobs().Seal(blob, sha, content_type);
        }
        DocumentVersionRecord v;
        v.blob_id = blob_used;
        v.file_name = meta.file_name;
        v.sha256 = sha;
        v.size_bytes = size;
        v.content_type = content_type;
        v.uploaded_by = ctx.caller().principal;
        v.create_time = ctx.now();
        std::int64_t id = meta.document_id;
        std::string event = "document.uploaded";
        if (existing) {
          v.document_id = id;
          v.version = existing->current.version + 1;
          tx.documents().AddVersion(v);
          event = "document.version_added";
        } else {
          DocumentRecord d;
          d.parent = meta.parent;
          d.organization_id = org;
          d.kind = meta.kind;
          d.create_time = ctx.now();
          v.version = 1;
          d.current = v;
          id = tx.documents().Insert(d);
        }
        auto stored = tx.documents().Get(id);
        if (!stored) return Status::Internal("the document just stored cannot be read back");
        ctx.Record(DocumentName(meta.parent, id), org, event,
                   std::string(DocumentKindName(stored->kind)) + " version " + std::to_string(v.version) + " \"" +
                       v.file_name + "\" " + content_type + ", " + std::to_string(size) + " bytes, sha256 " + sha);
        return *stored;
      },
      std::move(encode),
      [&store, blob, reply = std::move(reply)](Result<std::string> result) {
        // Sealed or reused: a no-op. Refused, or answered from an earlier
        // attempt with the same request_id: the staged bytes go.
        DiscardStaged(store, blob);
        reply(std::move(result));
      });
}

void DocumentUpload::Abort() {
  std::int64_t blob = 0;
  {
    std::lock_guard lock(mu_);
    if (blob_id_ == 0) return;
    blob = blob_id_;
    blob_id_ = 0;
    if (error_.ok() && !finished_) error_ = Status(StatusCode::kCancelled, "the upload was abandoned");
    buffer_.clear();
  }
  DiscardStaged(env_.store, blob);
}

}  // namespace biopolis
