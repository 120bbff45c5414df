#include "biopolis/audit.h"

namespace biopolis::client {

namespace m = v1::methods;

Pager<v1::AuditRecord> Audit::List(const ListOptions& options) const {
  return Paged<v1::AuditRecord, v1::ListAuditRecordsResponse>(
      m::kListAuditRecords, v1::ListAuditRecordsRequest(), options,
      [](const v1::ListAuditRecordsResponse& r) -> const auto& { return r.audit_records(); });
}

Result<v1::ListAuditCheckpointsResponse> Audit::ListCheckpointsPage(const ListOptions& options,
                                                                    const std::string& page_token) const {
  v1::ListAuditCheckpointsRequest req;
  ApplyListOptions(req, options, page_token);
  return Call<v1::ListAuditCheckpointsResponse>(m::kListAuditCheckpoints, req);
}

}  // namespace biopolis::client
