// Update masks: checks the paths of a FieldMask against what a caller may
// change, one field violation per bad path.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace biopolis {

struct MaskRules {
  // Fields this caller may change.
  std::set<std::string> updatable;
  // Fields nobody may change through Update (server-owned or immutable),
  // answered "is output only" / "is immutable".
  std::set<std::string> output_only;
  std::set<std::string> immutable;
  // Fields others may change but this caller may not (e.g. a resident and the
  // legal name): answered "may not be changed by this caller".
  std::set<std::string> restricted;
};

// OK when every path is updatable and there is at least one; otherwise
// INVALID_ARGUMENT with one violation per bad path under `update_mask.paths[i]`.
Status CheckUpdateMask(const std::vector<std::string>& paths, const MaskRules& rules);

}  // namespace biopolis
