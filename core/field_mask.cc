#include "core/field_mask.h"

#include "core/bounded_text.h"

namespace biopolis {

Status CheckUpdateMask(const std::vector<std::string>& paths, const MaskRules& rules) {
  FieldErrors errors;
  if (paths.empty()) {
    errors.Add("update_mask", "name at least one field to change", "UPDATE_MASK_EMPTY");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string& p = paths[i];
    const std::string field = "update_mask.paths[" + std::to_string(i) + "]";
    if (!seen.insert(p).second) {
      errors.Add(field, "`" + QuoteInput(p) + "` is named twice", "UPDATE_MASK_DUPLICATE");
    } else if (rules.updatable.count(p)) {
      continue;
    } else if (rules.output_only.count(p)) {
      errors.Add(field, "`" + QuoteInput(p) + "` is output only and set by the server", "FIELD_OUTPUT_ONLY");
    } else if (rules.immutable.count(p)) {
      errors.Add(field, "`" + QuoteInput(p) + "` is immutable", "FIELD_IMMUTABLE");
    } else if (rules.restricted.count(p)) {
      errors.Add(field, "`" + QuoteInput(p) + "` may not be changed by this caller", "FIELD_NOT_UPDATABLE");
    } else {
      errors.Add(field, "`" + QuoteInput(p) + "` is not a field of this resource", "UNKNOWN_FIELD");
    }
  }
  return errors.ToStatus();
}

}  // namespace biopolis
