#include "services/api/document_transfer.h"

#include "biopolis/v1/method_paths.h"
#include "services/api/document_convert.h"
#include "services/api/handler_support.h"
#include "services/api/status_mapping.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;

template <typename... Args>
std::function<void(Args...)> UploadReactor::Pending(std::type_identity_t<std::function<void(Args...)>> fn) {
  {
    std::lock_guard lock(mu_);
    ++pending_;
  }
  return [this, fn = std::move(fn)](Args... args) {
    fn(std::forward<Args>(args)...);
    bool reclaim;
    {
      std::lock_guard lock(mu_);
      --pending_;
      reclaim = Reclaimable();
    }
    if (reclaim) delete this;
  };
}

UploadReactor::UploadReactor(CallGate& gate, grpc::CallbackServerContext* ctx, v1::Document* response)
    : gate_(gate), ctx_(ctx), response_(response) {
  if (!gate_.TryEnterStream()) {
    FinishWith(CallGate::ServerBusy());
    return;
  }
  entered_ = true;
  auto caller = gate_.Admit(ctx, methods::kUploadDocument, v1::UploadDocumentRequest());
  if (!caller.ok()) {
    FinishWith(caller.status());
    return;
  }
  principal_ = caller->principal;
  upload_ = gate_.domain().documents.StartUpload(*caller);
  StartRead(&message_);
}

void UploadReactor::OnMetadata() {
  const auto& m = message_.metadata();
  UploadMetadata meta;
  FieldErrors errors;
  if (!m.parent().empty() && !m.document().empty()) {
    errors.Add("metadata.document", "set `parent` for a new document or `document` for a new version, not both",
               "CONFLICTING_FIELDS");
  } else if (!m.document().empty()) {
    auto ref = ParseDocumentName(m.document(), "metadata.document");
    if (ref.ok()) {
      meta.parent = ref->parent;
      meta.document_id = ref->id;
    } else {
      errors.Append(ref.status().field_violations());
    }
  } else {
    auto parent = ParseDocumentParent(m.parent(), "metadata.parent");
    if (parent.ok()) {
      meta.parent = *parent;
    } else {
      errors.Append(parent.status().field_violations());
    }
  }
  meta.kind = static_cast<DocumentKind>(m.kind());
  meta.file_name = m.file_name();
  meta.expected_sha256 = m.expected_sha256();
  meta.request_id = m.request_id();
  request_id_ = m.request_id();
  if (!errors.empty()) {
    FinishWith(errors.ToStatus());
    return;
  }
  upload_->Begin(std::move(meta),
                 Pending<Status, std::optional<std::string>>([this](Status st, std::optional<std::string> prior) {
                   if (!st.ok()) return FinishWith(st);
                   if (prior) {
                     // The same upload completed before: its answer, nothing stored again.
                     return FinishWith(Status::Ok(), &*prior);
                   }
                   began_ = true;
                   ReadNext();
                 }));
}

void UploadReactor::OnReadDone(bool ok) {
  if (!ok) {
    // The client closed its side: the file is complete (or never began).
    if (!began_) {
      return FinishWith(Status::InvalidField("metadata",
                                             "no metadata arrived: the stream ended first, or its first message could "
                                             "not be parsed (string fields must be valid UTF-8)",
                                             "METADATA_REQUIRED"));
    }
    // A stream cut by the client (cancelled, its process gone) also ends the
    // reads: that is an abandoned upload, never a complete file.
    if (ctx_->IsCancelled()) return FinishWith(Status(StatusCode::kCancelled, "the client cancelled the upload"));
    upload_->Finish(EncodeAs<v1::Document, DocumentRecord>(),
                    Pending<Result<std::string>>([this](Result<std::string> reply) {
                      if (!reply.ok()) return FinishWith(reply.status());
                      FinishWith(Status::Ok(), &*reply);
                    }));
    return;
  }
  if (!began_) {
    if (!message_.has_metadata()) {
      return FinishWith(Status::InvalidField(
          "metadata", "the first message must carry the metadata (parent or document, kind, file_name)",
          "METADATA_REQUIRED"));
    }
    return OnMetadata();
  }
  if (message_.has_metadata()) {
    return FinishWith(
        Status::InvalidField("metadata", "the metadata comes once, in the first message only", "METADATA_REPEATED"));
  }
  upload_->Append(message_.chunk(), Pending<Status>([this](Status st) {
                    if (!st.ok()) return FinishWith(st);
                    ReadNext();
                  }));
}

