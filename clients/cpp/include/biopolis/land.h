// Land (LandService): the zone's plots and leases.
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/land.pb.h"

namespace biopolis::client {

class Land : public ServiceClient<Land> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::Plot> GetPlot(const std::string& name) const;
  Result<v1::ListPlotsResponse> ListPlotsPage(const ListOptions& options, const std::string& page_token = "") const;
  // E.g. ListOptions().Filter("state = \"STATE_AVAILABLE\" AND area_m2 >= 5000 AND power_kw >= 500").
  Pager<v1::Plot> ListPlots(const ListOptions& options = {}) const;
  Result<v1::Plot> CreatePlot(const v1::Plot& plot, std::string request_id = "") const;
  Result<v1::Plot> UpdatePlot(const v1::Plot& plot, const std::vector<std::string>& paths,
                              std::string request_id = "") const;
  Result<v1::Plot> BlockPlot(const std::string& name, const std::string& reason, const std::string& etag = "",
                             std::string request_id = "") const;
  Result<v1::Plot> UnblockPlot(const std::string& name, const std::string& etag = "",
                               std::string request_id = "") const;
  Result<v1::Plot> RetirePlot(const std::string& name, const std::string& reason,
                              const std::vector<std::string>& successors, const std::string& etag = "",
                              std::string request_id = "") const;
  Result<v1::Plot> ReservePlot(const std::string& name, const std::string& application, const std::string& etag = "",
                               std::string request_id = "") const;
  Result<v1::Plot> ReleasePlotReservation(const std::string& name, const std::string& reason,
                                          const std::string& etag = "", std::string request_id = "") const;
  Result<v1::Lease> GetLease(const std::string& name) const;
  Pager<v1::Lease> ListLeases(const ListOptions& options = {}) const;
  Result<v1::Lease> CreateLease(const v1::Lease& lease, std::string request_id = "") const;
  Result<v1::Lease> TerminateLease(const std::string& name, const std::string& reason, const std::string& etag = "",
                                   std::string request_id = "") const;
  Result<v1::LandUtilisation> GetUtilisation() const;
};

}  // namespace biopolis::client
