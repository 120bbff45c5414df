// Applications (ApplicationService): applications for resident status, draft to agreement.
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/application.pb.h"

namespace biopolis::client {

class Applications : public ServiceClient<Applications> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::Application> Get(const std::string& name) const;
  Result<v1::ListApplicationsResponse> ListPage(const ListOptions& options, const std::string& page_token = "") const;
  Pager<v1::Application> List(const ListOptions& options = {}) const;
  Result<v1::Application> Create(const v1::Application& draft, std::string request_id = "") const;
  Result<v1::Application> Update(const v1::Application& application, const std::vector<std::string>& paths,
                                 std::string request_id = "") const;
  Result<google::protobuf::Empty> Delete(const std::string& name, const std::string& etag = "",
                                         std::string request_id = "") const;
  Result<v1::CheckApplicationEligibilityResponse> CheckEligibility(const std::string& name) const;
  Result<v1::Application> Submit(const std::string& name, const std::string& etag = "",
                                 std::string request_id = "") const;
  Result<v1::Application> Accept(const std::string& name, const std::string& etag = "",
                                 std::string request_id = "") const;
  Result<v1::Application> RequestInformation(const std::string& name, const std::string& text,
                                             const std::string& etag = "", std::string request_id = "") const;
  Result<v1::Application> RespondToInformationRequest(const std::string& name, const std::string& response,
                                                      const std::string& etag = "", std::string request_id = "") const;
  Result<v1::Application> ReferToExpertCouncil(const std::string& name, const std::string& etag = "",
                                               std::string request_id = "") const;
  Result<v1::Application> RecordExpertOpinion(const std::string& name, v1::Application::ExpertOpinion opinion,
                                              const std::string& summary, const std::string& etag = "",
                                              std::string request_id = "") const;
  Result<v1::Application> Approve(const std::string& name, const std::string& comment = "",
                                  const std::string& etag = "", std::string request_id = "") const;
  Result<v1::Application> Reject(const std::string& name, v1::Application::RejectionGround ground,
                                 const std::string& explanation, const std::string& etag = "",
                                 std::string request_id = "") const;
  Result<v1::Application> Withdraw(const std::string& name, const std::string& reason = "",
                                   const std::string& etag = "", std::string request_id = "") const;
  // Any field of `request` may be set; request_id is filled when empty.
  Result<v1::Application> SignAgreement(v1::SignAgreementRequest request) const;
};

}  // namespace biopolis::client
