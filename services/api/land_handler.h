// gRPC adapter of LandService over LandRegistry.
#pragma once

#include "biopolis/v1/land.grpc.pb.h"
#include "services/api/call_gate.h"
#include "services/land/land_registry.h"

namespace biopolis {

class LandHandler final : public v1::LandService::CallbackService {
 public:
  explicit LandHandler(CallGate& gate) : gate_(gate) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* GetPlot(Ctx* ctx, const v1::GetPlotRequest* req, v1::Plot* resp) override;
  Reactor* ListPlots(Ctx* ctx, const v1::ListPlotsRequest* req, v1::ListPlotsResponse* resp) override;
  Reactor* CreatePlot(Ctx* ctx, const v1::CreatePlotRequest* req, v1::Plot* resp) override;
  Reactor* UpdatePlot(Ctx* ctx, const v1::UpdatePlotRequest* req, v1::Plot* resp) override;
  Reactor* BlockPlot(Ctx* ctx, const v1::BlockPlotRequest* req, v1::Plot* resp) override;
  Reactor* UnblockPlot(Ctx* ctx, const v1::UnblockPlotRequest* req, v1::Plot* resp) override;
  Reactor* RetirePlot(Ctx* ctx, const v1::RetirePlotRequest* req, v1::Plot* resp) override;
  Reactor* ReservePlot(Ctx* ctx, const v1::ReservePlotRequest* req, v1::Plot* resp) override;
  Reactor* ReleasePlotReservation(Ctx* ctx, const v1::ReleasePlotReservationRequest* req, v1::Plot* resp) override;
  Reactor* GetLease(Ctx* ctx, const v1::GetLeaseRequest* req, v1::Lease* resp) override;
  Reactor* ListLeases(Ctx* ctx, const v1::ListLeasesRequest* req, v1::ListLeasesResponse* resp) override;
  Reactor* CreateLease(Ctx* ctx, const v1::CreateLeaseRequest* req, v1::Lease* resp) override;
  Reactor* TerminateLease(Ctx* ctx, const v1::TerminateLeaseRequest* req, v1::Lease* resp) override;
  Reactor* GetLandUtilisation(Ctx* ctx, const v1::GetLandUtilisationRequest* req, v1::LandUtilisation* resp) override;

 private:
  // The common shape of the plot custom methods.
  template <typename Request>
  Reactor* Act(Ctx* ctx, const char* method, const Request& req, v1::Plot* resp, PlotAction action,
               PlotActionArgs args);

  CallGate& gate_;
};

}  // namespace biopolis
