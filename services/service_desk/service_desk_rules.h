// Rules of the one-stop shop: the service request state machine, the SLA
// clock (working days, paused while waiting for the resident), and
// validation. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/caller.h"
#include "core/field_mask.h"
#include "core/state_machine.h"
#include "core/status.h"
#include "model/service_desk.h"

namespace biopolis {

enum class ServiceAction { kTake, kAsk, kRespond, kResolve, kConfirm, kReopen, kCancel };

const char* ServiceRequestStateName(ServiceRequestState state);

using ServiceTransition = StateTransition<ServiceRequestState, ServiceAction>;
const std::vector<ServiceTransition>& ServiceTransitions();

Status CheckServiceTransition(const std::string& name, ServiceRequestState from, ServiceAction action, Role role);
ServiceRequestState ServiceStateAfter(ServiceAction action);

// True while the request counts against its SLA and is past due.
bool IsOverdue(const ServiceRequestRecord& request, TimeMicros now);
// Applies the clock side of a transition at `now`: pausing on kAsk, moving the
// due time by the paused working time on kRespond, judging the SLA on kResolve.
void ApplySlaClock(ServiceRequestRecord& request, ServiceAction action, TimeMicros now);
// Terminal states take no messages.
bool AcceptsMessages(ServiceRequestState state);

std::vector<FieldViolation> ValidateServiceType(const ServiceTypeRecord& type, const std::string& prefix);
MaskRules ServiceTypeMaskRules();
void ApplyServiceTypePatch(const ServiceTypeRecord& patch, const std::vector<std::string>& paths,
                           ServiceTypeRecord& target);

}  // namespace biopolis
