#include "core/caller.h"

namespace biopolis {

const char* RoleName(Role role) { return kRoles.Name(role); }

}  // namespace biopolis