void UploadReactor::ReadNext() {
  std::lock_guard lock(mu_);
  if (!finished_) StartRead(&message_);
}

void UploadReactor::FinishWith(const Status& status, const std::string* reply) {
  {
    std::lock_guard lock(mu_);
    if (finished_) return;
    finished_ = true;
    succeeded_ = status.ok();
    // gRPC owns the response and frees it once the call ends: filled only
    // here, before Finish, never after a cancellation finished the call.
    if (reply != nullptr) response_->ParseFromString(*reply);
  }
  if (!status.ok() && upload_) upload_->Abort();
  gate_.LogCall(ctx_, methods::kUploadDocument, principal_, start_, status, request_id_);
  Finish(ToGrpcStatus(status));
}

void UploadReactor::OnCancel() { FinishWith(Status(StatusCode::kCancelled, "the client cancelled the upload")); }

void UploadReactor::OnDone() {
  bool succeeded, reclaim;
  {
    std::lock_guard lock(mu_);
    succeeded = succeeded_;
    done_ = true;
    reclaim = Reclaimable();
  }
  if (!succeeded && upload_) upload_->Abort();
  if (entered_) gate_.LeaveStream();
  if (reclaim) delete this;
}

DownloadReactor::DownloadReactor(CallGate& gate, grpc::CallbackServerContext* ctx,
                                 const v1::DownloadDocumentRequest& request)
    : gate_(gate), ctx_(ctx) {
  if (!gate_.TryEnterStream()) {
    FinishWith(CallGate::ServerBusy());
    return;
  }
  entered_ = true;
  auto caller = gate_.Admit(ctx, methods::kDownloadDocument, request);
  if (!caller.ok()) {
    FinishWith(caller.status());
    return;
  }
  principal_ = caller->principal;
  auto ref = ParseDocumentName(request.name(), "name", /*allow_version=*/true);
  if (!ref.ok()) {
    FinishWith(ref.status());
    return;
  }
  auto plan = gate_.domain().documents.OpenDownload(*caller, *ref);
  if (!plan.ok()) {
    FinishWith(plan.status());
    return;
  }
  plan_ = std::move(*plan);
  ToProto(plan_.version, plan_.document.parent, message_.mutable_metadata());
  StartWrite(&message_);
}

void DownloadReactor::OnWriteDone(bool ok) {
  if (!ok) return FinishWith(Status(StatusCode::kCancelled, "the client went away during the download"));
  if (next_chunk_ >= plan_.chunk_count) return FinishWith(Status::Ok());
  auto chunk = gate_.domain().documents.ReadChunk(plan_, next_chunk_++);
  if (!chunk.ok()) return FinishWith(chunk.status());
  message_.Clear();
  *message_.mutable_chunk() = std::move(*chunk);
  std::lock_guard lock(mu_);
  if (!finished_) StartWrite(&message_);
}

void DownloadReactor::FinishWith(const Status& status) {
  {
    std::lock_guard lock(mu_);
    if (finished_) return;
    finished_ = true;
  }
  gate_.LogCall(ctx_, methods::kDownloadDocument, principal_, start_, status);
  Finish(ToGrpcStatus(status));
}

void DownloadReactor::OnCancel() { FinishWith(Status(StatusCode::kCancelled, "the client cancelled the download")); }

void DownloadReactor::OnDone() {
  if (entered_) gate_.LeaveStream();
  delete this;
}

}  // namespace biopolis
