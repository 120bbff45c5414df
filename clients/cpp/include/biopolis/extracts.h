// Registry extracts (RegistryExtractService), the public registry
// (PublicRegistryService, callable without a key) and the administrators'
// signing-key changes (AdminService). Checking an extract offline:
// <biopolis/extract_verification.h>.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "biopolis/service_client.h"
#include "biopolis/v1/admin.pb.h"
#include "biopolis/v1/extracts.pb.h"
#include "biopolis/v1/public_registry.pb.h"

namespace biopolis::client {

class RegistryExtracts : public ServiceClient<RegistryExtracts> {
 public:
  using ServiceClient::ServiceClient;
  // `subject`: "organizations/{id}" or "residents/{id}"; as of now when unset.
  Result<v1::RegistryExtract> Issue(const std::string& subject,
                                    std::optional<std::chrono::system_clock::time_point> as_of = std::nullopt,
                                    std::string request_id = "") const;
  Result<v1::RegistryExtract> Get(const std::string& name, bool include_pdf = false) const;
  Pager<v1::RegistryExtract> List(const ListOptions& options = {}) const;
};

// The open-data export as received: the two files and the signed manifest.
struct PublicRegistryExport {
  std::string csv;
  std::string json;
  std::string manifest;
  std::string signed_manifest;
};

class PublicRegistry : public ServiceClient<PublicRegistry> {
 public:
  using ServiceClient::ServiceClient;
  // `request` carries the search (name_contains, inn, ogrn, as_of).
  Pager<v1::PublicResident> List(v1::ListPublicResidentsRequest request, int page_size = 0) const;
  Result<v1::PublicResident> Get(const std::string& registry_number,
                                 std::optional<std::chrono::system_clock::time_point> as_of = std::nullopt) const;
  Result<v1::GetSigningKeysResponse> SigningKeys() const;
  Result<PublicRegistryExport> Export(std::optional<std::chrono::system_clock::time_point> as_of = std::nullopt) const;
};

class SigningKeyAdmin : public ServiceClient<SigningKeyAdmin> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::SigningKey> Rotate(std::string request_id = "") const;
  Result<v1::SigningKey> Revoke(const std::string& key_id, std::string request_id = "") const;
};

}  // namespace biopolis::client
