#include "services/applications/application_rules.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace biopolis {
namespace {

using S = ApplicationState;
using A = ApplicationAction;

// The state machine as DESIGN.md section 4 states it, written out here
// independently of the production table: action -> (allowed from-states, to, roles).
struct Expected {
  std::set<S> from;
  S to;
  std::set<Role> roles;
};

const std::map<A, Expected>& DesignTable() {
  static const std::map<A, Expected> kTable = {
      {A::kEdit, {{S::kDraft}, S::kDraft, {Role::kResident}}},
      {A::kSubmit, {{S::kDraft}, S::kSubmitted, {Role::kResident}}},
      {A::kAccept, {{S::kSubmitted}, S::kUnderReview, {Role::kOfficer}}},
      {A::kRequestInformation, {{S::kUnderReview}, S::kInfoRequested, {Role::kOfficer}}},
      {A::kRespond, {{S::kInfoRequested}, S::kUnderReview, {Role::kResident}}},
      {A::kReferToExpertCouncil, {{S::kUnderReview}, S::kAtExpertCouncil, {Role::kOfficer}}},
      {A::kRecordExpertOpinion, {{S::kAtExpertCouncil}, S::kUnderReview, {Role::kOfficer}}},
      {A::kApprove, {{S::kUnderReview}, S::kApproved, {Role::kOfficer}}},
      {A::kReject, {{S::kUnderReview}, S::kRejected, {Role::kOfficer}}},
      {A::kWithdraw,
       {{S::kDraft, S::kSubmitted, S::kUnderReview, S::kInfoRequested, S::kAtExpertCouncil, S::kApproved},
        S::kWithdrawn,
        {Role::kResident}}},
      {A::kSignAgreement, {{S::kApproved}, S::kRegistered, {Role::kOfficer}}},
  };
  return kTable;
}

const Role kRoles[] = {Role::kAdmin, Role::kOfficer, Role::kResident, Role::kAuditor};

TEST(ApplicationStateMachineTest, EveryActionStateAndRoleMatchesTheDesign) {
  int allowed = 0;
  int forbidden = 0;
  for (const auto& [action, expected] : DesignTable()) {
    for (int s = 1; s < kApplicationStateCount; ++s) {
      S state = static_cast<S>(s);
      for (Role role : kRoles) {
        Status st = CheckApplicationTransition("applications/1", state, action, role);
        SCOPED_TRACE(std::string(ApplicationActionName(action)) + " from " + ApplicationStateName(state) + " by " +
                     RoleName(role));
        if (!expected.roles.count(role)) {
          EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
          ++forbidden;
        } else if (!expected.from.count(state)) {
          EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
          EXPECT_EQ(st.reason(), "WRONG_STATE");
          ASSERT_TRUE(st.precondition().has_value());
          EXPECT_NE(st.precondition()->description.find(ApplicationStateName(state)), std::string::npos);
          ++forbidden;
        } else {
          EXPECT_TRUE(st.ok()) << st.ToString();
          EXPECT_EQ(ApplicationStateAfter(action, state), expected.to);
          ++allowed;
        }
      }
    }
  }
  EXPECT_EQ(allowed, 16);  // 10 single-state actions + withdraw from 6 states
  EXPECT_GT(forbidden, 400);
}

TEST(ApplicationStateMachineTest, LapseIsOnlyForTheServerItself) {
  for (Role role : kRoles) {
    EXPECT_EQ(CheckApplicationTransition("a", S::kInfoRequested, A::kLapse, role).code(),
              StatusCode::kPermissionDenied);
  }
  EXPECT_TRUE(CheckApplicationTransition("a", S::kInfoRequested, A::kLapse, Role::kAdmin, true).ok());
  EXPECT_EQ(CheckApplicationTransition("a", S::kUnderReview, A::kLapse, Role::kAdmin, true).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(ApplicationStateAfter(A::kLapse, S::kInfoRequested), S::kLapsed);
}

TEST(ApplicationStateMachineTest, TerminalStatesAllowNothing) {
  for (S terminal : {S::kRejected, S::kWithdrawn, S::kLapsed, S::kRegistered}) {
    for (const auto& t : ApplicationTransitions()) {
      for (Role role : kRoles) {
        EXPECT_FALSE(CheckApplicationTransition("a", terminal, t.action, role).ok());
      }
    }
  }
}

PolicyRecord Policy() {
  PolicyRecord p;
  p.version = 3;
  p.min_investment_kopecks = 120'000'000'00;
  p.min_investment_3y_kopecks = 40'000'000'00;
  p.allowed_okved_prefixes = {"21", "72.11"};
  p.info_request_days = 30;
  return p;
}

ApplicationRecord Eligible() {
  ApplicationRecord a;
  a.project_name = "Insulin";
  a.project_description = "GMP plant";
  a.okved_codes = {"21.20.1", "72.11"};
  a.planned_investment_kopecks = 150'000'000'00;
  a.planned_investment_3y_kopecks = 50'000'000'00;
  a.planned_jobs = 100;
  a.planned_start_date = {2026, 1, 1};
  a.planned_completion_date = {2028, 1, 1};
  return a;
}

std::set<std::string> Reasons(const std::vector<FieldViolation>& v) {
  std::set<std::string> out;
  for (const auto& x : v) out.insert(x.field + ":" + x.reason);
  return out;
}

TEST(EligibilityTest, EligibleApplicationPasses) {
  EXPECT_TRUE(CheckApplicationEligibility(Eligible(), Policy(), "application").empty());
}

TEST(EligibilityTest, EveryFailingRuleIsReported) {
  ApplicationRecord a = Eligible();
  a.planned_investment_kopecks = 100;
  a.planned_investment_3y_kopecks = 50;
  a.okved_codes = {"21.20.1", "47.11", "bad"};
  a.project_name.clear();
  a.planned_jobs = 0;
  auto reasons = Reasons(CheckApplicationEligibility(a, Policy(), "application"));
  EXPECT_EQ(reasons, (std::set<std::string>{
                         "application.planned_investment_kopecks:INVESTMENT_BELOW_MINIMUM",
                         "application.planned_investment_3y_kopecks:INVESTMENT_3Y_BELOW_MINIMUM",
                         "application.okved_codes[1]:OKVED_NOT_ALLOWED",
                         "application.okved_codes[2]:INVALID_OKVED_CODE",
                         "application.project_name:FIELD_REQUIRED",
                         "application.planned_jobs:FIELD_REQUIRED",
                     }));
}

TEST(EligibilityTest, PolicyBoundaryIsInclusive) {
  ApplicationRecord a = Eligible();
  a.planned_investment_kopecks = Policy().min_investment_kopecks;
  a.planned_investment_3y_kopecks = Policy().min_investment_3y_kopecks;
  EXPECT_TRUE(CheckApplicationEligibility(a, Policy(), "").empty());
  a.planned_investment_kopecks -= 1;
  EXPECT_EQ(CheckApplicationEligibility(a, Policy(), "").size(), 1u);
}

TEST(DraftValidationTest, RejectsInconsistentFigures) {
  ApplicationRecord a = Eligible();
  a.planned_investment_3y_kopecks = a.planned_investment_kopecks + 1;
  a.planned_completion_date = {2025, 1, 1};
  a.requested_land_area_m2 = -5;
  a.planned_start_date = {2026, 2, 30};
  auto reasons = Reasons(ValidateApplicationDraft(a, "application"));
  EXPECT_TRUE(reasons.count("application.planned_investment_3y_kopecks:INCONSISTENT_INVESTMENT"));
  EXPECT_TRUE(reasons.count("application.requested_land_area_m2:VALUE_OUT_OF_RANGE"));
  EXPECT_TRUE(reasons.count("application.planned_start_date:INVALID_DATE"));
}

TEST(CommitmentsTest, MustBeDatedIncreasingAndCumulative) {
  EXPECT_EQ(ValidateCommitments({}, "commitments").at(0).reason, "FIELD_REQUIRED");
  std::vector<CommitmentRecord> ok = {{{2027, 12, 31}, 100, 10}, {{2029, 12, 31}, 200, 20}};
  EXPECT_TRUE(ValidateCommitments(ok, "commitments").empty());
  std::vector<CommitmentRecord> bad = {{{2027, 12, 31}, 100, 10}, {{2027, 12, 31}, 50, 5}, {{2027, 2, 30}, -1, -1}};
  auto reasons = Reasons(ValidateCommitments(bad, "commitments"));
  EXPECT_TRUE(reasons.count("commitments[1].due_date:INVALID_DATE_RANGE"));
  EXPECT_TRUE(reasons.count("commitments[1].investment_kopecks:INCONSISTENT_COMMITMENT"));
  EXPECT_TRUE(reasons.count("commitments[1].jobs:INCONSISTENT_COMMITMENT"));
  EXPECT_TRUE(reasons.count("commitments[2].due_date:INVALID_DATE"));
  EXPECT_TRUE(reasons.count("commitments[2].investment_kopecks:VALUE_OUT_OF_RANGE"));
}

TEST(ApplicationMaskTest, ServerOwnedFieldsAreNeverUpdatable) {
  MaskRules rules = ApplicationMaskRules();
  for (const char* field : {"name", "state", "policy_version", "etag", "create_time", "update_time", "resident",
                            "submit_time", "organization", "rejection", "info_request"}) {
    EXPECT_FALSE(CheckUpdateMask({field}, rules).ok()) << field;
  }
  EXPECT_TRUE(CheckUpdateMask({"project_name", "okved_codes"}, rules).ok());
}

}  // namespace
}  // namespace biopolis
