#include "core/caller.h"

namespace biopolis {

const char* RoleName(Role role) { return role == Role::kPublic ? "a caller without credentials" : kRoles.Name(role); }

}  // namespace biopolis
