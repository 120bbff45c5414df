#include "services/documents/document_library.h"

#include "services/documents/document_seam.h"

namespace biopolis {
namespace {

// The document `ref` names, visible to `caller` (NOT_FOUND otherwise, and
// when it belongs to another parent than the name says).
Result<DocumentRecord> LoadDocument(Transaction& tx, const Caller& caller, const DocumentRef& ref) {
  auto doc = tx.documents().Get(ref.id);
  if (!doc || !(doc->parent == ref.parent) || !caller.MaySee(doc->organization_id)) {
    return Status::NotFound(DocumentName(ref.parent, ref.id));
  }
  return *doc;
}

void DeleteDocument(CommandContext& ctx, const DocumentRecord& doc) {
  for (auto blob : ctx.tx().documents().Delete(doc.id)) ctx.tx().blobs().DeleteIfUnreferenced(blob);
  ctx.Record(DocumentName(doc.parent, doc.id), doc.organization_id, "document.deleted",
             std::string(DocumentKindName(doc.kind)) + " \"" + doc.current.file_name + "\", " +
                 std::to_string(doc.current.version) + " version(s), last sha256 " + doc.current.sha256);
}

}  // namespace

Result<DocumentRecord> DocumentLibrary::Get(const Caller& caller, const DocumentRef& ref) {
  return ReadValue<DocumentRecord>(env_.store, [&](Transaction& tx) { return LoadDocument(tx, caller, ref); });
}

Result<Page<DocumentRecord>> DocumentLibrary::List(const Caller& caller, const DocumentParent& parent,
                                                   const ListParams& params) {
  static const ListSpec kSpec{{{"kind", FieldType::kEnum, kDocumentKinds.FilterValues(), ""}}, {"id"}, "id", false};
  return ReadPage<DocumentRecord>(env_, caller, "ListDocuments|" + DocumentParentName(parent), kSpec, params,
                                  ListVisibility::kEveryone,
                                  [&](Transaction& tx, const ListQuery& q) -> Result<Page<DocumentRecord>> {
                                    BIOPOLIS_RETURN_IF_ERROR(LoadDocumentParent(tx, caller, parent).status());
                                    return tx.documents().List(parent, q);
                                  });
}

Result<Page<DocumentVersionRecord>> DocumentLibrary::ListVersions(const Caller& caller, const DocumentRef& ref,
                                                                  const ListParams& params) {
  static const ListSpec kSpec{{}, {"version"}, "version", false};
  return ReadPage<DocumentVersionRecord>(
      env_, caller, "ListDocumentVersions|" + DocumentName(ref.parent, ref.id), kSpec, params,
      ListVisibility::kEveryone, [&](Transaction& tx, const ListQuery& q) -> Result<Page<DocumentVersionRecord>> {
        BIOPOLIS_RETURN_IF_ERROR(LoadDocument(tx, caller, ref).status());
        return tx.documents().ListVersions(ref.id, q);
      });
}

void DocumentLibrary::Delete(const Caller& caller, CommandMeta meta, const DocumentRef& ref,
                             Encoder<DocumentRecord> encode, Reply reply) {
  env_.commands.Run<DocumentRecord>(
      caller, std::move(meta),
      [ref](CommandContext& ctx) -> Result<DocumentRecord> {
        BIOPOLIS_ASSIGN_OR_RETURN(auto doc, LoadDocument(ctx.tx(), ctx.caller(), ref));
        BIOPOLIS_ASSIGN_OR_RETURN(auto parent, LoadDocumentParent(ctx.tx(), ctx.caller(), ref.parent));
        if (!parent.rules.allows_deletion) {
          return Status::WrongState(parent.name, parent.state_name,
                                    "its documents can be deleted only while it is a draft or answers an open "
                                    "information request: they are the record of what was submitted");
        }
        DeleteDocument(ctx, doc);
        return doc;
      },
      std::move(encode), std::move(reply));
}

Result<DownloadPlan> DocumentLibrary::OpenDownload(const Caller& caller, const DocumentRef& ref) {
  return ReadValue<DownloadPlan>(env_.store, [&](Transaction& tx) -> Result<DownloadPlan> {
    BIOPOLIS_ASSIGN_OR_RETURN(auto doc, LoadDocument(tx, caller, ref));
    DownloadPlan plan{doc, doc.current, 0};
    if (ref.version != 0) {
      auto v = tx.documents().GetVersion(ref.id, ref.version);
      if (!v) return Status::NotFound(DocumentName(ref.parent, ref.id) + "/versions/" + std::to_string(ref.version));
      plan.version = *v;
    }
    auto blob = tx.blobs().Get(plan.version.blob_id);
    if (!blob || !blob->sealed) {
      return Status(StatusCode::kDataLoss, "the bytes of " + DocumentName(ref.parent, ref.id) + " are missing",
                    "DOCUMENT_BYTES_MISSING");
    }
    plan.chunk_count = blob->chunk_count;
    return plan;
  });
}

Result<std::string> DocumentLibrary::ReadChunk(const DownloadPlan& plan, std::int64_t index) {
  return ReadValue<std::string>(env_.store, [&](Transaction& tx) -> Result<std::string> {
    auto chunk = tx.blobs().ReadChunk(plan.version.blob_id, index);
    if (!chunk) {
      // Deleted while it was being sent (the document was deleted).
      return Status::NotFound(DocumentName(plan.document.parent, plan.document.id));
    }
    return std::move(*chunk);
  });
}

Result<std::int64_t> DocumentLibrary::DiscardUnfinishedUploads() {
  auto count = std::make_shared<std::int64_t>(0);
  Status st = env_.store.WriteAndWait([count](Transaction& tx) -> Status {
    *count = tx.blobs().DiscardAllStaging();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *count;
}

namespace document_seam {

std::vector<DocumentKind> MissingKinds(Transaction& tx, const DocumentParent& parent,
                                       const std::vector<DocumentKind>& required) {
  if (required.empty()) return {};
  return ::biopolis::MissingKinds(required, tx.documents().KindsOf(parent));
}

void DeleteDocumentsOf(CommandContext& ctx, const DocumentParent& parent) {
  for (auto id : ctx.tx().documents().IdsOf(parent)) {
    if (auto doc = ctx.tx().documents().Get(id)) DeleteDocument(ctx, *doc);
  }
}

}  // namespace document_seam
}  // namespace biopolis
