// Support (SupportService): support measures and residents' requests for them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/support.pb.h"

namespace biopolis::client {

class Support : public ServiceClient<Support> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::SupportMeasure> GetMeasure(const std::string& name) const;
  // ListOptions().OpenOnly(): the measures open today.
  Pager<v1::SupportMeasure> ListMeasures(const ListOptions& options = {}) const;
  Result<v1::SupportMeasure> CreateMeasure(const v1::SupportMeasure& measure, std::string request_id = "") const;
  Result<v1::SupportMeasure> UpdateMeasure(const v1::SupportMeasure& measure, const std::vector<std::string>& paths,
                                           std::string request_id = "") const;
  // `resident` empty: the calling resident itself.
  Result<v1::CheckSupportEligibilityResponse> CheckEligibility(const std::string& measure,
                                                               const std::string& resident = "") const;
  Result<v1::SupportMeasureStatistics> Statistics(const std::string& measure) const;
  Result<v1::SupportRequest> GetRequest(const std::string& name) const;
  Pager<v1::SupportRequest> ListRequests(const ListOptions& options = {}) const;
  Result<v1::SupportRequest> CreateRequest(const v1::SupportRequest& request, std::string request_id = "") const;
  Result<v1::SupportRequest> UpdateRequest(const v1::SupportRequest& request, const std::vector<std::string>& paths,
                                           std::string request_id = "") const;
  Result<v1::SupportRequest> Submit(const std::string& name, const std::string& etag = "",
                                    std::string request_id = "") const;
  Result<v1::SupportRequest> Accept(const std::string& name, const std::string& etag = "",
                                    std::string request_id = "") const;
  Result<v1::SupportRequest> RequestInformation(const std::string& name, const std::string& text,
                                                const std::string& etag = "", std::string request_id = "") const;
  Result<v1::SupportRequest> Respond(const std::string& name, const std::string& response, const std::string& etag = "",
                                     std::string request_id = "") const;
  Result<v1::SupportRequest> Approve(const std::string& name, std::int64_t granted_kopecks,
                                     const std::string& etag = "", std::string request_id = "") const;
  Result<v1::SupportRequest> Reject(const std::string& name, const std::string& reason, const std::string& etag = "",
                                    std::string request_id = "") const;
  Result<v1::SupportRequest> Withdraw(const std::string& name, const std::string& reason = "",
                                      const std::string& etag = "", std::string request_id = "") const;
  Result<v1::SupportRequest> Disburse(const std::string& name, const v1::SupportRequest::Disbursement& disbursement,
                                      const std::string& etag = "", std::string request_id = "") const;
  Result<v1::SupportRequest> Close(const std::string& name, const std::string& reason = "",
                                   const std::string& etag = "", std::string request_id = "") const;
};

}  // namespace biopolis::client
