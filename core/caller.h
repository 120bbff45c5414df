// Who is calling: the identity the service layer establishes for each call
// from that call's own metadata (never from the connection), and hands to the
// domain, which makes every authorization decision from it.
#pragma once

#include <cstdint>
#include <string>

#include "core/enum_table.h"

namespace biopolis {

// Numbering equals biopolis.v1.Role. kPublic is the server's own: a caller
// without credentials, admitted only to the public registry's methods; it
// never acts, so it is never recorded and has no public name.
enum class Role { kUnspecified = 0, kAdmin = 1, kOfficer = 2, kResident = 3, kAuditor = 4, kPublic = 100 };

// Each value's public name (core/enum_table.h).
inline constexpr auto kRoles = MakeEnumTable<Role>("ROLE_UNSPECIFIED", {{Role::kAdmin, "ROLE_ADMIN"},
                                                                        {Role::kOfficer, "ROLE_OFFICER"},
                                                                        {Role::kResident, "ROLE_RESIDENT"},
                                                                        {Role::kAuditor, "ROLE_AUDITOR"}});

const char* RoleName(Role role);

struct Caller {
  // "apiKeys/{id}", or "system" for the server's own timed transitions.
  std::string principal;
  Role role = Role::kUnspecified;
  // For Role::kResident: the organization the key is bound to; 0 otherwise.
  std::int64_t organization_id = 0;

  bool is_resident() const { return role == Role::kResident; }
  // Object-level visibility: a resident key sees only its own organization's
  // records; every other role sees all (what it may do is checked elsewhere).
  bool MaySee(std::int64_t record_organization_id) const {
    return role != Role::kResident || record_organization_id == organization_id;
  }
  // The server itself (timed transitions, demo seeding).
  static Caller System() { return Caller{"system", Role::kAdmin, 0}; }
};

}  // namespace biopolis
