#include "services/api/api_key_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"

namespace biopolis {

void ToProto(const ApiKeyRecord& r, TimeMicros now, v1::ApiKey* out) {
  out->set_name(FormatName("apiKeys", r.id));
  out->set_display_name(r.display_name);
  out->set_role(static_cast<v1::Role>(r.role));
  if (r.organization_id != 0) out->set_organization(FormatName("organizations", r.organization_id));
  if (r.expire_time != 0) SetTimestamp(r.expire_time, out->mutable_expire_time());
  out->set_state(static_cast<v1::ApiKey::State>(ApiKeyStateAt(r, now)));
  out->set_key_prefix(r.key_prefix);
  SetTimestamp(r.create_time, out->mutable_create_time());
  if (r.revoke_time != 0) SetTimestamp(r.revoke_time, out->mutable_revoke_time());
}

Result<ApiKeyRecord> FromProto(const v1::ApiKey& p, const std::string& prefix) {
  ApiKeyRecord r;
  FieldErrors errors;
  r.display_name = p.display_name();
  if (!v1::Role_IsValid(p.role())) {
    errors.Add(prefix + ".role", "is not a known role", "INVALID_ENUM_VALUE");
  } else {
    r.role = static_cast<Role>(p.role());
  }
  if (!p.organization().empty()) {
    auto org = ParseName(p.organization(), "organizations", prefix + ".organization");
    if (!org.ok()) {
      errors.Append(org.status().field_violations());
    } else {
      r.organization_id = *org;
    }
  }
  if (p.has_expire_time()) r.expire_time = FromTimestamp(p.expire_time());
  if (!errors.empty()) return errors.ToStatus();
  return r;
}

}  // namespace biopolis
