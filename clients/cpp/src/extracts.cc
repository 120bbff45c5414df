#include "biopolis/extracts.h"

#include "call_runner.h"

namespace biopolis::client {

namespace m = v1::methods;

Result<v1::RegistryExtract> RegistryExtracts::Issue(const std::string& subject,
                                                    std::optional<std::chrono::system_clock::time_point> as_of,
                                                    std::string request_id) const {
  v1::IssueRegistryExtractRequest req;
  req.set_subject(subject);
  if (as_of) SetTimestamp(*as_of, req.mutable_as_of());
  req.set_request_id(std::move(request_id));
  return Call<v1::RegistryExtract>(m::kIssueRegistryExtract, std::move(req));
}

Result<v1::RegistryExtract> RegistryExtracts::Get(const std::string& name, bool include_pdf) const {
  v1::GetRegistryExtractRequest req;
  req.set_name(name);
  req.set_include_pdf(include_pdf);
  return Call<v1::RegistryExtract>(m::kGetRegistryExtract, req);
}

Pager<v1::RegistryExtract> RegistryExtracts::List(const ListOptions& options) const {
  return Paged<v1::RegistryExtract, v1::ListRegistryExtractsResponse>(
      m::kListRegistryExtracts, v1::ListRegistryExtractsRequest(), options,
      [](const v1::ListRegistryExtractsResponse& r) -> const auto& { return r.registry_extracts(); });
}

Pager<v1::PublicResident> PublicRegistry::List(v1::ListPublicResidentsRequest request, int page_size) const {
  return Paged<v1::PublicResident, v1::ListPublicResidentsResponse>(
      m::kListPublicResidents, std::move(request), ListOptions().PageSize(page_size),
      [](const v1::ListPublicResidentsResponse& r) -> const auto& { return r.residents(); });
}

Result<v1::PublicResident> PublicRegistry::Get(const std::string& registry_number,
                                               std::optional<std::chrono::system_clock::time_point> as_of) const {
  v1::GetPublicResidentRequest req;
  req.set_registry_number(registry_number);
  if (as_of) SetTimestamp(*as_of, req.mutable_as_of());
  return Call<v1::PublicResident>(m::kGetPublicResident, req);
}

Result<v1::GetSigningKeysResponse> PublicRegistry::SigningKeys() const {
  return Call<v1::GetSigningKeysResponse>(m::kGetSigningKeys, v1::GetSigningKeysRequest());
}

Result<PublicRegistryExport> PublicRegistry::Export(std::optional<std::chrono::system_clock::time_point> as_of) const {
  v1::ExportPublicRegistryRequest req;
  if (as_of) SetTimestamp(*as_of, req.mutable_as_of());
  PublicRegistryExport out;
  auto attempt = [&](const CallContext& context) -> std::optional<Error> {
    out = PublicRegistryExport();
    auto stream = runner()->connection().OpenServerStream(m::kExportPublicRegistry, req, context);
    if (!stream) return Error(StatusCode::UNIMPLEMENTED, "the connection cannot stream the export");
    v1::ExportPublicRegistryResponse message;
    while (stream->Read(&message)) {
      if (message.file_name() == "public-registry.csv") out.csv += message.data();
      if (message.file_name() == "public-registry.json") out.json += message.data();
      if (!message.manifest().empty()) {
        out.manifest = message.manifest();
        out.signed_manifest = message.signed_manifest();
      }
    }
    return stream->Finish();
  };
  // A read: every attempt starts over.
  if (auto error = runner()->Retry(call_options(), /*retry=*/true, call_options().deadline.has_value(), attempt,
                                   [] { return true; })) {
    return *std::move(error);
  }
  return out;
}

Result<v1::SigningKey> SigningKeyAdmin::Rotate(std::string request_id) const {
  v1::RotateSigningKeyRequest req;
  req.set_request_id(std::move(request_id));
  return Call<v1::SigningKey>(m::kRotateSigningKey, std::move(req));
}

Result<v1::SigningKey> SigningKeyAdmin::Revoke(const std::string& key_id, std::string request_id) const {
  v1::RevokeSigningKeyRequest req;
  req.set_key_id(key_id);
  req.set_request_id(std::move(request_id));
  return Call<v1::SigningKey>(m::kRevokeSigningKey, std::move(req));
}

}  // namespace biopolis::client
