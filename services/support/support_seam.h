// The support area's seam: what other areas may ask of it, inside their own
// command's unit of work (the caller's transaction; nothing here commits).
// The only support header another area includes.
#pragma once

#include <cstdint>
#include <string>

#include "services/domain/command_runner.h"

namespace biopolis::support_seam {

// A terminated resident's open requests close: undecided ones are
// withdrawn, granted ones closed with their remainder returned to the
// measure's budget; an audit record and event per request name `why`.
void CloseRequestsOf(CommandContext& ctx, std::int64_t organization_id, const std::string& why);

}  // namespace biopolis::support_seam
