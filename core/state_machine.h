// The one mechanism behind every resource's state machine (applications,
// residents, plots, support requests, service requests): a table of
// transitions and the check that answers "may this role take this action on a
// record in this state?" with the precise error. Each area keeps only its
// table and its names. Pure functions of their arguments; thread-safe.
#ifndef BIOPOLIS_SERVICES_CORE_STATE_MACHINE_H_
#define BIOPOLIS_SERVICES_CORE_STATE_MACHINE_H_

#include <algorithm>
#include <string>
#include <vector>

#include "core/caller.h"
#include "core/status.h"

namespace biopolis {

// One row: `action` is allowed from any state in `from`, moves the record to
// `to`, and may be taken by any of `roles`. No roles: only the server itself
// takes it (a lapse or an expiry by the clock).
template <typename State, typename Action>
struct StateTransition {
  Action action;
  std::vector<State> from;
  State to;
  std::vector<Role> roles;
};

// How a state machine's errors name things: `noun` with its article ("an
// application"), states by their API names, actions as verbs ("request
// information").
template <typename State, typename Action>
struct StateMachineNames {
  const char* noun;
  const char* (*state)(State);
  const char* (*action)(Action);
};

// The row of `action`. Every table has a row per action (each area's tests
// check it); the first row answers an action with none.
template <typename State, typename Action>
const StateTransition<State, Action>& TransitionOf(const std::vector<StateTransition<State, Action>>& table,
                                                   Action action) {
  for (const auto& row : table) {
    if (row.action == action) return row;
  }
  return table.front();
}

// OK when the action is allowed. Otherwise PERMISSION_DENIED when `role` may
// not take it (with `system`, only a row without roles may be taken), then
// FAILED_PRECONDITION / WRONG_STATE naming the states the record must be in.
template <typename State, typename Action>
Status CheckStateTransition(const std::vector<StateTransition<State, Action>>& table,
                            const StateMachineNames<State, Action>& names, const std::string& resource_name, State from,
                            Action action, Role role, bool system = false) {
  const auto& row = TransitionOf(table, action);
  const bool role_ok =
      system ? row.roles.empty() : std::find(row.roles.begin(), row.roles.end(), role) != row.roles.end();
  if (!role_ok) {
    return Status::PermissionDenied(std::string(RoleName(role)) + " may not " + names.action(action) + " " +
                                    names.noun);
  }
  if (std::find(row.from.begin(), row.from.end(), from) != row.from.end()) return Status::Ok();
  std::string allowed;
  for (State s : row.from) allowed += (allowed.empty() ? "" : " or ") + std::string(names.state(s));
  return Status::WrongState(resource_name, names.state(from),
                            std::string("to ") + names.action(action) + " it, it must be " + allowed);
}

}  // namespace biopolis

#endif  // BIOPOLIS_SERVICES_CORE_STATE_MACHINE_H_
