// The registry's history through the real server and SDK: as-of reads of
// registry entries and organizations across a rename, a notice, a cure and a
// back-dated termination; the version list; bad as_of values.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <limits>
#include <utility>

#include "biopolis/v1/resident.grpc.pb.h"
#include "server_fixture.h"

namespace biopolis::testing {
namespace {

using std::chrono::microseconds;
using std::chrono::system_clock;

constexpr TimeMicros kDay = 86'400'000'000;

class RegistryHistoryTest : public ServerFixture {
 protected:
  static system_clock::time_point At(TimeMicros t) { return system_clock::time_point(microseconds(t)); }
  TimeMicros Now() const { return clock_.Now(); }
  static TimeMicros Micros(const google::protobuf::Timestamp& t) { return t.seconds() * 1'000'000 + t.nanos() / 1000; }
};

TEST_F(RegistryHistoryTest, AnswersAnyDateAcrossRenameNoticeCureAndTermination) {
  const TimeMicros before_all = Now() - 1;
  Applicant a = ApplicantUnderReview("4345042753", "1024317979080");
  const TimeMicros org_created = Now();
  clock_.Advance(kDay);
  const TimeMicros before_registration = Now();
  clock_.Advance(1);
  const std::string resident = Register(a);
  ASSERT_FALSE(resident.empty());
  const TimeMicros registered = Now();

  // Ten days later the company is renamed.
  clock_.Advance(10 * kDay);
  auto org = officer().organizations().Get(a.organization);
  ASSERT_TRUE(org.ok());
  v1::Organization renamed = *org;
  renamed.set_full_name("АО «Новое имя»");
  ASSERT_TRUE(officer().organizations().Update(renamed, {"full_name"}).ok());
  const TimeMicros after_rename = Now();

  // A notice, cured five days later.
  clock_.Advance(kDay);
  v1::IssueViolationNoticeRequest notice;
  notice.set_name(resident);
  notice.set_description("Investment behind schedule");
  *notice.mutable_cure_by() = D(2027, 6, 1);
  ASSERT_TRUE(officer().residents().IssueViolationNotice(notice).ok());
  const TimeMicros under_remedy = Now();
  clock_.Advance(5 * kDay);
  ASSERT_TRUE(officer().residents().CureViolation(resident, "Inspection confirmed").ok());
  const TimeMicros cured = Now();

  // Ten days on, a termination recorded today that took effect three days ago.
  clock_.Advance(10 * kDay);
  const Date effective = ZoneDateOf(Now()).AddDays(-3);
  v1::TerminateResidentRequest terminate;
  terminate.set_name(resident);
  terminate.set_ground(v1::Resident::TERMINATION_GROUND_COURT_DECISION);
  *terminate.mutable_effective_date() = D(effective.year, effective.month, effective.day);
  terminate.set_explanation("Court decision");
  ASSERT_TRUE(officer().residents().Terminate(terminate).ok());
  const TimeMicros terminated_recorded = Now();
  clock_.Advance(kDay);

  // Before the registration: not in the registry.
  auto early = auditor().residents().Get(resident, At(before_registration));
  EXPECT_EQ(early.code(), client::StatusCode::NOT_FOUND);
  // Registered, under the first name.
  auto first = auditor().residents().Get(resident, At(registered));
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->state(), v1::Resident::STATE_ACTIVE);
  EXPECT_EQ(first->organization_display_name(), "Company 4345042753");
  EXPECT_EQ(first->commitments_size(), 1);
  // After the rename: the new name, still active.
  auto second = auditor().residents().Get(resident, At(after_rename));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->organization_display_name(), "АО «Новое имя»");
  EXPECT_EQ(second->state(), v1::Resident::STATE_ACTIVE);
  // During the notice.
  auto remedy = auditor().residents().Get(resident, At(under_remedy));
  ASSERT_TRUE(remedy.ok());
  EXPECT_EQ(remedy->state(), v1::Resident::STATE_UNDER_REMEDY);
  EXPECT_EQ(remedy->violation().description(), "Investment behind schedule");
  EXPECT_FALSE(remedy->violation().has_cure_time());
  // Cured.
  auto after_cure = auditor().residents().Get(resident, At(cured));
  ASSERT_TRUE(after_cure.ok());
  EXPECT_EQ(after_cure->state(), v1::Resident::STATE_ACTIVE);
  EXPECT_TRUE(after_cure->violation().has_cure_time());
  // The termination counts from its effective date, before it was recorded.
  auto day_before = auditor().residents().Get(resident, At(ZoneStartOf(effective) - 1));
  ASSERT_TRUE(day_before.ok());
  EXPECT_EQ(day_before->state(), v1::Resident::STATE_ACTIVE);
  auto on_the_day = auditor().residents().Get(resident, At(ZoneStartOf(effective)));
  ASSERT_TRUE(on_the_day.ok());
  EXPECT_EQ(on_the_day->state(), v1::Resident::STATE_TERMINATED);
  EXPECT_EQ(on_the_day->termination().ground(), v1::Resident::TERMINATION_GROUND_COURT_DECISION);

