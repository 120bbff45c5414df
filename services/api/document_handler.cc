#include "services/api/document_handler.h"

#include "biopolis/v1/method_paths.h"
#include "services/api/document_convert.h"
#include "services/api/document_transfer.h"
#include "services/api/handler_support.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;

grpc::ServerReadReactor<v1::UploadDocumentRequest>* DocumentHandler::UploadDocument(Ctx* ctx, v1::Document* resp) {
  return new UploadReactor(gate_, ctx, resp);
}

grpc::ServerWriteReactor<v1::DownloadDocumentResponse>* DocumentHandler::DownloadDocument(
    Ctx* ctx, const v1::DownloadDocumentRequest* req) {
  return new DownloadReactor(gate_, ctx, *req);
}

grpc::ServerUnaryReactor* DocumentHandler::GetDocument(Ctx* ctx, const v1::GetDocumentRequest* req,
                                                       v1::Document* resp) {
  return gate_.Read(ctx, methods::kGetDocument, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto ref, ParseDocumentName(req->name(), "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto doc, gate_.domain().documents.Get(caller, ref));
    ToProto(doc, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* DocumentHandler::ListDocuments(Ctx* ctx, const v1::ListDocumentsRequest* req,
                                                         v1::ListDocumentsResponse* resp) {
  return gate_.Read(ctx, methods::kListDocuments, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto parent, ParseDocumentParent(req->parent(), "parent"));
    return FillPage(gate_.domain().documents.List(caller, parent, ListParamsOf(*req)), resp,
                    [&](const DocumentRecord& r) { ToProto(r, resp->add_documents()); });
  });
}

grpc::ServerUnaryReactor* DocumentHandler::ListDocumentVersions(Ctx* ctx, const v1::ListDocumentVersionsRequest* req,
                                                                v1::ListDocumentVersionsResponse* resp) {
  return gate_.Read(ctx, methods::kListDocumentVersions, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto ref, ParseDocumentName(req->name(), "name"));
    return FillPage(gate_.domain().documents.ListVersions(caller, ref, ListParamsOf(*req)), resp,
                    [&](const DocumentVersionRecord& v) { ToProto(v, ref.parent, resp->add_versions()); });
  });
}

grpc::ServerUnaryReactor* DocumentHandler::DeleteDocument(Ctx* ctx, const v1::DeleteDocumentRequest* req,
                                                          v1::Document* resp) {
  return gate_.Mutate(ctx, methods::kDeleteDocument, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        auto ref = ParseDocumentName(req->name(), "name");
                        if (!ref.ok()) return reply(ref.status());
                        gate_.domain().documents.Delete(caller, std::move(meta), *ref,
                                                        EncodeAs<v1::Document, DocumentRecord>(), std::move(reply));
                      });
}

}  // namespace biopolis
