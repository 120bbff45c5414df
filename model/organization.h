// An organization (a company or an individual entrepreneur) known to the zone:
// applicant, resident, or both.
// Plain records: the rules operate on them, storage persists them. Enum
// numbering equals the public proto enums (tied by static_asserts in
// services/api/).
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/enum_table.h"

namespace biopolis {

enum class OrganizationKind { kUnspecified = 0, kLegalEntity = 1, kIndividualEntrepreneur = 2 };

// Each value's public name (core/enum_table.h).
inline constexpr auto kOrganizationKinds = MakeEnumTable<OrganizationKind>(
    "KIND_UNSPECIFIED", {{OrganizationKind::kLegalEntity, "KIND_LEGAL_ENTITY"},
                         {OrganizationKind::kIndividualEntrepreneur, "KIND_INDIVIDUAL_ENTREPRENEUR"}});

struct OrganizationRecord {
  std::int64_t id = 0;
  OrganizationKind kind = OrganizationKind::kUnspecified;
  std::string inn;
  std::string ogrn;
  std::string kpp;
  std::string full_name;
  std::string short_name;
  std::string legal_address;
  std::string contact_person;
  std::string contact_email;
  std::string contact_phone;
  TimeMicros create_time = 0;
  TimeMicros update_time = 0;
  std::int64_t version = 0;
  // Written to the history with each Insert/Update: when this content took
  // effect. 0: at create_time (Insert) or update_time (Update). Not read back.
  TimeMicros effective_time = 0;
};

}  // namespace biopolis
