#include "services/api/application_handler.h"

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/application_convert.h"
#include "services/api/handler_support.h"
#include "services/api/resident_convert.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {

Result<std::int64_t> AppId(const std::string& name, const char* field = "name") {
  return ParseName(name, "applications", field);
}

}  // namespace

template <typename Request>
grpc::ServerUnaryReactor* ApplicationHandler::Act(Ctx* ctx, const char* method, const Request& req,
                                                  v1::Application* resp, ApplicationAction action,
                                                  ApplicationActionArgs args) {
  return gate_.Mutate(
      ctx, method, req, resp, [&, action, args](const Caller& caller, CommandMeta meta, Reply reply) mutable {
        auto id = AppId(req.name());
        if (!id.ok()) return reply(id.status());
        gate_.domain().applications.Act(caller, std::move(meta), *id, req.etag(), action, std::move(args),
                                        EncodeAs<v1::Application, ApplicationRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::GetApplication(Ctx* ctx, const v1::GetApplicationRequest* req,
                                                             v1::Application* resp) {
  return gate_.Read(ctx, methods::kGetApplication, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, AppId(req->name()));
    BIOPOLIS_ASSIGN_OR_RETURN(auto app, gate_.domain().applications.Get(caller, id));
    ToProto(app, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ApplicationHandler::ListApplications(Ctx* ctx, const v1::ListApplicationsRequest* req,
                                                               v1::ListApplicationsResponse* resp) {
  return gate_.Read(ctx, methods::kListApplications, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().applications.List(caller, ListParamsOf(*req)), resp,
                    [&](const ApplicationRecord& r) { ToProto(r, resp->add_applications()); });
  });
}

grpc::ServerUnaryReactor* ApplicationHandler::CreateApplication(Ctx* ctx, const v1::CreateApplicationRequest* req,
                                                                v1::Application* resp) {
  return gate_.Mutate(
      ctx, methods::kCreateApplication, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto draft = FromProto(req->application(), "application");
        if (!draft.ok()) return reply(draft.status());
        gate_.domain().applications.Create(caller, std::move(meta), std::move(*draft),
                                           EncodeAs<v1::Application, ApplicationRecord>(), std::move(reply));
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::UpdateApplication(Ctx* ctx, const v1::UpdateApplicationRequest* req,
                                                                v1::Application* resp) {
  return gate_.Mutate(
      ctx, methods::kUpdateApplication, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = AppId(req->application().name(), "application.name");
        if (!id.ok()) return reply(id.status());
        auto patch = FromProto(req->application(), "application");
        if (!patch.ok()) return reply(patch.status());
        std::vector<std::string> paths(req->update_mask().paths().begin(), req->update_mask().paths().end());
        gate_.domain().applications.Update(caller, std::move(meta), *id, req->application().etag(), std::move(*patch),
                                           std::move(paths), EncodeAs<v1::Application, ApplicationRecord>(),
                                           std::move(reply));
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::DeleteApplication(Ctx* ctx, const v1::DeleteApplicationRequest* req,
                                                                google::protobuf::Empty* resp) {
  return gate_.Mutate(
      ctx, methods::kDeleteApplication, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
        auto id = AppId(req->name());
        if (!id.ok()) return reply(id.status());
        gate_.domain().applications.Delete(
            caller, std::move(meta), *id, req->etag(),
            [](const ApplicationRecord&) { return google::protobuf::Empty().SerializeAsString(); }, std::move(reply));
      });
}

grpc::ServerUnaryReactor* ApplicationHandler::CheckApplicationEligibility(
    Ctx* ctx, const v1::CheckApplicationEligibilityRequest* req, v1::CheckApplicationEligibilityResponse* resp) {
  return gate_.Read(ctx, methods::kCheckApplicationEligibility, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, AppId(req->name()));
    BIOPOLIS_ASSIGN_OR_RETURN(auto report, gate_.domain().applications.CheckEligibility(caller, id));
    resp->set_eligible(report.violations.empty());
    resp->set_policy_version(report.policy_version);
    ToProto(report.violations, resp->mutable_violations());
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ApplicationHandler::SubmitApplication(Ctx* ctx, const v1::SubmitApplicationRequest* req,
                                                                v1::Application* resp) {
  return Act(ctx, methods::kSubmitApplication, *req, resp, ApplicationAction::kSubmit, {});
}

grpc::ServerUnaryReactor* ApplicationHandler::AcceptApplication(Ctx* ctx, const v1::AcceptApplicationRequest* req,
                                                                v1::Application* resp) {
  return Act(ctx, methods::kAcceptApplication, *req, resp, ApplicationAction::kAccept, {});
}

grpc::ServerUnaryReactor* ApplicationHandler::RequestApplicationInformation(
    Ctx* ctx, const v1::RequestApplicationInformationRequest* req, v1::Application* resp) {
  ApplicationActionArgs args;
  args.text = req->text();
  return Act(ctx, methods::kRequestApplicationInformation, *req, resp, ApplicationAction::kRequestInformation, args);
}

grpc::ServerUnaryReactor* ApplicationHandler::RespondToInformationRequest(
    Ctx* ctx, const v1::RespondToInformationRequestRequest* req, v1::Application* resp) {
  ApplicationActionArgs args;
  args.text = req->response();
  return Act(ctx, methods::kRespondToInformationRequest, *req, resp, ApplicationAction::kRespond, args);
}

grpc::ServerUnaryReactor* ApplicationHandler::ReferApplicationToExpertCouncil(
    Ctx* ctx, const v1::ReferApplicationToExpertCouncilRequest* req, v1::Application* resp) {
  return Act(ctx, methods::kReferApplicationToExpertCouncil, *req, resp, ApplicationAction::kReferToExpertCouncil, {});
}

grpc::ServerUnaryReactor* ApplicationHandler::RecordExpertOpinion(Ctx* ctx, const v1::RecordExpertOpinionRequest* req,
                                                                  v1::Application* resp) {
  ApplicationActionArgs args;
  // Unknown enum numbers are treated as unspecified, which the rules reject.
  if (v1::Application::ExpertOpinion_IsValid(req->opinion())) {
    args.opinion = static_cast<ExpertOpinion>(req->opinion());
  }
  args.text = req->summary();
  return Act(ctx, methods::kRecordExpertOpinion, *req, resp, ApplicationAction::kRecordExpertOpinion, args);
}

grpc::ServerUnaryReactor* ApplicationHandler::ApproveApplication(Ctx* ctx, const v1::ApproveApplicationRequest* req,
                                                                 v1::Application* resp) {
  ApplicationActionArgs args;
  args.text = req->comment();
  return Act(ctx, methods::kApproveApplication, *req, resp, ApplicationAction::kApprove, args);
}

grpc::ServerUnaryReactor* ApplicationHandler::RejectApplication(Ctx* ctx, const v1::RejectApplicationRequest* req,
                                                                v1::Application* resp) {
  ApplicationActionArgs args;
  if (v1::Application::RejectionGround_IsValid(req->ground())) {
    args.ground = static_cast<RejectionGround>(req->ground());
  }
  args.text = req->explanation();
  return Act(ctx, methods::kRejectApplication, *req, resp, ApplicationAction::kReject, args);
}

grpc::ServerUnaryReactor* ApplicationHandler::WithdrawApplication(Ctx* ctx, const v1::WithdrawApplicationRequest* req,
                                                                  v1::Application* resp) {
  ApplicationActionArgs args;
  args.text = req->reason();
  return Act(ctx, methods::kWithdrawApplication, *req, resp, ApplicationAction::kWithdraw, args);
}

grpc::ServerUnaryReactor* ApplicationHandler::SignAgreement(Ctx* ctx, const v1::SignAgreementRequest* req,
                                                            v1::Application* resp) {
  ApplicationActionArgs args;
  args.agreement_number = req->agreement_number();
  if (req->has_agreement_date()) args.agreement_date = FromDate(req->agreement_date());
  args.commitments = FromProto(req->commitments());
  return Act(ctx, methods::kSignAgreement, *req, resp, ApplicationAction::kSignAgreement, args);
}

}  // namespace biopolis