  // The organization as of each date.
  EXPECT_EQ(auditor().organizations().Get(a.organization, At(before_all)).code(), client::StatusCode::NOT_FOUND);
  auto org_then = auditor().organizations().Get(a.organization, At(org_created));
  ASSERT_TRUE(org_then.ok());
  EXPECT_EQ(org_then->full_name(), "Company 4345042753");
  auto org_now = a.client->organizations().Get(a.organization, At(after_rename));
  ASSERT_TRUE(org_now.ok());
  EXPECT_EQ(org_now->full_name(), "АО «Новое имя»");

  // The list as of each date, with the filter applied to the state then.
  auto listed = [&](TimeMicros t, const std::string& filter) {
    std::vector<std::string> names;
    auto all = auditor().residents().List(client::ListOptions().Filter(filter).AsOf(At(t))).All();
    EXPECT_TRUE(all.ok()) << all.error().ToString();
    if (all.ok()) {
      for (const auto& r : *all) names.push_back(r.name() + "|" + r.organization_display_name());
    }
    return names;
  };
  EXPECT_TRUE(listed(before_registration, "").empty());
  EXPECT_EQ(listed(registered, ""), std::vector<std::string>{resident + "|Company 4345042753"});
  EXPECT_EQ(listed(under_remedy, "state = \"STATE_UNDER_REMEDY\"").size(), 1u);
  EXPECT_TRUE(listed(cured, "state = \"STATE_UNDER_REMEDY\"").empty());
  EXPECT_TRUE(listed(Now(), "state = \"STATE_ACTIVE\"").empty());
  EXPECT_EQ(listed(Now(), "state = \"STATE_TERMINATED\"").size(), 1u);

  // The versions, oldest first: registration, notice, cure, termination.
  auto versions = auditor().residents().ListVersions(resident, 2).All();
  ASSERT_TRUE(versions.ok()) << versions.error().ToString();
  ASSERT_EQ(versions->size(), 4u);
  EXPECT_EQ((*versions)[0].version(), 1);
  EXPECT_EQ((*versions)[0].resident().state(), v1::Resident::STATE_ACTIVE);
  EXPECT_EQ((*versions)[0].resident().organization_display_name(), "Company 4345042753");
  EXPECT_EQ((*versions)[1].resident().state(), v1::Resident::STATE_UNDER_REMEDY);
  EXPECT_EQ((*versions)[1].resident().organization_display_name(), "АО «Новое имя»");
  EXPECT_EQ((*versions)[2].resident().state(), v1::Resident::STATE_ACTIVE);
  EXPECT_EQ((*versions)[3].resident().state(), v1::Resident::STATE_TERMINATED);
  EXPECT_EQ(Micros((*versions)[3].effective_time()), ZoneStartOf(effective));
  EXPECT_EQ(Micros((*versions)[3].record_time()), terminated_recorded);
  EXPECT_EQ(Micros((*versions)[1].effective_time()), under_remedy);
}

