// Rules of resident applications: the state machine (who may move an
// application from which state to which), field validation for drafts, and
// the eligibility checks of the zone policy. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/caller.h"
#include "core/field_mask.h"
#include "core/state_machine.h"
#include "core/status.h"
#include "model/application.h"
#include "model/policy.h"
#include "model/resident.h"

namespace biopolis {

enum class ApplicationAction {
  kEdit,  // update or delete a draft
  kSubmit,
  kAccept,
  kRequestInformation,
  kRespond,
  kReferToExpertCouncil,
  kRecordExpertOpinion,
  kApprove,
  kReject,
  kWithdraw,
  kSignAgreement,
  kLapse,  // the server's own timed transition
};

const char* ApplicationStateName(ApplicationState state);
const char* ApplicationActionName(ApplicationAction action);

// One row of the transition table.
using ApplicationTransition = StateTransition<ApplicationState, ApplicationAction>;
const std::vector<ApplicationTransition>& ApplicationTransitions();

// OK when `role` may perform `action` on an application in `from`.
// PERMISSION_DENIED when the role may never perform it; FAILED_PRECONDITION
// (WRONG_STATE, naming the current state) when the state does not allow it.
// `system` is the server's own caller, the only one allowed kLapse.
Status CheckApplicationTransition(const std::string& name, ApplicationState from, ApplicationAction action, Role role,
                                  bool system = false);

// The state after `action` from `from` (kEdit: unchanged).
ApplicationState ApplicationStateAfter(ApplicationAction action, ApplicationState from);

// True for DRAFT..APPROVED (an organization has at most one such application).
bool IsLiveApplicationState(ApplicationState state);

// Field formats of a draft (ranges, codes, dates); nothing is required yet.
std::vector<FieldViolation> ValidateApplicationDraft(const ApplicationRecord& app, const std::string& prefix);

// Everything submission demands: required fields present, and the policy's
// rules (minimum investment, within 3 years, allowed OKVED). One violation
// per failing rule, with a stable reason.
std::vector<FieldViolation> CheckApplicationEligibility(const ApplicationRecord& app, const PolicyRecord& policy,
                                                        const std::string& prefix);

MaskRules ApplicationMaskRules();
void ApplyApplicationPatch(const ApplicationRecord& patch, const std::vector<std::string>& paths,
                           ApplicationRecord& target);

// Validates the commitments of an agreement: at least one; due dates valid and
// strictly increasing; figures non-negative and non-decreasing.
std::vector<FieldViolation> ValidateCommitments(const std::vector<CommitmentRecord>& commitments,
                                                const std::string& prefix);

}  // namespace biopolis
