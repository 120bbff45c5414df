#include "services/organizations/organization_rules.h"

#include "core/identifiers.h"
#include "core/patch_table.h"
#include "core/text_limits.h"

namespace biopolis {
namespace {

bool LooksLikeEmail(const std::string& s) {
  auto at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos && s.back() != '.' &&
         s.find(' ') == std::string::npos && s.find('@', at + 1) == std::string::npos;
}

bool LooksLikePhone(const std::string& s) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == '+' && i == 0) && c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 10 && digits <= 15;
}

}  // namespace

std::vector<FieldViolation> ValidateOrganization(OrganizationRecord& r, const std::string& prefix) {
  FieldErrors errors;
  const std::string p = prefix.empty() ? "" : prefix + ".";
  switch (CheckInn(r.inn)) {
    case IdCheck::kOk:
      r.kind = r.inn.size() == 10 ? OrganizationKind::kLegalEntity : OrganizationKind::kIndividualEntrepreneur;
      break;
    case IdCheck::kBadFormat:
      errors.Add(p + "inn", "must be 10 digits (legal entity) or 12 digits (entrepreneur)", "INVALID_INN_FORMAT");
      break;
    case IdCheck::kBadChecksum:
      errors.Add(p + "inn", "check digit does not match", "INVALID_INN_CHECKSUM");
      break;
  }
  bool entrepreneur = r.kind == OrganizationKind::kIndividualEntrepreneur;
  bool legal = r.kind == OrganizationKind::kLegalEntity;
  if (entrepreneur || (!legal && r.ogrn.size() == 15)) {
    switch (CheckOgrnip(r.ogrn)) {
      case IdCheck::kOk:
        break;
      case IdCheck::kBadFormat:
        errors.Add(p + "ogrn", "an entrepreneur's OGRNIP is 15 digits starting with 3", "INVALID_OGRN_FORMAT");
        break;
      case IdCheck::kBadChecksum:
        errors.Add(p + "ogrn", "OGRNIP check digit does not match", "INVALID_OGRN_CHECKSUM");
        break;
    }
  } else {
    switch (CheckOgrn(r.ogrn)) {
      case IdCheck::kOk:
        break;
      case IdCheck::kBadFormat:
        errors.Add(p + "ogrn", "a legal entity's OGRN is 13 digits starting with 1 or 5", "INVALID_OGRN_FORMAT");
        break;
      case IdCheck::kBadChecksum:
        errors.Add(p + "ogrn", "OGRN check digit does not match", "INVALID_OGRN_CHECKSUM");
        break;
    }
  }
  if (entrepreneur) {
    if (!r.kpp.empty()) errors.Add(p + "kpp", "an entrepreneur has no KPP; leave it empty", "KPP_NOT_ALLOWED");
  } else if (r.kpp.empty()) {
    errors.Add(p + "kpp", "is required for a legal entity", "FIELD_REQUIRED");
  } else if (CheckKpp(r.kpp) != IdCheck::kOk) {
    errors.Add(p + "kpp", "must be 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits",
               "INVALID_KPP_FORMAT");
  }
  errors.CheckText(p + "full_name", r.full_name, text_limits::kName, true);
  errors.CheckText(p + "short_name", r.short_name, text_limits::kLabel);
  errors.CheckText(p + "legal_address", r.legal_address, text_limits::kName, true);
  errors.CheckText(p + "contact_person", r.contact_person, text_limits::kLabel);
  if (!r.contact_email.empty() && (r.contact_email.size() > text_limits::kEmail || !LooksLikeEmail(r.contact_email))) {
    errors.Add(p + "contact_email", "is not an e-mail address", "INVALID_EMAIL");
  }
  errors.CheckText(p + "contact_phone", r.contact_phone, text_limits::kLabel);
  if (!r.contact_phone.empty() && r.contact_phone.size() <= text_limits::kLabel && !LooksLikePhone(r.contact_phone)) {
    errors.Add(p + "contact_phone", "must have 10 to 15 digits, optionally a leading +", "INVALID_PHONE");
  }
  return errors.violations();
}

namespace {

using OrganizationFields = PatchTable<OrganizationRecord>;
const OrganizationFields& Fields() {
  static const OrganizationFields kFields({
      OrganizationFields::Member("kpp", &OrganizationRecord::kpp),
      OrganizationFields::Member("full_name", &OrganizationRecord::full_name),
      OrganizationFields::Member("short_name", &OrganizationRecord::short_name),
      OrganizationFields::Member("legal_address", &OrganizationRecord::legal_address),
      OrganizationFields::Member("contact_person", &OrganizationRecord::contact_person),
      OrganizationFields::Member("contact_email", &OrganizationRecord::contact_email),
      OrganizationFields::Member("contact_phone", &OrganizationRecord::contact_phone),
  });
  return kFields;
}

}  // namespace

MaskRules OrganizationMaskRules(Role role) {
  MaskRules rules;
  rules.output_only = {"name", "kind", "create_time", "update_time", "etag"};
  rules.immutable = {"inn", "ogrn"};
  rules.updatable = Fields().Paths();
  // The legal identity is the intake desk's to change; a resident keeps its contacts current.
  if (role != Role::kOfficer) {
    for (const char* legal : {"kpp", "full_name", "short_name", "legal_address"}) {
      rules.updatable.erase(legal);
      rules.restricted.insert(legal);
    }
  }
  return rules;
}

void ApplyOrganizationPatch(const OrganizationRecord& patch, const std::vector<std::string>& paths,
                            OrganizationRecord& t) {
  Fields().Apply(patch, paths, t);
}

}  // namespace biopolis
