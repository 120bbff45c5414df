// The land area's seam: what other areas may ask of it, inside their own
// command's unit of work (the caller's transaction; nothing here commits).
// The only land header another area includes.
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"
#include "services/domain/command_runner.h"

namespace biopolis::land_seam {

// An application that is rejected, withdrawn or lapses gives up its
// reservations: each reserved plot becomes available, with an audit record
// and event per plot naming `why`.
void ReleaseReservationsOf(CommandContext& ctx, std::int64_t application_id, const std::string& why);
// A resident whose status ends loses its leases: each active lease ends on
// `date` (state TERMINATED) and its plot becomes available.
void EndLeasesOf(CommandContext& ctx, std::int64_t resident_id, const Date& date, const std::string& why);

}  // namespace biopolis::land_seam
