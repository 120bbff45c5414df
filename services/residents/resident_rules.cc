#include "services/residents/resident_rules.h"

#include <algorithm>

#include "core/text_limits.h"

namespace biopolis {

const char* ResidentStateName(ResidentState state) { return kResidentStates.Name(state); }

const std::vector<ResidentTransition>& ResidentTransitions() {
  static const std::vector<ResidentTransition> kTable = {
      {ResidentAction::kIssueViolationNotice, {ResidentState::kActive}, ResidentState::kUnderRemedy, {Role::kOfficer}},
      {ResidentAction::kCureViolation, {ResidentState::kUnderRemedy}, ResidentState::kActive, {Role::kOfficer}},
      {ResidentAction::kTerminate,
       {ResidentState::kActive, ResidentState::kUnderRemedy},
       ResidentState::kTerminated,
       {Role::kOfficer}},
  };
  return kTable;
}

namespace {
const char* ActionName(ResidentAction action) {
  switch (action) {
    case ResidentAction::kIssueViolationNotice:
      return "issue a violation notice to";
    case ResidentAction::kCureViolation:
      return "record the cure of";
    case ResidentAction::kTerminate:
      return "terminate";
  }
  return "act on";
}
}  // namespace

Status CheckResidentTransition(const std::string& name, ResidentState from, ResidentAction action, Role role) {
  return CheckStateTransition(ResidentTransitions(), {"a resident", ResidentStateName, ActionName}, name, from, action,
                              role);
}

ResidentState ResidentStateAfter(ResidentAction action) { return TransitionOf(ResidentTransitions(), action).to; }

Status ValidateResidentArgs(ResidentAction action, const ResidentActionArgs& args, const Date& today) {
  FieldErrors errors;
  const char* text_field = action == ResidentAction::kIssueViolationNotice ? "description"
                           : action == ResidentAction::kCureViolation      ? "note"
                                                                           : "explanation";
  errors.CheckText(text_field, args.text, text_limits::kText, true);
  if (action == ResidentAction::kIssueViolationNotice) {
    if (!args.date.IsValid()) {
      errors.Add("cure_by", "is required and must be a valid date", "INVALID_DATE");
    } else if (!(today < args.date)) {
      errors.Add("cure_by", "must be after today (" + today.ToString() + ")", "DATE_NOT_IN_FUTURE");
    }
  }
  if (action == ResidentAction::kTerminate) {
    if (args.ground == TerminationGround::kUnspecified) {
      errors.Add("ground", "a termination ground is required", "FIELD_REQUIRED");
    }
    if (!args.date.IsValid()) {
      errors.Add("effective_date", "is required and must be a valid date", "INVALID_DATE");
    }
  }
  return errors.ToStatus();
}

TimeMicros EffectiveTimeOf(ResidentAction action, const ResidentActionArgs& args, TimeMicros entry_create_time,
                           TimeMicros now) {
  if (action != ResidentAction::kTerminate) return now;
  return std::max(ZoneStartOf(args.date), entry_create_time);
}

}  // namespace biopolis
