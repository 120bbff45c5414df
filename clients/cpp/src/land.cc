#include "biopolis/land.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::Plot> Land::GetPlot(const std::string& name) const {
  v1::GetPlotRequest req;
  req.set_name(name);
  return Call<v1::Plot>(m::kGetPlot, req);
}

Result<v1::ListPlotsResponse> Land::ListPlotsPage(const ListOptions& options, const std::string& page_token) const {
  v1::ListPlotsRequest req;
  ApplyListOptions(req, options, page_token);
  return Call<v1::ListPlotsResponse>(m::kListPlots, req);
}

Pager<v1::Plot> Land::ListPlots(const ListOptions& options) const {
  return Paged<v1::Plot, v1::ListPlotsResponse>(
      m::kListPlots, v1::ListPlotsRequest(), options,
      [](const v1::ListPlotsResponse& r) -> const auto& { return r.plots(); });
}

Result<v1::Plot> Land::CreatePlot(const v1::Plot& plot, std::string request_id) const {
  v1::CreatePlotRequest req;
  *req.mutable_plot() = plot;
  req.set_request_id(std::move(request_id));
  return Call<v1::Plot>(m::kCreatePlot, req);
}

Result<v1::Plot> Land::UpdatePlot(const v1::Plot& plot, const std::vector<std::string>& paths,
                                  std::string request_id) const {
  v1::UpdatePlotRequest req;
  *req.mutable_plot() = plot;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  return Call<v1::Plot>(m::kUpdatePlot, req);
}

Result<v1::Plot> Land::BlockPlot(const std::string& name, const std::string& reason, const std::string& etag,
                                 std::string request_id) const {
  v1::BlockPlotRequest req;
  req.set_reason(reason);
  return Act<v1::Plot>(m::kBlockPlot, req, name, etag, std::move(request_id));
}

Result<v1::Plot> Land::UnblockPlot(const std::string& name, const std::string& etag, std::string request_id) const {
  return Act<v1::Plot>(m::kUnblockPlot, v1::UnblockPlotRequest(), name, etag, std::move(request_id));
}

Result<v1::Plot> Land::RetirePlot(const std::string& name, const std::string& reason,
                                  const std::vector<std::string>& successors, const std::string& etag,
                                  std::string request_id) const {
  v1::RetirePlotRequest req;
  req.set_reason(reason);
  for (const auto& s : successors) req.add_successors(s);
  return Act<v1::Plot>(m::kRetirePlot, req, name, etag, std::move(request_id));
}

Result<v1::Plot> Land::ReservePlot(const std::string& name, const std::string& application, const std::string& etag,
                                   std::string request_id) const {
  v1::ReservePlotRequest req;
  req.set_application(application);
  return Act<v1::Plot>(m::kReservePlot, req, name, etag, std::move(request_id));
}

Result<v1::Plot> Land::ReleasePlotReservation(const std::string& name, const std::string& reason,
                                              const std::string& etag, std::string request_id) const {
  v1::ReleasePlotReservationRequest req;
  req.set_reason(reason);
  return Act<v1::Plot>(m::kReleasePlotReservation, req, name, etag, std::move(request_id));
}

Result<v1::Lease> Land::GetLease(const std::string& name) const {
  v1::GetLeaseRequest req;
  req.set_name(name);
  return Call<v1::Lease>(m::kGetLease, req);
}

Pager<v1::Lease> Land::ListLeases(const ListOptions& options) const {
  return Paged<v1::Lease, v1::ListLeasesResponse>(
      m::kListLeases, v1::ListLeasesRequest(), options,
      [](const v1::ListLeasesResponse& r) -> const auto& { return r.leases(); });
}

Result<v1::Lease> Land::CreateLease(const v1::Lease& lease, std::string request_id) const {
  v1::CreateLeaseRequest req;
  *req.mutable_lease() = lease;
  req.set_request_id(std::move(request_id));
  return Call<v1::Lease>(m::kCreateLease, req);
}

Result<v1::Lease> Land::TerminateLease(const std::string& name, const std::string& reason, const std::string& etag,
                                       std::string request_id) const {
  v1::TerminateLeaseRequest req;
  req.set_reason(reason);
  return Act<v1::Lease>(m::kTerminateLease, req, name, etag, std::move(request_id));
}

Result<v1::LandUtilisation> Land::GetUtilisation() const {
  return Call<v1::LandUtilisation>(m::kGetLandUtilisation, v1::GetLandUtilisationRequest());
}

}  // namespace biopolis::client
