// Who may call what: the one method-to-role table, deny by default.
//
// Keys are full gRPC method names ("/biopolis.v1.ApplicationService/SubmitApplication").
// A method missing from the table is denied to everyone; a test checks that
// every method of every service is listed. Object-level checks (a resident
// only touches its own organization's records) are made by the domain
// classes, not here.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/caller.h"
#include "core/status.h"

namespace biopolis {

const std::map<std::string, std::set<Role>, std::less<>>& MethodRoles();

// OK, or PERMISSION_DENIED naming the role and method.
Status AuthorizeMethod(std::string_view method, Role role);
// Whether `method` admits callers without credentials (Role::kPublic).
bool IsPublicMethod(std::string_view method);

}  // namespace biopolis
