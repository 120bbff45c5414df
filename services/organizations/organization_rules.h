// Rules for organizations: identifier validation and who may change what.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/caller.h"
#include "core/field_mask.h"
#include "core/status.h"
#include "model/organization.h"

namespace biopolis {

// Validates every field of an organization and derives its kind from the INN.
// Violations are reported under `prefix` (e.g. "organization.inn").
std::vector<FieldViolation> ValidateOrganization(OrganizationRecord& record, const std::string& prefix);

// What `role` may name in an update mask.
MaskRules OrganizationMaskRules(Role role);

// Copies the fields named in `paths` from `patch` into `target`.
void ApplyOrganizationPatch(const OrganizationRecord& patch, const std::vector<std::string>& paths,
                            OrganizationRecord& target);

}  // namespace biopolis
