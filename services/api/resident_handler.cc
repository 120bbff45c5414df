#include "services/api/resident_handler.h"

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/handler_support.h"
#include "services/api/resident_convert.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {}  // namespace

template <typename Request>
grpc::ServerUnaryReactor* ResidentHandler::Act(Ctx* ctx, const char* method, const Request& req, v1::Resident* resp,
                                               ResidentAction action, ResidentActionArgs args) {
  return gate_.Mutate(ctx, method, req, resp,
                      [&, action, args](const Caller& caller, CommandMeta meta, Reply reply) mutable {
                        auto id = ParseName(req.name(), "residents", "name");
                        if (!id.ok()) return reply(id.status());
                        gate_.domain().residents.Act(caller, std::move(meta), *id, req.etag(), action, std::move(args),
                                                     EncodeAs<v1::Resident, ResidentRecord>(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* ResidentHandler::GetResident(Ctx* ctx, const v1::GetResidentRequest* req,
                                                       v1::Resident* resp) {
  return gate_.Read(ctx, methods::kGetResident, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "residents", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto as_of, AsOfOf(*req));
    if (as_of) {
      BIOPOLIS_ASSIGN_OR_RETURN(auto v, gate_.domain().residents.GetAsOf(caller, id, *as_of));
      ToProto(v.entry, resp);
      return Status::Ok();
    }
    BIOPOLIS_ASSIGN_OR_RETURN(auto r, gate_.domain().residents.Get(caller, id));
    ToProto(r, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* ResidentHandler::ListResidents(Ctx* ctx, const v1::ListResidentsRequest* req,
                                                         v1::ListResidentsResponse* resp) {
  return gate_.Read(ctx, methods::kListResidents, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto as_of, AsOfOf(*req));
    return FillPage(gate_.domain().residents.List(caller, ListParamsOf(*req), as_of), resp,
                    [&](const ResidentRecord& r) { ToProto(r, resp->add_residents()); });
  });
}

grpc::ServerUnaryReactor* ResidentHandler::ListResidentVersions(Ctx* ctx, const v1::ListResidentVersionsRequest* req,
                                                                v1::ListResidentVersionsResponse* resp) {
  return gate_.Read(ctx, methods::kListResidentVersions, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "residents", "name"));
    return FillPage(gate_.domain().residents.ListVersions(caller, id, ListParamsOf(*req)), resp,
                    [&](const ResidentVersionRecord& v) { ToProto(v, resp->add_versions()); });
  });
}

grpc::ServerUnaryReactor* ResidentHandler::IssueViolationNotice(Ctx* ctx, const v1::IssueViolationNoticeRequest* req,
                                                                v1::Resident* resp) {
  ResidentActionArgs args;
  args.text = req->description();
  if (req->has_cure_by()) args.date = FromDate(req->cure_by());
  return Act(ctx, methods::kIssueViolationNotice, *req, resp, ResidentAction::kIssueViolationNotice, args);
}

grpc::ServerUnaryReactor* ResidentHandler::CureViolation(Ctx* ctx, const v1::CureViolationRequest* req,
                                                         v1::Resident* resp) {
  ResidentActionArgs args;
  args.text = req->note();
  return Act(ctx, methods::kCureViolation, *req, resp, ResidentAction::kCureViolation, args);
}

grpc::ServerUnaryReactor* ResidentHandler::TerminateResident(Ctx* ctx, const v1::TerminateResidentRequest* req,
                                                             v1::Resident* resp) {
  ResidentActionArgs args;
  args.text = req->explanation();
  if (req->has_effective_date()) args.date = FromDate(req->effective_date());
  if (v1::Resident::TerminationGround_IsValid(req->ground())) {
    args.ground = static_cast<TerminationGround>(req->ground());
  }
  return Act(ctx, methods::kTerminateResident, *req, resp, ResidentAction::kTerminate, args);
}

}  // namespace biopolis
