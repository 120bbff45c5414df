// Rules of support measures and requests: the request state machine, field
// validation, and the eligibility rules of a measure. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/caller.h"
#include "core/field_mask.h"
#include "core/state_machine.h"
#include "core/status.h"
#include "model/resident.h"
#include "model/support.h"

namespace biopolis {

enum class SupportAction {
  kEdit,
  kSubmit,
  kAccept,
  kRequestInformation,
  kRespond,
  kApprove,
  kReject,
  kWithdraw,
  kDisburse,
  kClose,
};

const char* SupportRequestStateName(SupportRequestState state);

using SupportTransition = StateTransition<SupportRequestState, SupportAction>;
const std::vector<SupportTransition>& SupportTransitions();

Status CheckSupportTransition(const std::string& name, SupportRequestState from, SupportAction action, Role role);
SupportRequestState SupportStateAfter(SupportAction action, SupportRequestState from);

// A measure's fields; `today` is the zone date (a new measure may not open in the past).
std::vector<FieldViolation> ValidateSupportMeasure(const SupportMeasureRecord& measure, const std::string& prefix);
MaskRules SupportMeasureMaskRules();
void ApplySupportMeasurePatch(const SupportMeasureRecord& patch, const std::vector<std::string>& paths,
                              SupportMeasureRecord& target);

// What the eligibility rules look at, gathered by the caller.
struct SupportApplicant {
  const ResidentRecord* resident = nullptr;  // null: not a resident
  std::vector<std::string> okved_codes;
  std::int64_t investment_made_kopecks = 0;
};

// Every failing rule, as {field "measure", description, reason}.
std::vector<FieldViolation> CheckSupportEligibility(const SupportMeasureRecord& measure,
                                                    const SupportApplicant& applicant, const Date& today);

// Field formats of a request draft.
std::vector<FieldViolation> ValidateSupportRequestDraft(const SupportRequestRecord& request, const std::string& prefix);
// What submission demands beyond the draft's formats.
std::vector<FieldViolation> CheckSupportRequestComplete(const SupportRequestRecord& request,
                                                        const SupportMeasureRecord& measure, const std::string& prefix);
MaskRules SupportRequestMaskRules();
void ApplySupportRequestPatch(const SupportRequestRecord& patch, const std::vector<std::string>& paths,
                              SupportRequestRecord& target);

}  // namespace biopolis
