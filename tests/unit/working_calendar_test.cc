#include "core/working_calendar.h"

#include <gtest/gtest.h>

#include "services/service_desk/service_desk_rules.h"
#include "services/support/support_rules.h"

namespace biopolis {
namespace {

constexpr TimeMicros kHour = 3600 * kMicrosPerSecond;

TEST(WorkingCalendarTest, WeekdaysAndWorkingTime) {
  EXPECT_EQ(WeekdayOf({2026, 11, 27}), 4);  // Friday
  EXPECT_EQ(WeekdayOf({2026, 11, 30}), 0);  // Monday
  EXPECT_FALSE(IsWorkingDay({2026, 11, 28}));
  TimeMicros fri_noon = ZoneStartOf({2026, 11, 27}) + 12 * kHour;
  TimeMicros mon_noon = ZoneStartOf({2026, 11, 30}) + 12 * kHour;
  EXPECT_EQ(WorkingDurationBetween(fri_noon, mon_noon), 24 * kHour);  // Fri 12h + Mon 12h
  EXPECT_EQ(WorkingDurationBetween(mon_noon, fri_noon), 0);
  EXPECT_EQ(AddWorkingDays(fri_noon, 1), mon_noon);
  EXPECT_EQ(AddWorkingDays(fri_noon, 5), ZoneStartOf({2026, 12, 4}) + 12 * kHour);
  // Starting on a weekend counts from Monday morning.
  EXPECT_EQ(AddWorkingDays(ZoneStartOf({2026, 11, 28}) + 5 * kHour, 1), ZoneStartOf({2026, 12, 1}));
}

TEST(ServiceDeskRulesTest, TransitionsByRole) {
  using S = ServiceRequestState;
  EXPECT_TRUE(CheckServiceTransition("r", S::kNew, ServiceAction::kTake, Role::kOfficer).ok());
  EXPECT_TRUE(CheckServiceTransition("r", S::kReopened, ServiceAction::kTake, Role::kOfficer).ok());
  EXPECT_EQ(CheckServiceTransition("r", S::kNew, ServiceAction::kTake, Role::kResident).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckServiceTransition("r", S::kClosed, ServiceAction::kReopen, Role::kResident).code(),
            StatusCode::kFailedPrecondition);
  for (auto s : {S::kNew, S::kInProgress, S::kWaitingForResident, S::kReopened}) {
    EXPECT_TRUE(CheckServiceTransition("r", s, ServiceAction::kCancel, Role::kResident).ok());
  }
  for (auto s : {S::kResolved, S::kClosed, S::kCancelled}) {
    EXPECT_FALSE(CheckServiceTransition("r", s, ServiceAction::kCancel, Role::kResident).ok());
  }
}

TEST(ServiceDeskRulesTest, PausedRequestsAreNeverOverdue) {
  ServiceRequestRecord r;
  r.state = ServiceRequestState::kInProgress;
  r.due_time = 100;
  EXPECT_TRUE(IsOverdue(r, 101));
  r.state = ServiceRequestState::kWaitingForResident;
  EXPECT_FALSE(IsOverdue(r, 101));
  r.state = ServiceRequestState::kResolved;
  EXPECT_FALSE(IsOverdue(r, 101));
}

TEST(SupportRulesTest, TransitionsByRoleAndState) {
  using S = SupportRequestState;
  int allowed = 0;
  for (const auto& t : SupportTransitions()) {
    for (int s = 1; s < kSupportRequestStateCount; ++s) {
      for (Role role : {Role::kAdmin, Role::kOfficer, Role::kResident, Role::kAuditor}) {
        Status st = CheckSupportTransition("r", static_cast<S>(s), t.action, role);
        bool role_ok = std::find(t.roles.begin(), t.roles.end(), role) != t.roles.end();
        bool state_ok = std::find(t.from.begin(), t.from.end(), static_cast<S>(s)) != t.from.end();
        if (!role_ok) {
          EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
        } else if (!state_ok) {
          EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
        } else {
          EXPECT_TRUE(st.ok());
          ++allowed;
        }
      }
    }
  }
  EXPECT_EQ(allowed, 15);
  // Money moves only by officers; closed, rejected and withdrawn are terminal.
  for (auto terminal : {S::kClosed, S::kRejected, S::kWithdrawn}) {
    for (const auto& t : SupportTransitions()) {
      for (Role role : {Role::kOfficer, Role::kResident})
        EXPECT_FALSE(CheckSupportTransition("r", terminal, t.action, role).ok());
    }
  }
}

TEST(SupportRulesTest, EligibilityRules) {
  SupportMeasureRecord m;
  m.open_from = {2026, 1, 1};
  m.open_until = {2026, 12, 31};
  m.eligibility.require_active_status = true;
  m.eligibility.require_no_open_violation = true;
  m.eligibility.min_investment_made_kopecks = 100;
  m.eligibility.okved_prefixes = {"21"};
  ResidentRecord r;
  r.state = ResidentState::kUnderRemedy;
  SupportApplicant a;
  a.resident = &r;
  a.okved_codes = {"72.11"};
  std::set<std::string> reasons;
  for (const auto& v : CheckSupportEligibility(m, a, {2027, 1, 1})) reasons.insert(v.reason);
  EXPECT_EQ(reasons, (std::set<std::string>{"MEASURE_NOT_OPEN", "RESIDENT_NOT_ACTIVE", "OPEN_VIOLATION",
                                            "INVESTMENT_MADE_BELOW_MINIMUM", "OKVED_NOT_ELIGIBLE"}));
  r.state = ResidentState::kActive;
  a.okved_codes = {"21.20.1"};
  a.investment_made_kopecks = 100;
  EXPECT_TRUE(CheckSupportEligibility(m, a, {2026, 6, 1}).empty());
  SupportApplicant none;
  EXPECT_EQ(CheckSupportEligibility(m, none, {2026, 6, 1}).at(0).reason, "NOT_A_RESIDENT");
}

}  // namespace
}  // namespace biopolis
