#include "biopolis/support.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::SupportMeasure> Support::GetMeasure(const std::string& name) const {
  v1::GetSupportMeasureRequest req;
  req.set_name(name);
  return Call<v1::SupportMeasure>(m::kGetSupportMeasure, req);
}

Pager<v1::SupportMeasure> Support::ListMeasures(const ListOptions& options) const {
  v1::ListSupportMeasuresRequest req;
  req.set_open_only(options.open_only);
  return Paged<v1::SupportMeasure, v1::ListSupportMeasuresResponse>(
      m::kListSupportMeasures, req, options,
      [](const v1::ListSupportMeasuresResponse& r) -> const auto& { return r.measures(); });
}

Result<v1::SupportMeasure> Support::CreateMeasure(const v1::SupportMeasure& measure, std::string request_id) const {
  v1::CreateSupportMeasureRequest req;
  *req.mutable_measure() = measure;
  req.set_request_id(std::move(request_id));
  return Call<v1::SupportMeasure>(m::kCreateSupportMeasure, req);
}

Result<v1::SupportMeasure> Support::UpdateMeasure(const v1::SupportMeasure& measure,
                                                  const std::vector<std::string>& paths, std::string request_id) const {
  v1::UpdateSupportMeasureRequest req;
  *req.mutable_measure() = measure;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  return Call<v1::SupportMeasure>(m::kUpdateSupportMeasure, req);
}

Result<v1::CheckSupportEligibilityResponse> Support::CheckEligibility(const std::string& measure,
                                                                      const std::string& resident) const {
  v1::CheckSupportEligibilityRequest req;
  req.set_measure(measure);
  req.set_resident(resident);
  return Call<v1::CheckSupportEligibilityResponse>(m::kCheckSupportEligibility, req);
}

Result<v1::SupportMeasureStatistics> Support::Statistics(const std::string& measure) const {
  v1::GetSupportMeasureStatisticsRequest req;
  req.set_measure(measure);
  return Call<v1::SupportMeasureStatistics>(m::kGetSupportMeasureStatistics, req);
}

Result<v1::SupportRequest> Support::GetRequest(const std::string& name) const {
  v1::GetSupportRequestRequest req;
  req.set_name(name);
  return Call<v1::SupportRequest>(m::kGetSupportRequest, req);
}

Pager<v1::SupportRequest> Support::ListRequests(const ListOptions& options) const {
  return Paged<v1::SupportRequest, v1::ListSupportRequestsResponse>(
      m::kListSupportRequests, v1::ListSupportRequestsRequest(), options,
      [](const v1::ListSupportRequestsResponse& r) -> const auto& { return r.requests(); });
}

Result<v1::SupportRequest> Support::CreateRequest(const v1::SupportRequest& request, std::string request_id) const {
  v1::CreateSupportRequestRequest req;
  *req.mutable_request() = request;
  req.set_request_id(std::move(request_id));
  return Call<v1::SupportRequest>(m::kCreateSupportRequest, req);
}

Result<v1::SupportRequest> Support::UpdateRequest(const v1::SupportRequest& request,
                                                  const std::vector<std::string>& paths, std::string request_id) const {
  v1::UpdateSupportRequestRequest req;
  *req.mutable_request() = request;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  return Call<v1::SupportRequest>(m::kUpdateSupportRequest, req);
}

Result<v1::SupportRequest> Support::Submit(const std::string& name, const std::string& etag,
                                           std::string request_id) const {
  return Act<v1::SupportRequest>(m::kSubmitSupportRequest, v1::SubmitSupportRequestRequest(), name, etag,
                                 std::move(request_id));
}

Result<v1::SupportRequest> Support::Accept(const std::string& name, const std::string& etag,
                                           std::string request_id) const {
  return Act<v1::SupportRequest>(m::kAcceptSupportRequest, v1::AcceptSupportRequestRequest(), name, etag,
                                 std::move(request_id));
}

Result<v1::SupportRequest> Support::RequestInformation(const std::string& name, const std::string& text,
                                                       const std::string& etag, std::string request_id) const {
  v1::RequestSupportInformationRequest req;
  req.set_text(text);
  return Act<v1::SupportRequest>(m::kRequestSupportInformation, req, name, etag, std::move(request_id));
}

Result<v1::SupportRequest> Support::Respond(const std::string& name, const std::string& response,
                                            const std::string& etag, std::string request_id) const {
  v1::RespondToSupportInformationRequestRequest req;
  req.set_response(response);
  return Act<v1::SupportRequest>(m::kRespondToSupportInformationRequest, req, name, etag, std::move(request_id));
}

Result<v1::SupportRequest> Support::Approve(const std::string& name, std::int64_t granted_kopecks,
                                            const std::string& etag, std::string request_id) const {
  v1::ApproveSupportRequestRequest req;
  req.set_granted_kopecks(granted_kopecks);
  return Act<v1::SupportRequest>(m::kApproveSupportRequest, req, name, etag, std::move(request_id));
}

Result<v1::SupportRequest> Support::Reject(const std::string& name, const std::string& reason, const std::string& etag,
                                           std::string request_id) const {
  v1::RejectSupportRequestRequest req;
  req.set_reason(reason);
  return Act<v1::SupportRequest>(m::kRejectSupportRequest, req, name, etag, std::move(request_id));
}

Result<v1::SupportRequest> Support::Withdraw(const std::string& name, const std::string& reason,
                                             const std::string& etag, std::string request_id) const {
  v1::WithdrawSupportRequestRequest req;
  req.set_reason(reason);
  return Act<v1::SupportRequest>(m::kWithdrawSupportRequest, req, name, etag, std::move(request_id));
}

Result<v1::SupportRequest> Support::Disburse(const std::string& name,
                                             const v1::SupportRequest::Disbursement& disbursement,
                                             const std::string& etag, std::string request_id) const {
  v1::RecordDisbursementRequest req;
  *req.mutable_disbursement() = disbursement;
  return Act<v1::SupportRequest>(m::kRecordDisbursement, req, name, etag, std::move(request_id));
}

Result<v1::SupportRequest> Support::Close(const std::string& name, const std::string& reason, const std::string& etag,
                                          std::string request_id) const {
  v1::CloseSupportRequestRequest req;
  req.set_reason(reason);
  return Act<v1::SupportRequest>(m::kCloseSupportRequest, req, name, etag, std::move(request_id));
}

}  // namespace biopolis::client
