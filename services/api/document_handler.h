// gRPC adapter of DocumentService over DocumentLibrary (the streaming calls'
// reactors are in document_transfer.h).
#pragma once

#include "biopolis/v1/documents.grpc.pb.h"
#include "services/api/call_gate.h"

namespace biopolis {

class DocumentHandler final : public v1::DocumentService::CallbackService {
 public:
  explicit DocumentHandler(CallGate& gate) : gate_(gate) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  grpc::ServerReadReactor<v1::UploadDocumentRequest>* UploadDocument(Ctx* ctx, v1::Document* resp) override;
  grpc::ServerWriteReactor<v1::DownloadDocumentResponse>* DownloadDocument(
      Ctx* ctx, const v1::DownloadDocumentRequest* req) override;
  Reactor* GetDocument(Ctx* ctx, const v1::GetDocumentRequest* req, v1::Document* resp) override;
  Reactor* ListDocuments(Ctx* ctx, const v1::ListDocumentsRequest* req, v1::ListDocumentsResponse* resp) override;
  Reactor* ListDocumentVersions(Ctx* ctx, const v1::ListDocumentVersionsRequest* req,
                                v1::ListDocumentVersionsResponse* resp) override;
  Reactor* DeleteDocument(Ctx* ctx, const v1::DeleteDocumentRequest* req, v1::Document* resp) override;

 private:
  CallGate& gate_;
};

}  // namespace biopolis
