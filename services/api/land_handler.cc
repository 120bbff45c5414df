#include "services/api/land_handler.h"

#include "biopolis/v1/method_paths.h"
#include "core/resource_name.h"
#include "services/api/handler_support.h"
#include "services/api/land_convert.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {}  // namespace

template <typename Request>
grpc::ServerUnaryReactor* LandHandler::Act(Ctx* ctx, const char* method, const Request& req, v1::Plot* resp,
                                           PlotAction action, PlotActionArgs args) {
  return gate_.Mutate(ctx, method, req, resp,
                      [&, action, args](const Caller& caller, CommandMeta meta, Reply reply) mutable {
                        auto id = ParseName(req.name(), "plots", "name");
                        if (!id.ok()) return reply(id.status());
                        gate_.domain().land.ActOnPlot(caller, std::move(meta), *id, req.etag(), action, std::move(args),
                                                      EncodeAs<v1::Plot, PlotRecord>(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* LandHandler::GetPlot(Ctx* ctx, const v1::GetPlotRequest* req, v1::Plot* resp) {
  return gate_.Read(ctx, methods::kGetPlot, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "plots", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto plot, gate_.domain().land.GetPlot(caller, id));
    ToProto(plot, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* LandHandler::ListPlots(Ctx* ctx, const v1::ListPlotsRequest* req,
                                                 v1::ListPlotsResponse* resp) {
  return gate_.Read(ctx, methods::kListPlots, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().land.ListPlots(caller, ListParamsOf(*req)), resp,
                    [&](const PlotRecord& r) { ToProto(r, resp->add_plots()); });
  });
}

grpc::ServerUnaryReactor* LandHandler::CreatePlot(Ctx* ctx, const v1::CreatePlotRequest* req, v1::Plot* resp) {
  return gate_.Mutate(ctx, methods::kCreatePlot, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
    gate_.domain().land.CreatePlot(caller, std::move(meta), FromProto(req->plot()), EncodeAs<v1::Plot, PlotRecord>(),
                                   std::move(reply));
  });
}

grpc::ServerUnaryReactor* LandHandler::UpdatePlot(Ctx* ctx, const v1::UpdatePlotRequest* req, v1::Plot* resp) {
  return gate_.Mutate(ctx, methods::kUpdatePlot, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
    auto id = ParseName(req->plot().name(), "plots", "plot.name");
    if (!id.ok()) return reply(id.status());
    std::vector<std::string> paths(req->update_mask().paths().begin(), req->update_mask().paths().end());
    gate_.domain().land.UpdatePlot(caller, std::move(meta), *id, req->plot().etag(), FromProto(req->plot()),
                                   std::move(paths), EncodeAs<v1::Plot, PlotRecord>(), std::move(reply));
  });
}

grpc::ServerUnaryReactor* LandHandler::BlockPlot(Ctx* ctx, const v1::BlockPlotRequest* req, v1::Plot* resp) {
  PlotActionArgs args;
  args.reason = req->reason();
  return Act(ctx, methods::kBlockPlot, *req, resp, PlotAction::kBlock, args);
}

grpc::ServerUnaryReactor* LandHandler::UnblockPlot(Ctx* ctx, const v1::UnblockPlotRequest* req, v1::Plot* resp) {
  return Act(ctx, methods::kUnblockPlot, *req, resp, PlotAction::kUnblock, {});
}

grpc::ServerUnaryReactor* LandHandler::RetirePlot(Ctx* ctx, const v1::RetirePlotRequest* req, v1::Plot* resp) {
  PlotActionArgs args;
  args.reason = req->reason();
  auto successors = ParseNames(req->successors(), "plots", "successors");
  if (!successors.ok()) {
    return gate_.Mutate(ctx, methods::kRetirePlot, *req, resp,
                        [&](const Caller&, CommandMeta, Reply reply) { reply(successors.status()); });
  }
  args.successor_ids = std::move(*successors);
  return Act(ctx, methods::kRetirePlot, *req, resp, PlotAction::kRetire, args);
}

grpc::ServerUnaryReactor* LandHandler::ReservePlot(Ctx* ctx, const v1::ReservePlotRequest* req, v1::Plot* resp) {
  auto app = ParseName(req->application(), "applications", "application");
  if (!app.ok()) {
    return gate_.Mutate(ctx, methods::kReservePlot, *req, resp,
                        [&](const Caller&, CommandMeta, Reply reply) { reply(app.status()); });
  }
  PlotActionArgs args;
  args.application_id = *app;
  return Act(ctx, methods::kReservePlot, *req, resp, PlotAction::kReserve, args);
}

grpc::ServerUnaryReactor* LandHandler::ReleasePlotReservation(Ctx* ctx, const v1::ReleasePlotReservationRequest* req,
                                                              v1::Plot* resp) {
  PlotActionArgs args;
  args.reason = req->reason();
  return Act(ctx, methods::kReleasePlotReservation, *req, resp, PlotAction::kRelease, args);
}

grpc::ServerUnaryReactor* LandHandler::GetLease(Ctx* ctx, const v1::GetLeaseRequest* req, v1::Lease* resp) {
  return gate_.Read(ctx, methods::kGetLease, *req, [&](const Caller& caller) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(req->name(), "leases", "name"));
    BIOPOLIS_ASSIGN_OR_RETURN(auto lease, gate_.domain().land.GetLease(caller, id));
    ToProto(lease, resp);
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* LandHandler::ListLeases(Ctx* ctx, const v1::ListLeasesRequest* req,
                                                  v1::ListLeasesResponse* resp) {
  return gate_.Read(ctx, methods::kListLeases, *req, [&](const Caller& caller) -> Status {
    return FillPage(gate_.domain().land.ListLeases(caller, ListParamsOf(*req)), resp,
                    [&](const LeaseRecord& r) { ToProto(r, resp->add_leases()); });
  });
}

grpc::ServerUnaryReactor* LandHandler::CreateLease(Ctx* ctx, const v1::CreateLeaseRequest* req, v1::Lease* resp) {
  return gate_.Mutate(ctx, methods::kCreateLease, *req, resp, [&](const Caller& caller, CommandMeta meta, Reply reply) {
    auto lease = FromProto(req->lease(), "lease");
    if (!lease.ok()) return reply(lease.status());
    gate_.domain().land.CreateLease(caller, std::move(meta), std::move(*lease), EncodeAs<v1::Lease, LeaseRecord>(),
                                    std::move(reply));
  });
}

grpc::ServerUnaryReactor* LandHandler::TerminateLease(Ctx* ctx, const v1::TerminateLeaseRequest* req, v1::Lease* resp) {
  return gate_.Mutate(ctx, methods::kTerminateLease, *req, resp,
                      [&](const Caller& caller, CommandMeta meta, Reply reply) {
                        auto id = ParseName(req->name(), "leases", "name");
                        if (!id.ok()) return reply(id.status());
                        gate_.domain().land.TerminateLease(caller, std::move(meta), *id, req->etag(), req->reason(),
                                                           EncodeAs<v1::Lease, LeaseRecord>(), std::move(reply));
                      });
}

grpc::ServerUnaryReactor* LandHandler::GetLandUtilisation(Ctx* ctx, const v1::GetLandUtilisationRequest* req,
                                                          v1::LandUtilisation* resp) {
  return gate_.Read(ctx, methods::kGetLandUtilisation, *req, [&](const Caller&) -> Status {
    BIOPOLIS_ASSIGN_OR_RETURN(auto totals, gate_.domain().land.Utilisation());
    ToProto(totals, resp);
    return Status::Ok();
  });
}

}  // namespace biopolis
