// Rules of land plots and leases: the plot state machine (who may move a plot
// from which state to which), field validation, what a resident may see, and
// the effective state of a plot whose reservation or lease ran out.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/caller.h"
#include "core/field_mask.h"
#include "core/state_machine.h"
#include "core/status.h"
#include "model/land.h"

namespace biopolis {

enum class PlotAction {
  kUpdate,
  kBlock,
  kUnblock,
  kRetire,
  kReserve,
  kRelease,
  kLease,
  kEndLease,           // a lease terminated by an officer
  kExpireReservation,  // the server's own timed transition
  kExpireLease,        // the server's own timed transition
};

const char* PlotStateName(PlotState state);
const char* LeaseStateName(LeaseState state);

using PlotTransition = StateTransition<PlotState, PlotAction>;
const std::vector<PlotTransition>& PlotTransitions();

// PERMISSION_DENIED for a role that may never act so; FAILED_PRECONDITION
// for a state that does not allow it — reason PLOT_NOT_AVAILABLE for
// reserving or leasing, WRONG_STATE otherwise — naming the current state.
Status CheckPlotTransition(const std::string& name, PlotState from, PlotAction action, Role role, bool system = false);
PlotState PlotStateAfter(PlotAction action, PlotState from);

std::vector<FieldViolation> ValidatePlot(const PlotRecord& plot, const std::string& prefix);
MaskRules PlotMaskRules();
void ApplyPlotPatch(const PlotRecord& patch, const std::vector<std::string>& paths, PlotRecord& target);

std::vector<FieldViolation> ValidateLease(const LeaseRecord& lease, const std::string& prefix);

// The plot as of `now`: a reservation past its expiry or a lease past its
// end date no longer holds it.
PlotRecord EffectivePlot(PlotRecord plot, TimeMicros now);
// The lease as of `now`: past its end date it has expired.
LeaseRecord EffectiveLease(LeaseRecord lease, TimeMicros now);
// What `caller` may see: a resident never sees who holds a plot it does not hold.
PlotRecord RedactPlotFor(PlotRecord plot, const Caller& caller);

}  // namespace biopolis
