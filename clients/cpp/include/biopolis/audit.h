// Audit (AuditService): the hash-chained audit log and its signed checkpoints.
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/audit.pb.h"

namespace biopolis::client {

class Audit : public ServiceClient<Audit> {
 public:
  using ServiceClient::ServiceClient;
  Pager<v1::AuditRecord> List(const ListOptions& options = {}) const;
  // Signed checkpoints of the log's head, newest first, with the zone's
  // public signing keys (in every page).
  Result<v1::ListAuditCheckpointsResponse> ListCheckpointsPage(const ListOptions& options = {},
                                                               const std::string& page_token = "") const;
};

}  // namespace biopolis::client
