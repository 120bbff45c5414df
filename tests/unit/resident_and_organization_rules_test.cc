#include <gtest/gtest.h>

#include <map>
#include <set>

#include "services/organizations/organization_rules.h"
#include "services/policy/policy_book.h"
#include "services/residents/resident_rules.h"

namespace biopolis {
namespace {

TEST(ResidentStateMachineTest, EveryActionStateAndRoleMatchesTheDesign) {
  using RS = ResidentState;
  using RA = ResidentAction;
  const std::map<RA, std::pair<std::set<RS>, RS>> design = {
      {RA::kIssueViolationNotice, {{RS::kActive}, RS::kUnderRemedy}},
      {RA::kCureViolation, {{RS::kUnderRemedy}, RS::kActive}},
      {RA::kTerminate, {{RS::kActive, RS::kUnderRemedy}, RS::kTerminated}},
  };
  for (const auto& [action, expected] : design) {
    for (RS state : {RS::kActive, RS::kUnderRemedy, RS::kTerminated}) {
      for (Role role : {Role::kAdmin, Role::kOfficer, Role::kResident, Role::kAuditor}) {
        Status st = CheckResidentTransition("residents/1", state, action, role);
        if (role != Role::kOfficer) {
          EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
        } else if (!expected.first.count(state)) {
          EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
          EXPECT_NE(st.message().find(ResidentStateName(state)), std::string::npos);
        } else {
          EXPECT_TRUE(st.ok());
          EXPECT_EQ(ResidentStateAfter(action), expected.second);
        }
      }
    }
  }
}

TEST(ResidentArgsTest, ValidatesEachAction) {
  Date today{2026, 11, 27};
  ResidentActionArgs args;
  args.text = "late capex";
  args.date = today;
  EXPECT_EQ(ValidateResidentArgs(ResidentAction::kIssueViolationNotice, args, today).field_violations().at(0).field,
            "cure_by");
  args.date = today.AddDays(30);
  EXPECT_TRUE(ValidateResidentArgs(ResidentAction::kIssueViolationNotice, args, today).ok());
  ResidentActionArgs term;
  Status st = ValidateResidentArgs(ResidentAction::kTerminate, term, today);
  EXPECT_EQ(st.field_violations().size(), 3u);  // explanation, ground, effective_date
}

OrganizationRecord LegalEntity() {
  OrganizationRecord r;
  r.inn = "7707083893";
  r.ogrn = "1027700132195";
  r.kpp = "773601001";
  r.full_name = "ПАО Сбербанк";
  r.legal_address = "Москва, ул. Вавилова, 19";
  return r;
}

TEST(OrganizationRulesTest, DerivesKindAndAcceptsValidRecords) {
  OrganizationRecord le = LegalEntity();
  EXPECT_TRUE(ValidateOrganization(le, "organization").empty());
  EXPECT_EQ(le.kind, OrganizationKind::kLegalEntity);
  OrganizationRecord ie;
  ie.inn = "434547560780";
  ie.ogrn = "304436915212942";
  ie.full_name = "ИП Смирнова";
  ie.legal_address = "Киров";
  EXPECT_TRUE(ValidateOrganization(ie, "organization").empty());
  EXPECT_EQ(ie.kind, OrganizationKind::kIndividualEntrepreneur);
}

TEST(OrganizationRulesTest, OneViolationPerBadField) {
  OrganizationRecord r = LegalEntity();
  r.inn = "7707083894";
  r.ogrn = "1027700132196";
  r.kpp = "77360100";
  r.contact_email = "nope";
  r.contact_phone = "12";
  r.full_name.clear();
  std::set<std::string> got;
  for (const auto& v : ValidateOrganization(r, "organization")) got.insert(v.field + ":" + v.reason);
  EXPECT_EQ(got, (std::set<std::string>{
                     "organization.inn:INVALID_INN_CHECKSUM", "organization.ogrn:INVALID_OGRN_CHECKSUM",
                     "organization.kpp:INVALID_KPP_FORMAT", "organization.contact_email:INVALID_EMAIL",
                     "organization.contact_phone:INVALID_PHONE", "organization.full_name:FIELD_REQUIRED"}));
}

TEST(OrganizationRulesTest, EntrepreneurHasNoKppAndNeedsOgrnip) {
  OrganizationRecord ie;
  ie.inn = "434547560780";
  ie.ogrn = "1027700132195";
  ie.kpp = "773601001";
  ie.full_name = "ИП";
  ie.legal_address = "Киров";
  std::set<std::string> got;
  for (const auto& v : ValidateOrganization(ie, "")) got.insert(v.field + ":" + v.reason);
  EXPECT_TRUE(got.count("ogrn:INVALID_OGRN_FORMAT"));
  EXPECT_TRUE(got.count("kpp:KPP_NOT_ALLOWED"));
}

TEST(ResidentRulesTest, ChangesTakeEffectAtOnceTerminationsOnTheirDate) {
  const TimeMicros created = ZoneStartOf(Date{2026, 3, 10}) + 5 * 3600 * kMicrosPerSecond;
  const TimeMicros now = ZoneStartOf(Date{2026, 11, 27}) + 3600 * kMicrosPerSecond;
  ResidentActionArgs args;
  args.date = Date{2026, 11, 20};
  EXPECT_EQ(EffectiveTimeOf(ResidentAction::kIssueViolationNotice, args, created, now), now);
  EXPECT_EQ(EffectiveTimeOf(ResidentAction::kCureViolation, args, created, now), now);
  // A termination from the start of its date, in zone time (UTC+3).
  EXPECT_EQ(EffectiveTimeOf(ResidentAction::kTerminate, args, created, now), ZoneStartOf(Date{2026, 11, 20}));
  EXPECT_EQ(FormatTimestamp(ZoneStartOf(Date{2026, 11, 20})), "2026-11-19T21:00:00Z");
  // ... or a later date, but never before the entry was made.
  args.date = Date{2026, 12, 31};
  EXPECT_EQ(EffectiveTimeOf(ResidentAction::kTerminate, args, created, now), ZoneStartOf(Date{2026, 12, 31}));
  args.date = Date{2026, 3, 10};
  EXPECT_EQ(EffectiveTimeOf(ResidentAction::kTerminate, args, created, now), created);
}

TEST(OrganizationRulesTest, ResidentsMayChangeOnlyContacts) {
  EXPECT_TRUE(CheckUpdateMask({"contact_email"}, OrganizationMaskRules(Role::kResident)).ok());
  EXPECT_EQ(CheckUpdateMask({"full_name"}, OrganizationMaskRules(Role::kResident)).reason(), "FIELD_NOT_UPDATABLE");
  EXPECT_TRUE(CheckUpdateMask({"full_name"}, OrganizationMaskRules(Role::kOfficer)).ok());
  EXPECT_EQ(CheckUpdateMask({"inn"}, OrganizationMaskRules(Role::kOfficer)).reason(), "FIELD_IMMUTABLE");
  EXPECT_EQ(CheckUpdateMask({"etag"}, OrganizationMaskRules(Role::kOfficer)).reason(), "FIELD_OUTPUT_ONLY");
}

TEST(PolicyRulesTest, ValidatesVersions) {
  Date today{2026, 11, 27};
  PolicyRecord p;
  p.effective_from = today;
  p.min_investment_kopecks = 100;
  p.min_investment_3y_kopecks = 50;
  p.allowed_okved_prefixes = {"21"};
  p.info_request_days = 30;
  EXPECT_TRUE(ValidatePolicy(p, today, "policy").empty());
  p.effective_from = today.AddDays(-1);
  p.min_investment_3y_kopecks = 200;
  p.allowed_okved_prefixes = {"21", "x"};
  p.info_request_days = 0;
  EXPECT_EQ(ValidatePolicy(p, today, "policy").size(), 4u);
}

}  // namespace
}  // namespace biopolis
