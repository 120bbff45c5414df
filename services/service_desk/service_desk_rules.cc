#include "services/service_desk/service_desk_rules.h"

#include "core/patch_table.h"
#include "core/text_limits.h"
#include "core/working_calendar.h"

namespace biopolis {
namespace {
using S = ServiceRequestState;
using A = ServiceAction;
}  // namespace

const char* ServiceRequestStateName(ServiceRequestState state) { return kServiceRequestStates.Name(state); }

const std::vector<ServiceTransition>& ServiceTransitions() {
  static const std::vector<ServiceTransition> kTable = {
      {A::kTake, {S::kNew, S::kReopened}, S::kInProgress, {Role::kOfficer}},
      {A::kAsk, {S::kInProgress}, S::kWaitingForResident, {Role::kOfficer}},
      {A::kRespond, {S::kWaitingForResident}, S::kInProgress, {Role::kResident}},
      {A::kResolve, {S::kInProgress}, S::kResolved, {Role::kOfficer}},
      {A::kConfirm, {S::kResolved}, S::kClosed, {Role::kResident}},
      {A::kReopen, {S::kResolved}, S::kReopened, {Role::kResident}},
      {A::kCancel, {S::kNew, S::kInProgress, S::kWaitingForResident, S::kReopened}, S::kCancelled, {Role::kResident}},
  };
  return kTable;
}

namespace {
const char* ActionName(ServiceAction a) {
  switch (a) {
    case A::kTake:
      return "take";
    case A::kAsk:
      return "ask the resident about";
    case A::kRespond:
      return "answer";
    case A::kResolve:
      return "resolve";
    case A::kConfirm:
      return "confirm";
    case A::kReopen:
      return "reopen";
    case A::kCancel:
      return "cancel";
  }
  return "act on";
}
}  // namespace

Status CheckServiceTransition(const std::string& name, ServiceRequestState from, ServiceAction action, Role role) {
  return CheckStateTransition(ServiceTransitions(), {"a service request", ServiceRequestStateName, ActionName}, name,
                              from, action, role);
}

ServiceRequestState ServiceStateAfter(ServiceAction action) { return TransitionOf(ServiceTransitions(), action).to; }

bool IsOverdue(const ServiceRequestRecord& r, TimeMicros now) {
  return IsOneOf(r.state, kSlaRunningStates) && now > r.due_time;
}

void ApplySlaClock(ServiceRequestRecord& r, ServiceAction action, TimeMicros now) {
  switch (action) {
    case A::kAsk:
      r.paused_at = now;
      break;
    case A::kRespond:
      // The working time spent waiting does not count against the SLA.
      r.due_time = AddWorkingDuration(r.due_time, WorkingDurationBetween(r.paused_at, now));
      r.paused_at = 0;
      break;
    case A::kCancel:
      r.paused_at = 0;
      break;
    case A::kResolve:
      r.resolve_time = now;
      r.resolved_within_sla = now <= r.due_time;
      break;
    default:
      break;
  }
}

bool AcceptsMessages(ServiceRequestState state) { return state != S::kClosed && state != S::kCancelled; }

std::vector<FieldViolation> ValidateServiceType(const ServiceTypeRecord& t, const std::string& prefix) {
  FieldErrors errors;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  errors.CheckText(f + "title", t.title, text_limits::kTitle, true);
  errors.CheckText(f + "description", t.description, text_limits::kText);
  if (t.category == ServiceCategory::kUnspecified) errors.Add(f + "category", "is required", "FIELD_REQUIRED");
  errors.CheckText(f + "responsible_unit", t.responsible_unit, text_limits::kTitle, true);
  if (t.sla_working_days < 1 || t.sla_working_days > 365) {
    errors.Add(f + "sla_working_days", "must be between 1 and 365", "VALUE_OUT_OF_RANGE");
  }
  return errors.violations();
}

namespace {

using ServiceTypeFields = PatchTable<ServiceTypeRecord>;
const ServiceTypeFields& Fields() {
  static const ServiceTypeFields kFields({
      ServiceTypeFields::Member("title", &ServiceTypeRecord::title),
      ServiceTypeFields::Member("description", &ServiceTypeRecord::description),
      ServiceTypeFields::Member("category", &ServiceTypeRecord::category),
      ServiceTypeFields::Member("responsible_unit", &ServiceTypeRecord::responsible_unit),
      ServiceTypeFields::Member("sla_working_days", &ServiceTypeRecord::sla_working_days),
      ServiceTypeFields::Member("inactive", &ServiceTypeRecord::inactive),
  });
  return kFields;
}

}  // namespace

MaskRules ServiceTypeMaskRules() {
  MaskRules rules;
  rules.updatable = Fields().Paths();
  rules.output_only = {"name", "create_time", "update_time", "etag"};
  return rules;
}

void ApplyServiceTypePatch(const ServiceTypeRecord& patch, const std::vector<std::string>& paths,
                           ServiceTypeRecord& t) {
  Fields().Apply(patch, paths, t);
}

}  // namespace biopolis
