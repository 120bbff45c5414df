// ApiKeys and Backups: the two clients of AdminService.
#include "biopolis/api_keys.h"
#include "biopolis/backups.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::CreateApiKeyResponse> ApiKeys::Create(const v1::ApiKey& key, std::string request_id) const {
  v1::CreateApiKeyRequest req;
  *req.mutable_api_key() = key;
  req.set_request_id(std::move(request_id));
  return Call<v1::CreateApiKeyResponse>(m::kCreateApiKey, req);
}

Result<v1::ApiKey> ApiKeys::Get(const std::string& name) const {
  v1::GetApiKeyRequest req;
  req.set_name(name);
  return Call<v1::ApiKey>(m::kGetApiKey, req);
}

Pager<v1::ApiKey> ApiKeys::List(const ListOptions& options) const {
  return Paged<v1::ApiKey, v1::ListApiKeysResponse>(
      m::kListApiKeys, v1::ListApiKeysRequest(), options,
      [](const v1::ListApiKeysResponse& r) -> const auto& { return r.api_keys(); });
}

Result<v1::ApiKey> ApiKeys::Revoke(const std::string& name, std::string request_id) const {
  v1::RevokeApiKeyRequest req;
  req.set_name(name);
  req.set_request_id(std::move(request_id));
  return Call<v1::ApiKey>(m::kRevokeApiKey, req);
}

Result<v1::Backup> Backups::Create(const std::string& path) const {
  v1::CreateBackupRequest req;
  req.set_destination_path(path);
  // No request_id to deduplicate a retry with, and a second backup to the
  // same path is refused: one attempt only.
  return Call<v1::Backup>(m::kCreateBackup, req, /*retry=*/false);
}

}  // namespace biopolis::client
