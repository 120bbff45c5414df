#include "services/api/support_handler.h"

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/handler_support.h"
#include "services/api/support_convert.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {}  // namespace

template <typename Request>
grpc::ServerUnaryReactor* SupportHandler::Act(Ctx* ctx, const char* method, const Request& req,
                                              v1::SupportRequest* resp, SupportAction action, SupportActionArgs args) {
  return gate_.Mutate(
      ctx, method, req, resp, [&, action, args](const Caller& caller, CommandMeta meta, Reply reply) mutable {
        auto id = ParseName(req.name(), "supportRequests", "name");
        if (!id.ok()) return reply(id.status());
        gate_.domain().support.Act(caller, std::move(meta), *id, req.etag(), action, std::move(args),
                                   EncodeAs<v1::SupportRequest, SupportRequestRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* SupportHandler::GetSupportMeasure(Ctx* ctx, const v1::GetSupportMeasureRequest* req,
                                                            v1::SupportMeasure* resp) {
  return gate_.Read(ctx, methods::kGetSupportMeasure, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "supportMeasures", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto m, gate_.domain().support.GetMeasure(id));
    ToProto(m, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* SupportHandler::ListSupportMeasures(Ctx* ctx, const v1::ListSupportMeasuresRequest* req,
                                                              v1::ListSupportMeasuresResponse* resp) {
  return gate_.Read(ctx, methods::kListSupportMeasures, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().support.ListMeasures(caller, ListParamsOf(*req), req->open_only()), resp,
                    [&](const SupportMeasureRecord& r) { ToProto(r, resp->add_measures()); });
  });
}

grpc::ServerUnaryReactor* SupportHandler::CreateSupportMeasure(Ctx* ctx, const v1::CreateSupportMeasureRequest* req,
                                                               v1::SupportMeasure* resp) {
  return gate_.Mutate(
      ctx, methods::kCreateSupportMeasure, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        gate_.domain().support.CreateMeasure(caller, std::move(meta), FromProto(req->measure()),
                                             EncodeAs<v1::SupportMeasure, SupportMeasureRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* SupportHandler::UpdateSupportMeasure(Ctx* ctx, const v1::UpdateSupportMeasureRequest* req,
                                                               v1::SupportMeasure* resp) {
  return gate_.Mutate(
      ctx, methods::kUpdateSupportMeasure, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = ParseName(req->measure().name(), "supportMeasures", "measure.name");
        if (!id.ok()) return reply(id.status());
        std::vector<std::string> paths(req->update_mask().paths().begin(), req->update_mask().paths().end());
        gate_.domain().support.UpdateMeasure(caller, std::move(meta), *id, req->measure().etag(),
                                             FromProto(req->measure()), std::move(paths),
                                             EncodeAs<v1::SupportMeasure, SupportMeasureRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* SupportHandler::CheckSupportEligibility(Ctx* ctx,
                                                                  const v1::CheckSupportEligibilityRequest* req,
                                                                  v1::CheckSupportEligibilityResponse* resp) {
  return gate_.Read(ctx, methods::kCheckSupportEligibility, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto measure, ParseName(req->measure(), "supportMeasures", "measure"));
    std::int64_t resident = 0;
    if (!req->resident().empty()) {
      BIOPOLIS_ASSIGN_OR_RETURN(auto r, ParseName(req->resident(), "residents", "resident"));
      resident = r;
    }
    BIOPOLIS_ASSIGN_OR_RETURN(auto violations, gate_.domain().support.CheckEligibility(caller, measure, resident));
    resp->set_eligible(violations.empty());
    for (const auto& v : violations) {
      auto* e = resp->add_violations();
      e->set_reason(v.reason);
      e->set_description(v.description);
    }
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* SupportHandler::GetSupportMeasureStatistics(Ctx* ctx,
                                                                      const v1::GetSupportMeasureStatisticsRequest* req,
                                                                      v1::SupportMeasureStatistics* resp) {
  return gate_.Read(ctx, methods::kGetSupportMeasureStatistics, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->measure(), "supportMeasures", "measure"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto books, gate_.domain().support.Books(id));
    const SupportMeasureRecord& m = books.measure;
    resp->set_measure(req->measure());
    resp->set_budget_kopecks(m.total_budget_kopecks);
    resp->set_committed_kopecks(m.committed_kopecks);
    resp->set_disbursed_kopecks(m.disbursed_kopecks);
    resp->set_remaining_kopecks(m.total_budget_kopecks - m.committed_kopecks);
    for (std::size_t s = 1; s < books.requests_by_state.size(); ++s) {
      if (books.requests_by_state[s] == 0) continue;
      auto* c = resp->add_requests();
      c->set_state(static_cast<v1::SupportRequest::State>(s));
      c->set_count(books.requests_by_state[s]);
    }
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* SupportHandler::GetSupportRequest(Ctx* ctx, const v1::GetSupportRequestRequest* req,
                                                            v1::SupportRequest* resp) {
  return gate_.Read(ctx, methods::kGetSupportRequest, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "supportRequests", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto r, gate_.domain().support.GetRequest(caller, id));
    ToProto(r, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* SupportHandler::ListSupportRequests(Ctx* ctx, const v1::ListSupportRequestsRequest* req,
                                                              v1::ListSupportRequestsResponse* resp) {
  return gate_.Read(ctx, methods::kListSupportRequests, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().support.ListRequests(caller, ListParamsOf(*req)), resp,
                    [&](const SupportRequestRecord& r) { ToProto(r, resp->add_requests()); });
  });
}

grpc::ServerUnaryReactor* SupportHandler::CreateSupportRequest(Ctx* ctx, const v1::CreateSupportRequestRequest* req,
                                                               v1::SupportRequest* resp) {
  return gate_.Mutate(
      ctx, methods::kCreateSupportRequest, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto r = FromProto(req->request(), "request");
        if (!r.ok()) return reply(r.status());
        if (r->measure_id == 0) {
          return reply(Status::InvalidField("request.measure", "is required", "FIELD_REQUIRED"));
        }
        gate_.domain().support.CreateRequest(caller, std::move(meta), std::move(*r),
                                             EncodeAs<v1::SupportRequest, SupportRequestRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* SupportHandler::UpdateSupportRequest(Ctx* ctx, const v1::UpdateSupportRequestRequest* req,
                                                               v1::SupportRequest* resp) {
  return gate_.Mutate(
      ctx, methods::kUpdateSupportRequest, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = ParseName(req->request().name(), "supportRequests", "request.name");
        if (!id.ok()) return reply(id.status());
        auto patch = FromProto(req->request(), "request");
        if (!patch.ok()) return reply(patch.status());
        std::vector<std::string> paths(req->update_mask().paths().begin(), req->update_mask().paths().end());
        gate_.domain().support.UpdateRequest(caller, std::move(meta), *id, req->request().etag(), std::move(*patch),
                                             std::move(paths), EncodeAs<v1::SupportRequest, SupportRequestRecord>(),
                                             std::move(reply));
      });
}

grpc::ServerUnaryReactor* SupportHandler::SubmitSupportRequest(Ctx* ctx, const v1::SubmitSupportRequestRequest* req,
                                                               v1::SupportRequest* resp) {
  return Act(ctx, methods::kSubmitSupportRequest, *req, resp, SupportAction::kSubmit, {});
}

grpc::ServerUnaryReactor* SupportHandler::AcceptSupportRequest(Ctx* ctx, const v1::AcceptSupportRequestRequest* req,
                                                               v1::SupportRequest* resp) {
  return Act(ctx, methods::kAcceptSupportRequest, *req, resp, SupportAction::kAccept, {});
}

grpc::ServerUnaryReactor* SupportHandler::RequestSupportInformation(Ctx* ctx,
                                                                    const v1::RequestSupportInformationRequest* req,
                                                                    v1::SupportRequest* resp) {
  SupportActionArgs args;
  args.text = req->text();
  return Act(ctx, methods::kRequestSupportInformation, *req, resp, SupportAction::kRequestInformation, args);
}

grpc::ServerUnaryReactor* SupportHandler::RespondToSupportInformationRequest(
    Ctx* ctx, const v1::RespondToSupportInformationRequestRequest* req, v1::SupportRequest* resp) {
  SupportActionArgs args;
  args.text = req->response();
  return Act(ctx, methods::kRespondToSupportInformationRequest, *req, resp, SupportAction::kRespond, args);
}

grpc::ServerUnaryReactor* SupportHandler::ApproveSupportRequest(Ctx* ctx, const v1::ApproveSupportRequestRequest* req,
                                                                v1::SupportRequest* resp) {
  SupportActionArgs args;
  args.granted_kopecks = req->granted_kopecks();
  return Act(ctx, methods::kApproveSupportRequest, *req, resp, SupportAction::kApprove, args);
}

grpc::ServerUnaryReactor* SupportHandler::RejectSupportRequest(Ctx* ctx, const v1::RejectSupportRequestRequest* req,
                                                               v1::SupportRequest* resp) {
  SupportActionArgs args;
  args.text = req->reason();
  return Act(ctx, methods::kRejectSupportRequest, *req, resp, SupportAction::kReject, args);
}

grpc::ServerUnaryReactor* SupportHandler::WithdrawSupportRequest(Ctx* ctx, const v1::WithdrawSupportRequestRequest* req,
                                                                 v1::SupportRequest* resp) {
  SupportActionArgs args;
  args.text = req->reason();
  return Act(ctx, methods::kWithdrawSupportRequest, *req, resp, SupportAction::kWithdraw, args);
}

grpc::ServerUnaryReactor* SupportHandler::RecordDisbursement(Ctx* ctx, const v1::RecordDisbursementRequest* req,
                                                             v1::SupportRequest* resp) {
  SupportActionArgs args;
  args.disbursement = FromProto(req->disbursement());
  return Act(ctx, methods::kRecordDisbursement, *req, resp, SupportAction::kDisburse, args);
}

grpc::ServerUnaryReactor* SupportHandler::CloseSupportRequest(Ctx* ctx, const v1::CloseSupportRequestRequest* req,
                                                              v1::SupportRequest* resp) {
  SupportActionArgs args;
  args.text = req->reason();
  return Act(ctx, methods::kCloseSupportRequest, *req, resp, SupportAction::kClose, args);
}

}  // namespace biopolis
