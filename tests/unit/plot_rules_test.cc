#include "services/land/plot_rules.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace biopolis {
namespace {

using P = PlotState;
using A = PlotAction;

TEST(PlotStateMachineTest, EveryActionStateAndRoleMatchesTheDesign) {
  // DESIGN.md section 4, written out independently of the production table.
  const std::map<A, std::pair<std::set<P>, P>> design = {
      {A::kBlock, {{P::kAvailable}, P::kUnavailable}},
      {A::kUnblock, {{P::kUnavailable}, P::kAvailable}},
      {A::kRetire, {{P::kAvailable, P::kUnavailable}, P::kRetired}},
      {A::kReserve, {{P::kAvailable}, P::kReserved}},
      {A::kRelease, {{P::kReserved}, P::kAvailable}},
      {A::kLease, {{P::kAvailable, P::kReserved}, P::kLeased}},
      {A::kEndLease, {{P::kLeased}, P::kAvailable}},
  };
  int allowed = 0;
  for (const auto& [action, expected] : design) {
    for (int s = 1; s < kPlotStateCount; ++s) {
      P state = static_cast<P>(s);
      for (Role role : {Role::kAdmin, Role::kOfficer, Role::kResident, Role::kAuditor}) {
        Status st = CheckPlotTransition("plots/1", state, action, role);
        if (role != Role::kOfficer) {
          EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
        } else if (!expected.first.count(state)) {
          EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
          EXPECT_EQ(st.reason(), action == A::kReserve || action == A::kLease ? "PLOT_NOT_AVAILABLE" : "WRONG_STATE");
          ASSERT_TRUE(st.precondition().has_value());
          EXPECT_NE(st.precondition()->description.find(PlotStateName(state)), std::string::npos);
        } else {
          EXPECT_TRUE(st.ok()) << st.ToString();
          EXPECT_EQ(PlotStateAfter(action, state), expected.second);
          ++allowed;
        }
      }
    }
  }
  EXPECT_EQ(allowed, 9);
  // Retired is terminal; the timed transitions belong to the server only.
  for (const auto& t : PlotTransitions()) {
    EXPECT_FALSE(CheckPlotTransition("p", P::kRetired, t.action, Role::kOfficer).ok());
  }
  EXPECT_EQ(CheckPlotTransition("p", P::kReserved, A::kExpireReservation, Role::kOfficer).code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckPlotTransition("p", P::kReserved, A::kExpireReservation, Role::kAdmin, true).ok());
}

PlotRecord Plot() {
  PlotRecord p;
  p.cadastral_number = "43:40:000302:112";
  p.site = "North";
  p.area_m2 = 1000;
  p.permitted_use = PermittedUse::kProduction;
  return p;
}

TEST(PlotValidationTest, AcceptsAValidPlotAndReportsEachBadField) {
  EXPECT_TRUE(ValidatePlot(Plot(), "plot").empty());
  PlotRecord bad = Plot();
  bad.cadastral_number = "43-40-302-112";
  bad.area_m2 = -5;
  bad.permitted_use = PermittedUse::kUnspecified;
  bad.capacity.power_kw = -1;
  bad.has_location = true;
  bad.latitude = 91;
  std::set<std::string> got;
  for (const auto& v : ValidatePlot(bad, "plot")) got.insert(v.field + ":" + v.reason);
  EXPECT_EQ(got,
            (std::set<std::string>{"plot.cadastral_number:INVALID_CADASTRAL_NUMBER", "plot.area_m2:VALUE_OUT_OF_RANGE",
                                   "plot.permitted_use:FIELD_REQUIRED", "plot.capacity.power_kw:VALUE_OUT_OF_RANGE",
                                   "plot.location.latitude:VALUE_OUT_OF_RANGE"}));
  EXPECT_EQ(CheckUpdateMask({"cadastral_number"}, PlotMaskRules()).reason(), "FIELD_IMMUTABLE");
  EXPECT_EQ(CheckUpdateMask({"state"}, PlotMaskRules()).reason(), "FIELD_OUTPUT_ONLY");
}

TEST(PlotValidationTest, LeaseDatesAndRent) {
  LeaseRecord l;
  l.start_date = {2026, 1, 1};
  l.end_date = {2026, 1, 1};
  l.annual_rent_kopecks = -1;
  std::set<std::string> got;
  for (const auto& v : ValidateLease(l, "lease")) got.insert(v.field + ":" + v.reason);
  EXPECT_EQ(got, (std::set<std::string>{"lease.end_date:INVALID_DATE_RANGE",
                                        "lease.annual_rent_kopecks:VALUE_OUT_OF_RANGE"}));
}

TEST(PlotEffectiveStateTest, ExpiredHoldingsNoLongerHoldThePlot) {
  PlotRecord p = Plot();
  p.state = P::kReserved;
  p.reserved_application_id = 4;
  p.reservation_expire_time = 1000;
  EXPECT_EQ(EffectivePlot(p, 999).state, P::kReserved);
  EXPECT_EQ(EffectivePlot(p, 1001).state, P::kAvailable);
  EXPECT_EQ(EffectivePlot(p, 1001).reserved_application_id, 0);
  PlotRecord leased = Plot();
  leased.state = P::kLeased;
  leased.lease_id = 3;
  leased.lease_end_date = {2026, 11, 26};
  TimeMicros nov27 = ZoneStartOf({2026, 11, 27});
  EXPECT_EQ(EffectivePlot(leased, nov27 - 1).state, P::kLeased);  // the last day still counts
  EXPECT_EQ(EffectivePlot(leased, nov27).state, P::kAvailable);
}

TEST(PlotRedactionTest, AResidentSeesOnlyItsOwnHoldings) {
  PlotRecord p = Plot();
  p.state = P::kReserved;
  p.reserved_application_id = 9;
  p.reservation_organization_id = 5;
  EXPECT_EQ(RedactPlotFor(p, Caller{"k", Role::kResident, 6}).reserved_application_id, 0);
  EXPECT_EQ(RedactPlotFor(p, Caller{"k", Role::kResident, 5}).reserved_application_id, 9);
  EXPECT_EQ(RedactPlotFor(p, Caller{"k", Role::kOfficer, 0}).reserved_application_id, 9);
}

}  // namespace
}  // namespace biopolis
