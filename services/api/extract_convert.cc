#include "services/api/extract_convert.h"

#include "core/resource_name.h"
#include "services/api/proto_convert.h"
#include "services/extracts/extract_content.h"

namespace biopolis {

void ToProto(const RegistryExtractRecord& r, v1::RegistryExtract* out) {
  out->set_name(FormatName("registryExtracts", r.id));
  out->set_number(r.number);
  out->set_subject(r.subject);
  out->set_organization(FormatName("organizations", r.organization_id));
  SetTimestamp(r.as_of, out->mutable_as_of());
  SetTimestamp(r.issue_time, out->mutable_issue_time());
  out->set_issued_by(r.issued_by);
  out->set_key_id(r.key_id);
  out->set_content(r.content);
  out->set_signature(r.signature);
  out->set_document(ExtractDocument(r.content, r.key_id, r.signature));
}

void ToProto(const PublicKey& k, bool active, v1::SigningKey* out) {
  out->set_key_id(k.key_id);
  out->set_public_key(k.public_key_hex);
  if (k.revoke_time != 0) SetTimestamp(k.revoke_time, out->mutable_revoke_time());
  out->set_active(active);
}

void ToProto(const PublicEntry& e, v1::PublicResident* out) {
  out->set_registry_number(e.registry_number);
  out->set_full_name(e.full_name);
  out->set_short_name(e.short_name);
  out->set_inn(e.inn);
  out->set_ogrn(e.ogrn);
  out->set_state(static_cast<v1::Resident::State>(e.state));
  if (e.inclusion_date.IsValid()) SetDate(e.inclusion_date, out->mutable_inclusion_date());
  if (e.exclusion_date.IsValid()) SetDate(e.exclusion_date, out->mutable_exclusion_date());
  for (const auto& c : e.okved_codes) out->add_okved_codes(c);
  for (const auto& s : e.sites) out->add_sites(s);
}

}  // namespace biopolis
