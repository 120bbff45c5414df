#include "core/caller.h"

namespace biopolis {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "ROLE_ADMIN";
    case Role::kOfficer:
      return "ROLE_OFFICER";
    case Role::kResident:
      return "ROLE_RESIDENT";
    case Role::kAuditor:
      return "ROLE_AUDITOR";
    case Role::kUnspecified:
      break;
  }
  return "ROLE_UNSPECIFIED";
}

}  // namespace biopolis
