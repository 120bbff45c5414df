#include "biopolis/residents.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::Resident> Residents::Get(const std::string& name) const {
  v1::GetResidentRequest req;
  req.set_name(name);
  return Call<v1::Resident>(m::kGetResident, req);
}

Result<v1::Resident> Residents::Get(const std::string& name, std::chrono::system_clock::time_point as_of) const {
  v1::GetResidentRequest req;
  req.set_name(name);
  SetTimestamp(as_of, req.mutable_as_of());
  return Call<v1::Resident>(m::kGetResident, req);
}

Result<v1::ListResidentsResponse> Residents::ListPage(const ListOptions& options, const std::string& page_token) const {
  v1::ListResidentsRequest req;
  ApplyListOptions(req, options, page_token);
  return Call<v1::ListResidentsResponse>(m::kListResidents, req);
}

Pager<v1::Resident> Residents::List(const ListOptions& options) const {
  return Paged<v1::Resident, v1::ListResidentsResponse>(
      m::kListResidents, v1::ListResidentsRequest(), options,
      [](const v1::ListResidentsResponse& r) -> const auto& { return r.residents(); });
}

Pager<v1::ResidentVersion> Residents::ListVersions(const std::string& name, int page_size) const {
  v1::ListResidentVersionsRequest req;
  req.set_name(name);
  return Paged<v1::ResidentVersion, v1::ListResidentVersionsResponse>(
      m::kListResidentVersions, std::move(req), ListOptions().PageSize(page_size),
      [](const v1::ListResidentVersionsResponse& r) -> const auto& { return r.versions(); });
}

Result<v1::Resident> Residents::IssueViolationNotice(v1::IssueViolationNoticeRequest request) const {
  return Call<v1::Resident>(m::kIssueViolationNotice, std::move(request));
}

Result<v1::Resident> Residents::CureViolation(const std::string& name, const std::string& note, const std::string& etag,
                                              std::string request_id) const {
  v1::CureViolationRequest req;
  req.set_note(note);
  return Act<v1::Resident>(m::kCureViolation, req, name, etag, std::move(request_id));
}

Result<v1::Resident> Residents::Terminate(v1::TerminateResidentRequest request) const {
  return Call<v1::Resident>(m::kTerminateResident, std::move(request));
}

}  // namespace biopolis::client
