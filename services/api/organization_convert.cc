#include "services/api/organization_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"

namespace biopolis {

void ToProto(const OrganizationRecord& r, v1::Organization* out) {
  out->set_name(FormatName("organizations", r.id));
  out->set_kind(static_cast<v1::Organization::Kind>(r.kind));
  out->set_inn(r.inn);
  out->set_ogrn(r.ogrn);
  out->set_kpp(r.kpp);
  out->set_full_name(r.full_name);
  out->set_short_name(r.short_name);
  out->set_legal_address(r.legal_address);
  out->set_contact_person(r.contact_person);
  out->set_contact_email(r.contact_email);
  out->set_contact_phone(r.contact_phone);
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

OrganizationRecord FromProto(const v1::Organization& p) {
  OrganizationRecord r;
  r.inn = p.inn();
  r.ogrn = p.ogrn();
  r.kpp = p.kpp();
  r.full_name = p.full_name();
  r.short_name = p.short_name();
  r.legal_address = p.legal_address();
  r.contact_person = p.contact_person();
  r.contact_email = p.contact_email();
  r.contact_phone = p.contact_phone();
  return r;
}

}  // namespace biopolis
