// The two streaming calls of DocumentService as callback reactors: an upload
// (client-streaming) drives a DocumentUpload message by message, reading the
// next message only when the upload can take it, so a client cannot push
// more than the upload's window into the server's memory; a download
// (server-streaming) reads one stored chunk at a time and writes the next
// only when the previous left. Each ends exactly once, logged by the gate.
//
// Thread-safety: gRPC serialises a reactor's callbacks; the upload's
// completions (from the store's thread) go through the same guarded paths.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>

#include "biopolis/v1/documents.grpc.pb.h"
#include "services/api/call_gate.h"

namespace biopolis {

class UploadReactor final : public grpc::ServerReadReactor<v1::UploadDocumentRequest> {
 public:
  // Admits the call and starts reading; the reactor deletes itself when done.
  UploadReactor(CallGate& gate, grpc::CallbackServerContext* ctx, v1::Document* response);

  void OnReadDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  void OnMetadata();
  // Reads the next message unless the call has ended.
  void ReadNext();
  // Ends the call once; `reply` (an encoded Document) fills the response.
  void FinishWith(const Status& status, const std::string* reply = nullptr);
  // Wraps a completion the upload calls later (from the store's thread): the
  // reactor is deleted only once gRPC is done with it and no such completion
  // is pending.
  template <typename... Args>
  std::function<void(Args...)> Pending(std::type_identity_t<std::function<void(Args...)>> fn);
  // Deletes the reactor when gRPC is done and nothing is pending; mu_ held.
  bool Reclaimable() const { return done_ && pending_ == 0; }

  CallGate& gate_;
  grpc::CallbackServerContext* ctx_;
  v1::Document* response_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::string principal_ = "-";
  std::string request_id_;
  std::shared_ptr<DocumentUpload> upload_;
  v1::UploadDocumentRequest message_;
  bool began_ = false;
  std::mutex mu_;
  bool finished_ = false;
  bool succeeded_ = false;
  bool done_ = false;
  int pending_ = 0;
  // Holds a concurrency slot of the gate (given back in OnDone).
  bool entered_ = false;
};

class DownloadReactor final : public grpc::ServerWriteReactor<v1::DownloadDocumentResponse> {
 public:
  // Admits the call, finds the version and writes its metadata; the reactor
  // deletes itself when done.
  DownloadReactor(CallGate& gate, grpc::CallbackServerContext* ctx, const v1::DownloadDocumentRequest& request);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  void FinishWith(const Status& status);

  CallGate& gate_;
  grpc::CallbackServerContext* ctx_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::string principal_ = "-";
  DownloadPlan plan_;
  std::int64_t next_chunk_ = 0;
  v1::DownloadDocumentResponse message_;
  std::mutex mu_;
  bool finished_ = false;
  bool entered_ = false;
};

}  // namespace biopolis
