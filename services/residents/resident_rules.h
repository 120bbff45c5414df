// Rules of the registry of residents: status transitions and their inputs.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/caller.h"
#include "core/state_machine.h"
#include "core/status.h"
#include "model/resident.h"

namespace biopolis {

enum class ResidentAction { kIssueViolationNotice, kCureViolation, kTerminate };

const char* ResidentStateName(ResidentState state);

using ResidentTransition = StateTransition<ResidentState, ResidentAction>;
const std::vector<ResidentTransition>& ResidentTransitions();

// PERMISSION_DENIED for a role that may never act so; FAILED_PRECONDITION
// (WRONG_STATE) for a state that does not allow it.
Status CheckResidentTransition(const std::string& name, ResidentState from, ResidentAction action, Role role);
ResidentState ResidentStateAfter(ResidentAction action);

struct ResidentActionArgs {
  std::string text;  // violation description, cure note, termination explanation
  Date date;         // cure-by date or termination effective date
  TerminationGround ground = TerminationGround::kUnspecified;
};

// Validates the arguments that do not depend on the stored record; `today`
// is the zone date.
Status ValidateResidentArgs(ResidentAction action, const ResidentActionArgs& args, const Date& today);

// When a change takes effect, for the registry's history: a termination from
// the start (zone time) of its effective date, but never before the entry was
// made (`entry_create_time`); a notice or a cure at once (`now`).
TimeMicros EffectiveTimeOf(ResidentAction action, const ResidentActionArgs& args, TimeMicros entry_create_time,
                           TimeMicros now);

}  // namespace biopolis
