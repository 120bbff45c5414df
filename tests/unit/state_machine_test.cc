#include "core/state_machine.h"

#include <gtest/gtest.h>

#include <vector>

namespace biopolis {
namespace {

// A toy machine, so the mechanism is tested apart from any area's table.
enum class Light { kOff, kOn, kBroken };
enum class Switch { kTurnOn, kTurnOff, kBreak };

const char* LightName(Light l) {
  switch (l) {
    case Light::kOff:
      return "STATE_OFF";
    case Light::kOn:
      return "STATE_ON";
    case Light::kBroken:
      return "STATE_BROKEN";
  }
  return "?";
}
const char* SwitchName(Switch s) {
  switch (s) {
    case Switch::kTurnOn:
      return "turn on";
    case Switch::kTurnOff:
      return "turn off";
    case Switch::kBreak:
      return "break";
  }
  return "?";
}

const std::vector<StateTransition<Light, Switch>> kTable = {
    {Switch::kTurnOn, {Light::kOff}, Light::kOn, {Role::kResident, Role::kOfficer}},
    {Switch::kTurnOff, {Light::kOn}, Light::kOff, {Role::kResident}},
    {Switch::kBreak, {Light::kOff, Light::kOn}, Light::kBroken, {}},  // only the server
};
const StateMachineNames<Light, Switch> kNames{"a light", LightName, SwitchName};

Status Check(Light from, Switch action, Role role, bool system = false) {
  return CheckStateTransition(kTable, kNames, "lights/1", from, action, role, system);
}

TEST(StateMachineTest, AnAllowedRoleInAnAllowedStatePasses) {
  EXPECT_TRUE(Check(Light::kOff, Switch::kTurnOn, Role::kResident).ok());
  EXPECT_TRUE(Check(Light::kOff, Switch::kTurnOn, Role::kOfficer).ok());
  EXPECT_TRUE(Check(Light::kOn, Switch::kBreak, Role::kUnspecified, /*system=*/true).ok());
  EXPECT_EQ(TransitionOf(kTable, Switch::kTurnOff).to, Light::kOff);
}

TEST(StateMachineTest, TheRoleIsCheckedBeforeTheState) {
  // Wrong role and wrong state at once: the role wins, so a caller never learns the state of what it may not touch.
  Status s = Check(Light::kOn, Switch::kTurnOn, Role::kAuditor);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("may not turn on a light"), std::string::npos) << s.message();
}

TEST(StateMachineTest, AWrongStateNamesTheStatesItMustBeIn) {
  Status s = Check(Light::kBroken, Switch::kTurnOn, Role::kResident);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "WRONG_STATE");
  EXPECT_EQ(s.message(), "lights/1 is in state STATE_BROKEN; to turn on it, it must be STATE_OFF");
  s = Check(Light::kBroken, Switch::kBreak, Role::kUnspecified, true);
  EXPECT_NE(s.message().find("it must be STATE_OFF or STATE_ON"), std::string::npos) << s.message();
}

TEST(StateMachineTest, RowsWithoutRolesAreTheServersAlone) {
  EXPECT_EQ(Check(Light::kOn, Switch::kBreak, Role::kAdmin).code(), StatusCode::kPermissionDenied);
  // And the server may not take a row meant for people.
  EXPECT_EQ(Check(Light::kOff, Switch::kTurnOn, Role::kUnspecified, true).code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace biopolis
