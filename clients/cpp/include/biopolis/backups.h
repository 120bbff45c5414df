// Backups (AdminService): online backups of the server's database (administrators).
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/admin.pb.h"

namespace biopolis::client {

class Backups : public ServiceClient<Backups> {
 public:
  using ServiceClient::ServiceClient;
  // A consistent online backup to `path` on the server's machine. Never
  // retried: the request carries no request_id and a second backup to the
  // same path is refused.
  Result<v1::Backup> Create(const std::string& path) const;
};

}  // namespace biopolis::client
