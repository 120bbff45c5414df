#include "services/support/support_rules.h"

#include "core/identifiers.h"
#include "core/patch_table.h"
#include "core/text_limits.h"
#include "core/value_limits.h"
#include "services/documents/document_rules.h"

namespace biopolis {
namespace {
using S = SupportRequestState;
using A = SupportAction;
using value_limits::kMaxKopecks;
}  // namespace

const char* SupportRequestStateName(SupportRequestState state) { return kSupportRequestStates.Name(state); }

const std::vector<SupportTransition>& SupportTransitions() {
  static const std::vector<SupportTransition> kTable = {
      {A::kEdit, {S::kDraft}, S::kDraft, {Role::kResident}},
      {A::kSubmit, {S::kDraft}, S::kSubmitted, {Role::kResident}},
      {A::kAccept, {S::kSubmitted}, S::kUnderReview, {Role::kOfficer}},
      {A::kRequestInformation, {S::kUnderReview}, S::kInfoRequested, {Role::kOfficer}},
      {A::kRespond, {S::kInfoRequested}, S::kUnderReview, {Role::kResident}},
      {A::kApprove, {S::kUnderReview}, S::kApproved, {Role::kOfficer}},
      {A::kReject, {S::kUnderReview}, S::kRejected, {Role::kOfficer}},
      {A::kWithdraw, {S::kDraft, S::kSubmitted, S::kUnderReview, S::kInfoRequested}, S::kWithdrawn, {Role::kResident}},
      {A::kDisburse, {S::kApproved, S::kDisbursed}, S::kDisbursed, {Role::kOfficer}},
      {A::kClose, {S::kApproved, S::kDisbursed}, S::kClosed, {Role::kOfficer}},
  };
  return kTable;
}

namespace {
const char* ActionName(SupportAction a) {
  switch (a) {
    case A::kEdit:
      return "edit";
    case A::kSubmit:
      return "submit";
    case A::kAccept:
      return "accept";
    case A::kRequestInformation:
      return "request information on";
    case A::kRespond:
      return "respond on";
    case A::kApprove:
      return "approve";
    case A::kReject:
      return "reject";
    case A::kWithdraw:
      return "withdraw";
    case A::kDisburse:
      return "disburse on";
    case A::kClose:
      return "close";
  }
  return "act on";
}
}  // namespace

Status CheckSupportTransition(const std::string& name, SupportRequestState from, SupportAction action, Role role) {
  return CheckStateTransition(SupportTransitions(), {"a support request", SupportRequestStateName, ActionName}, name,
                              from, action, role);
}

SupportRequestState SupportStateAfter(SupportAction action, SupportRequestState from) {
  return action == A::kEdit ? from : TransitionOf(SupportTransitions(), action).to;
}

std::vector<FieldViolation> ValidateSupportMeasure(const SupportMeasureRecord& m, const std::string& prefix) {
  FieldErrors errors;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  if (m.kind == SupportKind::kUnspecified) errors.Add(f + "kind", "is required", "FIELD_REQUIRED");
  errors.CheckText(f + "title", m.title, text_limits::kTitle, true);
  errors.CheckText(f + "description", m.description, text_limits::kText);
  errors.CheckText(f + "legal_basis", m.legal_basis, text_limits::kLegalBasis, true);
  if (!m.open_from.IsValid()) errors.Add(f + "open_from", "is required and must be a valid date", "INVALID_DATE");
  if (!m.open_until.IsEmpty()) {
    if (!m.open_until.IsValid()) {
      errors.Add(f + "open_until", "is not a valid date", "INVALID_DATE");
    } else if (m.open_from.IsValid() && m.open_until < m.open_from) {
      errors.Add(f + "open_until", "is before open_from", "INVALID_DATE_RANGE");
    }
  }
  if (m.total_budget_kopecks < 0 || m.total_budget_kopecks > kMaxKopecks) {
    errors.Add(f + "total_budget_kopecks", "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
  }
  if (m.cap_per_resident_kopecks < 0 || m.cap_per_resident_kopecks > kMaxKopecks) {
    errors.Add(f + "cap_per_resident_kopecks", "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
  } else if (m.cap_per_resident_kopecks > 0 && m.total_budget_kopecks == 0) {
    errors.Add(f + "cap_per_resident_kopecks", "a non-monetary measure (no budget) has no cap", "INCONSISTENT_BUDGET");
  } else if (m.cap_per_resident_kopecks > m.total_budget_kopecks) {
    errors.Add(f + "cap_per_resident_kopecks", "exceeds total_budget_kopecks", "INCONSISTENT_BUDGET");
  }
  if (m.eligibility.min_investment_made_kopecks < 0) {
    errors.Add(f + "eligibility.min_investment_made_kopecks", "must not be negative", "VALUE_OUT_OF_RANGE");
  }
  for (std::size_t i = 0; i < m.eligibility.okved_prefixes.size(); ++i) {
    if (CheckOkved(m.eligibility.okved_prefixes[i]) != IdCheck::kOk) {
      errors.Add(f + "eligibility.okved_prefixes[" + std::to_string(i) + "]", "is not an OKVED2 code or prefix",
                 "INVALID_OKVED_CODE");
    }
  }
  errors.Append(CheckRequiredKinds(m.required_documents, f + "required_documents"));
  return errors.violations();
}

namespace {

using MeasureFields = PatchTable<SupportMeasureRecord>;
const MeasureFields& MeasureTable() {
  static const MeasureFields kFields({
      MeasureFields::Member("title", &SupportMeasureRecord::title),
      MeasureFields::Member("description", &SupportMeasureRecord::description),
      MeasureFields::Member("legal_basis", &SupportMeasureRecord::legal_basis),
      MeasureFields::Member("eligibility", &SupportMeasureRecord::eligibility),
      MeasureFields::Member("open_from", &SupportMeasureRecord::open_from),
      MeasureFields::Member("open_until", &SupportMeasureRecord::open_until),
      MeasureFields::Member("total_budget_kopecks", &SupportMeasureRecord::total_budget_kopecks),
      MeasureFields::Member("cap_per_resident_kopecks", &SupportMeasureRecord::cap_per_resident_kopecks),
      MeasureFields::Member("required_documents", &SupportMeasureRecord::required_documents),
  });
  return kFields;
}

using RequestFields = PatchTable<SupportRequestRecord>;
const RequestFields& RequestTable() {
  static const RequestFields kFields({
      RequestFields::Member("requested_kopecks", &SupportRequestRecord::requested_kopecks),
      RequestFields::Member("purpose", &SupportRequestRecord::purpose),
      RequestFields::Member("justification", &SupportRequestRecord::justification),
  });
  return kFields;
}

}  // namespace

MaskRules SupportMeasureMaskRules() {
  MaskRules rules;
  rules.updatable = MeasureTable().Paths();
  rules.immutable = {"kind"};
  rules.output_only = {"name", "committed_kopecks", "disbursed_kopecks", "create_time", "update_time", "etag"};
  return rules;
}

void ApplySupportMeasurePatch(const SupportMeasureRecord& patch, const std::vector<std::string>& paths,
                              SupportMeasureRecord& t) {
  MeasureTable().Apply(patch, paths, t);
}

std::vector<FieldViolation> CheckSupportEligibility(const SupportMeasureRecord& m, const SupportApplicant& a,
                                                    const Date& today) {
  FieldErrors errors;
  if (today < m.open_from || (!m.open_until.IsEmpty() && m.open_until < today)) {
    errors.Add("measure",
               "is open from " + m.open_from.ToString() +
                   (m.open_until.IsEmpty() ? "" : " to " + m.open_until.ToString()) + ", not on " + today.ToString(),
               "MEASURE_NOT_OPEN");
  }
  if (a.resident == nullptr || a.resident->state == ResidentState::kTerminated) {
    errors.Add("resident", "only a registered resident of the zone may apply", "NOT_A_RESIDENT");
    return errors.violations();
  }
  if (m.eligibility.require_active_status && a.resident->state != ResidentState::kActive) {
    errors.Add("resident", "the measure requires resident status STATE_ACTIVE", "RESIDENT_NOT_ACTIVE");
  }
  if (m.eligibility.require_no_open_violation && a.resident->state == ResidentState::kUnderRemedy) {
    errors.Add("resident", "the resident has an open violation notice", "OPEN_VIOLATION");
  }
  if (a.investment_made_kopecks < m.eligibility.min_investment_made_kopecks) {
    errors.Add("resident",
               "investment made (accepted reports) is " + std::to_string(a.investment_made_kopecks) +
                   " kopecks; the measure requires " + std::to_string(m.eligibility.min_investment_made_kopecks),
               "INVESTMENT_MADE_BELOW_MINIMUM");
  }
  if (!m.eligibility.okved_prefixes.empty()) {
    bool match = false;
    for (const auto& code : a.okved_codes) {
      for (const auto& prefix : m.eligibility.okved_prefixes) match = match || OkvedHasPrefix(code, prefix);
    }
    if (!match) errors.Add("resident", "none of the resident's OKVED codes is eligible", "OKVED_NOT_ELIGIBLE");
  }
  return errors.violations();
}

std::vector<FieldViolation> ValidateSupportRequestDraft(const SupportRequestRecord& r, const std::string& prefix) {
  FieldErrors errors;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  if (r.requested_kopecks < 0 || r.requested_kopecks > kMaxKopecks) {
    errors.Add(f + "requested_kopecks", "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
  }
  errors.CheckText(f + "purpose", r.purpose, text_limits::kReason);
  errors.CheckText(f + "justification", r.justification, text_limits::kText);
  return errors.violations();
}

std::vector<FieldViolation> CheckSupportRequestComplete(const SupportRequestRecord& r, const SupportMeasureRecord& m,
                                                        const std::string& prefix) {
  FieldErrors errors;
  errors.Append(ValidateSupportRequestDraft(r, prefix));
  const std::string f = prefix.empty() ? "" : prefix + ".";
  if (r.purpose.empty()) errors.Add(f + "purpose", "is required to submit", "FIELD_REQUIRED");
  if (m.total_budget_kopecks > 0 && r.requested_kopecks <= 0) {
    errors.Add(f + "requested_kopecks", "a monetary measure needs the amount requested", "FIELD_REQUIRED");
  }
  if (m.total_budget_kopecks == 0 && r.requested_kopecks > 0) {
    errors.Add(f + "requested_kopecks", "this measure gives no money; leave it 0", "NON_MONETARY_MEASURE");
  }
  if (m.cap_per_resident_kopecks > 0 && r.requested_kopecks > m.cap_per_resident_kopecks) {
    errors.Add(f + "requested_kopecks",
               "exceeds the cap per resident of " + std::to_string(m.cap_per_resident_kopecks) + " kopecks",
               "REQUESTED_ABOVE_CAP");
  }
  return errors.violations();
}

MaskRules SupportRequestMaskRules() {
  MaskRules rules;
  rules.updatable = RequestTable().Paths();
  rules.immutable = {"measure"};
  rules.output_only = {"name",
                       "resident",
                       "state",
                       "info_request",
                       "info_response",
                       "granted_kopecks",
                       "disbursed_kopecks",
                       "disbursements",
                       "decision_reason",
                       "submit_time",
                       "create_time",
                       "update_time",
                       "etag"};
  return rules;
}

void ApplySupportRequestPatch(const SupportRequestRecord& patch, const std::vector<std::string>& paths,
                              SupportRequestRecord& t) {
  RequestTable().Apply(patch, paths, t);
}

}  // namespace biopolis
