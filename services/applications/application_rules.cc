#include "services/applications/application_rules.h"

#include "core/bounded_text.h"
#include "core/identifiers.h"
#include "core/patch_table.h"
#include "core/text_limits.h"
#include "core/value_limits.h"

namespace biopolis {

namespace {
using S = ApplicationState;
using A = ApplicationAction;
}  // namespace

const char* ApplicationStateName(ApplicationState state) { return kApplicationStates.Name(state); }

const char* ApplicationActionName(ApplicationAction action) {
  switch (action) {
    case A::kEdit:
      return "edit";
    case A::kSubmit:
      return "submit";
    case A::kAccept:
      return "accept for review";
    case A::kRequestInformation:
      return "request information";
    case A::kRespond:
      return "respond to the information request";
    case A::kReferToExpertCouncil:
      return "refer to the expert council";
    case A::kRecordExpertOpinion:
      return "record the expert opinion";
    case A::kApprove:
      return "approve";
    case A::kReject:
      return "reject";
    case A::kWithdraw:
      return "withdraw";
    case A::kSignAgreement:
      return "sign the agreement";
    case A::kLapse:
      return "lapse";
  }
  return "act";
}

const std::vector<ApplicationTransition>& ApplicationTransitions() {
  static const std::vector<ApplicationTransition> kTable = {
      {A::kEdit, {S::kDraft}, S::kDraft, {Role::kResident}},
      {A::kSubmit, {S::kDraft}, S::kSubmitted, {Role::kResident}},
      {A::kAccept, {S::kSubmitted}, S::kUnderReview, {Role::kOfficer}},
      {A::kRequestInformation, {S::kUnderReview}, S::kInfoRequested, {Role::kOfficer}},
      {A::kRespond, {S::kInfoRequested}, S::kUnderReview, {Role::kResident}},
      {A::kReferToExpertCouncil, {S::kUnderReview}, S::kAtExpertCouncil, {Role::kOfficer}},
      {A::kRecordExpertOpinion, {S::kAtExpertCouncil}, S::kUnderReview, {Role::kOfficer}},
      {A::kApprove, {S::kUnderReview}, S::kApproved, {Role::kOfficer}},
      {A::kReject, {S::kUnderReview}, S::kRejected, {Role::kOfficer}},
      {A::kWithdraw,
       {S::kDraft, S::kSubmitted, S::kUnderReview, S::kInfoRequested, S::kAtExpertCouncil, S::kApproved},
       S::kWithdrawn,
       {Role::kResident}},
      {A::kSignAgreement, {S::kApproved}, S::kRegistered, {Role::kOfficer}},
      {A::kLapse, {S::kInfoRequested}, S::kLapsed, {}},
  };
  return kTable;
}

Status CheckApplicationTransition(const std::string& name, ApplicationState from, ApplicationAction action, Role role,
                                  bool system) {
  return CheckStateTransition(ApplicationTransitions(), {"an application", ApplicationStateName, ApplicationActionName},
                              name, from, action, role, system);
}

ApplicationState ApplicationStateAfter(ApplicationAction action, ApplicationState from) {
  if (action == A::kEdit) return from;
  return TransitionOf(ApplicationTransitions(), action).to;
}

bool IsLiveApplicationState(ApplicationState s) { return IsOneOf(s, kLiveApplicationStates); }

namespace {

// 10^15 kopecks = 10 trillion roubles: a bound that rejects overflow-sized input.
using value_limits::kMaxKopecks;

}  // namespace

std::vector<FieldViolation> ValidateApplicationDraft(const ApplicationRecord& a, const std::string& prefix) {
  FieldErrors errors;
  const std::string p = prefix.empty() ? "" : prefix + ".";
  errors.CheckText(p + "project_name", a.project_name, text_limits::kTitle);
  errors.CheckText(p + "project_description", a.project_description, text_limits::kText);
  if (a.okved_codes.size() > 50) {
    errors.Add(p + "okved_codes", "at most 50 codes", "FIELD_TOO_LONG");
  }
  for (std::size_t i = 0; i < a.okved_codes.size() && i < 50; ++i) {
    if (CheckOkved(a.okved_codes[i]) != IdCheck::kOk) {
      errors.Add(p + "okved_codes[" + std::to_string(i) + "]",
                 "`" + QuoteInput(a.okved_codes[i]) + "` is not an OKVED2 code (NN, NN.N, NN.NN, NN.NN.N or NN.NN.NN)",
                 "INVALID_OKVED_CODE");
    }
  }
  auto money = [&](const std::string& field, std::int64_t v) {
    if (v < 0)
      errors.Add(p + field, "must not be negative", "VALUE_OUT_OF_RANGE");
    else if (v > kMaxKopecks)
      errors.Add(p + field, "is implausibly large", "VALUE_OUT_OF_RANGE");
  };
  money("planned_investment_kopecks", a.planned_investment_kopecks);
  money("planned_investment_3y_kopecks", a.planned_investment_3y_kopecks);
  if (a.planned_investment_3y_kopecks > a.planned_investment_kopecks && a.planned_investment_kopecks >= 0) {
    errors.Add(p + "planned_investment_3y_kopecks", "cannot exceed planned_investment_kopecks",
               "INCONSISTENT_INVESTMENT");
  }
  if (a.requested_plot_ids.size() > 20) {
    errors.Add(p + "requested_plots", "at most 20 plots", "FIELD_TOO_LONG");
  }
  if (a.planned_jobs < 0 || a.planned_jobs > value_limits::kMaxJobs) {
    errors.Add(p + "planned_jobs", "must be between 0 and 1000000", "VALUE_OUT_OF_RANGE");
  }
  if (a.requested_land_area_m2 < 0 || a.requested_land_area_m2 > 100'000'000) {
    errors.Add(p + "requested_land_area_m2", "must be between 0 and 100000000", "VALUE_OUT_OF_RANGE");
  }
  if (!a.planned_start_date.IsEmpty() && !a.planned_start_date.IsValid()) {
    errors.Add(p + "planned_start_date", "is not a valid date", "INVALID_DATE");
  }
  if (!a.planned_completion_date.IsEmpty() && !a.planned_completion_date.IsValid()) {
    errors.Add(p + "planned_completion_date", "is not a valid date", "INVALID_DATE");
  }
  if (a.planned_start_date.IsValid() && a.planned_completion_date.IsValid() &&
      a.planned_completion_date < a.planned_start_date) {
    errors.Add(p + "planned_completion_date", "is before planned_start_date", "INVALID_DATE_RANGE");
  }
  return errors.violations();
}

std::vector<FieldViolation> CheckApplicationEligibility(const ApplicationRecord& a, const PolicyRecord& policy,
                                                        const std::string& prefix) {
  FieldErrors errors;
  errors.Append(ValidateApplicationDraft(a, prefix));
  const std::string p = prefix.empty() ? "" : prefix + ".";
  auto required = [&](bool missing, const std::string& field) {
    if (missing) errors.Add(p + field, "is required to submit", "FIELD_REQUIRED");
  };
  required(a.project_name.empty(), "project_name");
  required(a.project_description.empty(), "project_description");
  required(a.okved_codes.empty(), "okved_codes");
  required(a.planned_jobs <= 0, "planned_jobs");
  required(a.planned_start_date.IsEmpty(), "planned_start_date");
  required(a.planned_completion_date.IsEmpty(), "planned_completion_date");
  if (a.planned_investment_kopecks < policy.min_investment_kopecks) {
    errors.Add(p + "planned_investment_kopecks",
               "is below the zone minimum of " + std::to_string(policy.min_investment_kopecks) +
                   " kopecks (policy version " + std::to_string(policy.version) + ")",
               "INVESTMENT_BELOW_MINIMUM");
  }
  if (a.planned_investment_3y_kopecks < policy.min_investment_3y_kopecks) {
    errors.Add(p + "planned_investment_3y_kopecks",
               "is below the minimum of " + std::to_string(policy.min_investment_3y_kopecks) +
                   " kopecks within 3 years (policy version " + std::to_string(policy.version) + ")",
               "INVESTMENT_3Y_BELOW_MINIMUM");
  }
  for (std::size_t i = 0; i < a.okved_codes.size() && i < 50; ++i) {
    const std::string& code = a.okved_codes[i];
    if (CheckOkved(code) != IdCheck::kOk) continue;  // reported by the draft check
    bool allowed = false;
    for (const auto& prefix_code : policy.allowed_okved_prefixes) {
      allowed = allowed || OkvedHasPrefix(code, prefix_code);
    }
    if (!allowed) {
      errors.Add(
          p + "okved_codes[" + std::to_string(i) + "]",
          "activity " + code + " is not allowed in the zone (policy version " + std::to_string(policy.version) + ")",
          "OKVED_NOT_ALLOWED");
    }
  }
  return errors.violations();
}

namespace {

using ApplicationFields = PatchTable<ApplicationRecord>;
const ApplicationFields& Fields() {
  static const ApplicationFields kFields({
      ApplicationFields::Member("project_name", &ApplicationRecord::project_name),
      ApplicationFields::Member("project_description", &ApplicationRecord::project_description),
      ApplicationFields::Member("okved_codes", &ApplicationRecord::okved_codes),
      ApplicationFields::Member("planned_investment_kopecks", &ApplicationRecord::planned_investment_kopecks),
      ApplicationFields::Member("planned_investment_3y_kopecks", &ApplicationRecord::planned_investment_3y_kopecks),
      ApplicationFields::Member("planned_jobs", &ApplicationRecord::planned_jobs),
      ApplicationFields::Member("requested_land_area_m2", &ApplicationRecord::requested_land_area_m2),
      ApplicationFields::Member("requested_plots", &ApplicationRecord::requested_plot_ids),
      ApplicationFields::Member("planned_start_date", &ApplicationRecord::planned_start_date),
      ApplicationFields::Member("planned_completion_date", &ApplicationRecord::planned_completion_date),
  });
  return kFields;
}

}  // namespace

MaskRules ApplicationMaskRules() {
  MaskRules rules;
  rules.updatable = Fields().Paths();
  rules.immutable = {"organization"};
  rules.output_only = {"name",
                       "state",
                       "policy_version",
                       "info_request",
                       "expert_opinion",
                       "expert_opinion_summary",
                       "approval_comment",
                       "rejection",
                       "withdrawal_reason",
                       "resident",
                       "submit_time",
                       "create_time",
                       "update_time",
                       "etag"};
  return rules;
}

void ApplyApplicationPatch(const ApplicationRecord& patch, const std::vector<std::string>& paths,
                           ApplicationRecord& t) {
  Fields().Apply(patch, paths, t);
}

std::vector<FieldViolation> ValidateCommitments(const std::vector<CommitmentRecord>& commitments,
                                                const std::string& prefix) {
  FieldErrors errors;
  if (commitments.empty()) {
    errors.Add(prefix, "at least one dated commitment is required", "FIELD_REQUIRED");
  }
  if (commitments.size() > 100) errors.Add(prefix, "at most 100 commitments", "FIELD_TOO_LONG");
  for (std::size_t i = 0; i < commitments.size() && i < 100; ++i) {
    const auto& c = commitments[i];
    const std::string p = prefix + "[" + std::to_string(i) + "]";
    if (!c.due_date.IsValid()) {
      errors.Add(p + ".due_date", "is not a valid date", "INVALID_DATE");
    } else if (i > 0 && commitments[i - 1].due_date.IsValid() && !(commitments[i - 1].due_date < c.due_date)) {
      errors.Add(p + ".due_date", "must be after the previous commitment's due date", "INVALID_DATE_RANGE");
    }
    if (c.investment_kopecks < 0 || c.investment_kopecks > kMaxKopecks) {
      errors.Add(p + ".investment_kopecks", "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
    } else if (i > 0 && c.investment_kopecks < commitments[i - 1].investment_kopecks) {
      errors.Add(p + ".investment_kopecks", "is cumulative and cannot decrease", "INCONSISTENT_COMMITMENT");
    }
    if (c.jobs < 0 || c.jobs > value_limits::kMaxJobs) {
      errors.Add(p + ".jobs", "must be between 0 and 1000000", "VALUE_OUT_OF_RANGE");
    } else if (i > 0 && c.jobs < commitments[i - 1].jobs) {
      errors.Add(p + ".jobs", "is cumulative and cannot decrease", "INCONSISTENT_COMMITMENT");
    }
  }
  return errors.violations();
}

}  // namespace biopolis
