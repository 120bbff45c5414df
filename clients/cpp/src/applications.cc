#include "biopolis/applications.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::Application> Applications::Get(const std::string& name) const {
  v1::GetApplicationRequest req;
  req.set_name(name);
  return Call<v1::Application>(m::kGetApplication, req);
}

Result<v1::ListApplicationsResponse> Applications::ListPage(const ListOptions& options,
                                                            const std::string& page_token) const {
  v1::ListApplicationsRequest req;
  ApplyListOptions(req, options, page_token);
  return Call<v1::ListApplicationsResponse>(m::kListApplications, req);
}

Pager<v1::Application> Applications::List(const ListOptions& options) const {
  return Paged<v1::Application, v1::ListApplicationsResponse>(
      m::kListApplications, v1::ListApplicationsRequest(), options,
      [](const v1::ListApplicationsResponse& r) -> const auto& { return r.applications(); });
}

Result<v1::Application> Applications::Create(const v1::Application& draft, std::string request_id) const {
  v1::CreateApplicationRequest req;
  *req.mutable_application() = draft;
  req.set_request_id(std::move(request_id));
  return Call<v1::Application>(m::kCreateApplication, req);
}

Result<v1::Application> Applications::Update(const v1::Application& application, const std::vector<std::string>& paths,
                                             std::string request_id) const {
  v1::UpdateApplicationRequest req;
  *req.mutable_application() = application;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  return Call<v1::Application>(m::kUpdateApplication, req);
}

Result<google::protobuf::Empty> Applications::Delete(const std::string& name, const std::string& etag,
                                                     std::string request_id) const {
  return Act<google::protobuf::Empty>(m::kDeleteApplication, v1::DeleteApplicationRequest(), name, etag,
                                      std::move(request_id));
}

Result<v1::CheckApplicationEligibilityResponse> Applications::CheckEligibility(const std::string& name) const {
  v1::CheckApplicationEligibilityRequest req;
  req.set_name(name);
  return Call<v1::CheckApplicationEligibilityResponse>(m::kCheckApplicationEligibility, req);
}

Result<v1::Application> Applications::Submit(const std::string& name, const std::string& etag,
                                             std::string request_id) const {
  return Act<v1::Application>(m::kSubmitApplication, v1::SubmitApplicationRequest(), name, etag, std::move(request_id));
}

Result<v1::Application> Applications::Accept(const std::string& name, const std::string& etag,
                                             std::string request_id) const {
  return Act<v1::Application>(m::kAcceptApplication, v1::AcceptApplicationRequest(), name, etag, std::move(request_id));
}

Result<v1::Application> Applications::RequestInformation(const std::string& name, const std::string& text,
                                                         const std::string& etag, std::string request_id) const {
  v1::RequestApplicationInformationRequest req;
  req.set_text(text);
  return Act<v1::Application>(m::kRequestApplicationInformation, req, name, etag, std::move(request_id));
}

Result<v1::Application> Applications::RespondToInformationRequest(const std::string& name, const std::string& response,
                                                                  const std::string& etag,
                                                                  std::string request_id) const {
  v1::RespondToInformationRequestRequest req;
  req.set_response(response);
  return Act<v1::Application>(m::kRespondToInformationRequest, req, name, etag, std::move(request_id));
}

Result<v1::Application> Applications::ReferToExpertCouncil(const std::string& name, const std::string& etag,
                                                           std::string request_id) const {
  return Act<v1::Application>(m::kReferApplicationToExpertCouncil, v1::ReferApplicationToExpertCouncilRequest(), name,
                              etag, std::move(request_id));
}

Result<v1::Application> Applications::RecordExpertOpinion(const std::string& name,
                                                          v1::Application::ExpertOpinion opinion,
                                                          const std::string& summary, const std::string& etag,
                                                          std::string request_id) const {
  v1::RecordExpertOpinionRequest req;
  req.set_opinion(opinion);
  req.set_summary(summary);
  return Act<v1::Application>(m::kRecordExpertOpinion, req, name, etag, std::move(request_id));
}

Result<v1::Application> Applications::Approve(const std::string& name, const std::string& comment,
                                              const std::string& etag, std::string request_id) const {
  v1::ApproveApplicationRequest req;
  req.set_comment(comment);
  return Act<v1::Application>(m::kApproveApplication, req, name, etag, std::move(request_id));
}

Result<v1::Application> Applications::Reject(const std::string& name, v1::Application::RejectionGround ground,
                                             const std::string& explanation, const std::string& etag,
                                             std::string request_id) const {
  v1::RejectApplicationRequest req;
  req.set_ground(ground);
  req.set_explanation(explanation);
  return Act<v1::Application>(m::kRejectApplication, req, name, etag, std::move(request_id));
}

Result<v1::Application> Applications::Withdraw(const std::string& name, const std::string& reason,
                                               const std::string& etag, std::string request_id) const {
  v1::WithdrawApplicationRequest req;
  req.set_reason(reason);
  return Act<v1::Application>(m::kWithdrawApplication, req, name, etag, std::move(request_id));
}

Result<v1::Application> Applications::SignAgreement(v1::SignAgreementRequest request) const {
  return Call<v1::Application>(m::kSignAgreement, std::move(request));
}

}  // namespace biopolis::client