// A termination recorded after a notice but effective before it supersedes
// the notice from its effective date on.
TEST_F(RegistryHistoryTest, ABackDatedTerminationSupersedesWhatWasRecordedBeforeIt) {
  Applicant a = ApplicantUnderReview("4345042753", "1024317979080");
  const std::string resident = Register(a);
  ASSERT_FALSE(resident.empty());
  clock_.Advance(10 * kDay);
  const TimeMicros before_termination = Now() - 6 * kDay;
  const Date effective = ZoneDateOf(Now()).AddDays(-5);
  clock_.Advance(kDay);
  v1::IssueViolationNoticeRequest notice;
  notice.set_name(resident);
  notice.set_description("Late");
  *notice.mutable_cure_by() = D(2027, 6, 1);
  ASSERT_TRUE(officer().residents().IssueViolationNotice(notice).ok());
  const TimeMicros after_notice = Now();
  clock_.Advance(kDay);
  v1::TerminateResidentRequest terminate;
  terminate.set_name(resident);
  terminate.set_ground(v1::Resident::TERMINATION_GROUND_COURT_DECISION);
  *terminate.mutable_effective_date() = D(effective.year, effective.month, effective.day);
  terminate.set_explanation("Court decision of an earlier date");
  ASSERT_TRUE(officer().residents().Terminate(terminate).ok());
  auto state_at = [&](TimeMicros t) {
    auto r = auditor().residents().Get(resident, At(t));
    return r.ok() ? r->state() : v1::Resident::STATE_UNSPECIFIED;
  };
  EXPECT_EQ(state_at(before_termination), v1::Resident::STATE_ACTIVE);
  EXPECT_EQ(state_at(ZoneStartOf(effective)), v1::Resident::STATE_TERMINATED);
  EXPECT_EQ(state_at(after_notice), v1::Resident::STATE_TERMINATED);
  auto listed = auditor()
                    .residents()
                    .List(client::ListOptions().Filter("state = \"STATE_UNDER_REMEDY\"").AsOf(At(after_notice)))
                    .All();
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

// A rename entered today that took effect days ago (the company register's
// date) counts from that date.
TEST_F(RegistryHistoryTest, AnOrganizationsChangeCanTakeEffectBeforeItWasRecorded) {
  Applicant a = ApplicantUnderReview("4345042753", "1024317979080");
  clock_.Advance(20 * kDay);
  const Date effective = ZoneDateOf(Now()).AddDays(-5);
  auto org = officer().organizations().Get(a.organization);
  ASSERT_TRUE(org.ok());
  v1::UpdateOrganizationRequest rename;
  *rename.mutable_organization() = *org;
  rename.mutable_organization()->set_full_name("ООО «Переименованное»");
  rename.mutable_update_mask()->add_paths("full_name");
  *rename.mutable_effective_date() = D(effective.year, effective.month, effective.day);
  auto renamed = officer().organizations().Update(rename);
  ASSERT_TRUE(renamed.ok()) << renamed.error().ToString();
  auto name_at = [&](TimeMicros t) {
    auto o = auditor().organizations().Get(a.organization, At(t));
    return o.ok() ? o->full_name() : std::string("?");
  };
  EXPECT_EQ(name_at(ZoneStartOf(effective) - 1), "Company 4345042753");
  EXPECT_EQ(name_at(ZoneStartOf(effective)), "ООО «Переименованное»");
  // Bad dates, and a resident's own change, are refused; nothing changes.
  const int audit_before = AuditCount();
  auto bad = [&](const Date& d, client::Client& who) {
    v1::UpdateOrganizationRequest r = rename;
    *r.mutable_organization() = *auditor().organizations().Get(a.organization);
    r.mutable_organization()->set_contact_email("x@example.ru");
    r.mutable_update_mask()->Clear();
    r.mutable_update_mask()->add_paths("contact_email");
    *r.mutable_effective_date() = D(d.year, d.month, d.day);
    auto out = who.organizations().Update(r);
    return out.ok() ? std::string("OK") : out.error().reason();
  };
  EXPECT_EQ(bad(ZoneDateOf(Now()).AddDays(1), officer()), "DATE_IN_FUTURE");
  EXPECT_EQ(bad(Date{2000, 1, 1}, officer()), "INVALID_DATE_RANGE");
  EXPECT_EQ(bad(Date{2026, 2, 30}, officer()), "INVALID_DATE");
  EXPECT_EQ(bad(ZoneDateOf(Now()), *a.client), "FIELD_NOT_UPDATABLE");
  EXPECT_EQ(AuditCount(), audit_before);
}

TEST_F(RegistryHistoryTest, BadAsOfAndForeignEntriesAreRefused) {
  Applicant a = ApplicantUnderReview("4345042753", "1024317979080");
  const std::string resident = Register(a);
  ASSERT_FALSE(resident.empty());

  // In the future: INVALID_ARGUMENT on as_of, for each method.
  auto future = At(Now() + kDay);
  auto get = auditor().residents().Get(resident, future);
  ASSERT_EQ(get.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(get.error().field_violations().at(0).field, "as_of");
  EXPECT_EQ(get.error().reason(), "DATE_IN_FUTURE");
  EXPECT_EQ(auditor().organizations().Get(a.organization, future).code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(auditor().residents().ListPage(client::ListOptions().AsOf(future)).code(),
            client::StatusCode::INVALID_ARGUMENT);

  // Out of the Timestamp range (a hostile client, not the SDK): INVALID_TIMESTAMP, no overflow.
  auto stub = v1::ResidentService::NewStub(grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
  auto raw_get = [&](std::int64_t seconds, std::int32_t nanos) {
    v1::GetResidentRequest raw;
    raw.set_name(resident);
    raw.mutable_as_of()->set_seconds(seconds);
    raw.mutable_as_of()->set_nanos(nanos);
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + auditor_secret_);
    v1::Resident out;
    grpc::Status st = stub->GetResident(&ctx, raw, &out);
    return std::make_pair(st.error_code(), st.error_message());
  };
  for (auto [seconds, nanos] : {std::pair<std::int64_t, std::int32_t>{std::numeric_limits<std::int64_t>::max(), 0},
                                {std::numeric_limits<std::int64_t>::min(), 0},
                                {0, -1},
                                {0, 1'000'000'000}}) {
    auto [code, message] = raw_get(seconds, nanos);
    EXPECT_EQ(code, grpc::StatusCode::INVALID_ARGUMENT) << seconds << " " << nanos;
    EXPECT_NE(message.find("as_of"), std::string::npos) << message;
  }

  // Another organization's entry is NOT_FOUND, as of any date and for its versions.
  auto other = ResidentClient(CreateOrganization("7707083893", "1027700132195"));
  EXPECT_EQ(other->residents().Get(resident, At(Now())).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(other->residents().ListVersions(resident).All().code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(other->organizations().Get(a.organization, At(Now())).code(), client::StatusCode::NOT_FOUND);
  auto mine = a.client->residents().ListVersions(resident).All();
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 1u);
  EXPECT_EQ(auditor().residents().ListVersions("residents/999").All().code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(auditor().residents().ListVersions("residents/x").All().code(), client::StatusCode::INVALID_ARGUMENT);

  // A page token is bound to its as_of.
  Register(ApplicantUnderReview("7714698320", "1077746003334"));
  auto first_page = auditor().residents().ListPage(client::ListOptions().PageSize(1).AsOf(At(Now())));
  ASSERT_TRUE(first_page.ok());
  ASSERT_FALSE(first_page->next_page_token().empty());
  auto elsewhere = auditor().residents().ListPage(client::ListOptions().PageSize(1).AsOf(At(Now() - 1)),
                                                  first_page->next_page_token());
  EXPECT_EQ(elsewhere.code(), client::StatusCode::INVALID_ARGUMENT);
  auto followed =
      auditor().residents().ListPage(client::ListOptions().PageSize(1).AsOf(At(Now())), first_page->next_page_token());
  ASSERT_TRUE(followed.ok()) << followed.error().ToString();
  EXPECT_EQ(followed->residents_size(), 1);
}

}  // namespace
}  // namespace biopolis::testing
