#include "services/api/extract_handler.h"

#include <mutex>
#include <vector>

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/extract_convert.h"
#include "services/api/handler_support.h"
#include "services/api/status_mapping.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;

grpc::ServerUnaryReactor* RegistryExtractHandler::IssueRegistryExtract(Ctx* ctx,
                                                                       const v1::IssueRegistryExtractRequest* req,
                                                                       v1::RegistryExtract* resp) {
  return gate_.Mutate(
      ctx, methods::kIssueRegistryExtract, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto as_of = AsOfOf(*req);
        if (!as_of.ok()) return reply(as_of.status());
        gate_.domain().extracts.Issue(caller, std::move(meta), req->subject(), *as_of,
                                      EncodeAs<v1::RegistryExtract, RegistryExtractRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* RegistryExtractHandler::GetRegistryExtract(Ctx* ctx, const v1::GetRegistryExtractRequest* req,
                                                                     v1::RegistryExtract* resp) {
  return gate_.Read(ctx, methods::kGetRegistryExtract, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "registryExtracts", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto r, gate_.domain().extracts.Get(caller, id));
    ToProto(r, resp);
    if (req->include_pdf()) {
      BIOPOLIS_ASSIGN_OR_RETURN(auto pdf, gate_.domain().extracts.RenderPdf(r));
      resp->set_pdf(std::move(pdf));
    }
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* RegistryExtractHandler::ListRegistryExtracts(Ctx* ctx,
                                                                       const v1::ListRegistryExtractsRequest* req,
                                                                       v1::ListRegistryExtractsResponse* resp) {
  return gate_.Read(ctx, methods::kListRegistryExtracts, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().extracts.List(caller, ListParamsOf(*req)), resp,
                    [&](const RegistryExtractRecord& r) { ToProto(r, resp->add_registry_extracts()); });
  });
}

grpc::ServerUnaryReactor* PublicRegistryHandler::ListPublicResidents(Ctx* ctx,
                                                                     const v1::ListPublicResidentsRequest* req,
                                                                     v1::ListPublicResidentsResponse* resp) {
  return gate_.Read(ctx, methods::kListPublicResidents, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto as_of, AsOfOf(*req));
    const PublicSearch search{req->name_contains(), req->inn(), req->ogrn()};
    return FillPage(gate_.domain().public_registry.List(caller, ListParamsOf(*req), search, as_of), resp,
                    [&](const PublicEntry& e) { ToProto(e, resp->add_residents()); });
  });
}

grpc::ServerUnaryReactor* PublicRegistryHandler::GetPublicResident(Ctx* ctx, const v1::GetPublicResidentRequest* req,
                                                                   v1::PublicResident* resp) {
  return gate_.Read(ctx, methods::kGetPublicResident, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto as_of, AsOfOf(*req));
    BIOPOLIS_ASSIGN_OR_RETURN(auto e, gate_.domain().public_registry.Get(req->registry_number(), as_of));
    ToProto(e, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* PublicRegistryHandler::GetSigningKeys(Ctx* ctx, const v1::GetSigningKeysRequest* req,
                                                                v1::GetSigningKeysResponse* resp) {
  return gate_.Read(ctx, methods::kGetSigningKeys, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto keys, gate_.domain().extracts.PublicKeys());
    for (std::size_t i = 0; i < keys.size(); ++i) ToProto(keys[i], i + 1 == keys.size(), resp->add_signing_keys());
    BIOPOLIS_ASSIGN_OR_RETURN(auto file, gate_.domain().extracts.PublicKeysFile());
    resp->set_keys_file(std::move(file));
    return Status::Ok();
  });
}

namespace {

// Writes the export's messages one after another: the CSV's pieces, the
// JSON's, then the signed manifest. Deletes itself when done.
class ExportReactor final : public grpc::ServerWriteReactor<v1::ExportPublicRegistryResponse> {
 public:
  ExportReactor(CallGate& gate, grpc::CallbackServerContext* ctx, const v1::ExportPublicRegistryRequest& request)
      : gate_(gate), ctx_(ctx) {
    if (!gate_.TryEnterStream()) {
      FinishWith(CallGate::ServerBusy());
      return;
    }
    entered_ = true;
    Status started = Start(request);
    if (!started.ok()) FinishWith(started);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) return FinishWith(Status(StatusCode::kCancelled, "the client went away during the export"));
    if (next_ >= messages_.size()) return FinishWith(Status::Ok());
    std::lock_guard lock(mu_);
    if (!finished_) StartWrite(&messages_[next_++]);
  }
  void OnCancel() override { FinishWith(Status(StatusCode::kCancelled, "the client cancelled the export")); }
  void OnDone() override {
    if (entered_) gate_.LeaveStream();
    delete this;
  }

 private:
  // Admits the call, builds the export and writes its first message.
  Status Start(const v1::ExportPublicRegistryRequest& request) {
    BIOPOLIS_ASSIGN_OR_RETURN(auto caller, gate_.Admit(ctx_, methods::kExportPublicRegistry, request));
    principal_ = caller.principal;
    BIOPOLIS_ASSIGN_OR_RETURN(auto as_of, AsOfOf(request));
    BIOPOLIS_ASSIGN_OR_RETURN(auto exported, gate_.domain().public_registry.Export(as_of));
    constexpr std::size_t kPiece = 256 * 1024;
    for (const auto& [name, bytes] : {std::pair<const char*, const std::string*>{"public-registry.csv", &exported.csv},
                                      {"public-registry.json", &exported.json}}) {
      for (std::size_t at = 0; at == 0 || at < bytes->size(); at += kPiece) {
        v1::ExportPublicRegistryResponse m;
        m.set_file_name(name);
        m.set_data(bytes->substr(at, kPiece));
        messages_.push_back(std::move(m));
      }
    }
    v1::ExportPublicRegistryResponse last;
    last.set_manifest(exported.manifest);
    last.set_signed_manifest(exported.signed_manifest);
    messages_.push_back(std::move(last));
    StartWrite(&messages_[next_++]);
    return Status::Ok();
  }

  void FinishWith(const Status& status) {
    {
      std::lock_guard lock(mu_);
      if (finished_) return;
      finished_ = true;
    }
    gate_.LogCall(ctx_, methods::kExportPublicRegistry, principal_, start_, status);
    Finish(ToGrpcStatus(status));
  }

  CallGate& gate_;
  grpc::CallbackServerContext* ctx_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::string principal_ = "-";
  std::vector<v1::ExportPublicRegistryResponse> messages_;
  std::size_t next_ = 0;
  std::mutex mu_;
  bool finished_ = false;
  bool entered_ = false;
};

}  // namespace

grpc::ServerWriteReactor<v1::ExportPublicRegistryResponse>* PublicRegistryHandler::ExportPublicRegistry(
    Ctx* ctx, const v1::ExportPublicRegistryRequest* req) {
  return new ExportReactor(gate_, ctx, *req);
}

}  // namespace biopolis
