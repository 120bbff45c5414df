// Support measures and the one-stop shop through the SDK against the real server.
#include <atomic>
#include <thread>

#include "server_fixture.h"

namespace biopolis::testing {
namespace {

using SupportTest = ServerFixture;

TEST_F(SupportTest, FiftyConcurrentApprovalsAgainstABudgetThatFitsTen) {
  auto applicant = ApplicantUnderReview("4345042753", "1024317979080");
  Register(applicant);
  std::string measure = CreateMeasure(1'000'000, 0);
  std::vector<std::string> requests;
  for (int i = 0; i < 50; ++i) requests.push_back(RequestUnderReview(*applicant.client, measure, 100'000));

  RaceOutcome race = Race(50, "BUDGET_EXHAUSTED", [&](int i) {
    return officer().support().Approve(requests[static_cast<std::size_t>(i)], 100'000);
  });
  EXPECT_EQ(race.ok, 10);
  EXPECT_EQ(race.refused, 40);
  EXPECT_EQ(race.other, 0);

  // The books balance to the kopeck.
  auto stats = auditor().support().Statistics(measure);
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->committed_kopecks(), 1'000'000);
  EXPECT_EQ(stats->remaining_kopecks(), 0);
  std::int64_t granted = 0;
  auto all = officer().support().ListRequests(client::ListOptions().PageSize(100)).All();
  ASSERT_TRUE(all.ok());
  for (const auto& r : *all) granted += r.granted_kopecks();
  EXPECT_EQ(granted, 1'000'000);
  std::map<int, std::int64_t> by_state;
  for (const auto& c : stats->requests()) by_state[c.state()] = c.count();
  EXPECT_EQ(by_state[v1::SupportRequest::STATE_APPROVED], 10);
  EXPECT_EQ(by_state[v1::SupportRequest::STATE_UNDER_REVIEW], 40);
}

TEST_F(SupportTest, CapPerResidentDisbursementsAndClosingBalanceTheBooks) {
  auto applicant = ApplicantUnderReview("4345042753", "1024317979080");
  Register(applicant);
  std::string measure = CreateMeasure(10'000'000, 250'000);
  std::string r1 = RequestUnderReview(*applicant.client, measure, 100'000);
  std::string r2 = RequestUnderReview(*applicant.client, measure, 100'000);
  std::string r3 = RequestUnderReview(*applicant.client, measure, 100'000);
  EXPECT_EQ(officer().support().Approve(r1, 150'000).error().reason(), "GRANT_ABOVE_REQUESTED");
  ASSERT_TRUE(officer().support().Approve(r1, 100'000).ok());
  ASSERT_TRUE(officer().support().Approve(r2, 100'000).ok());
  auto capped = officer().support().Approve(r3, 100'000);
  EXPECT_EQ(capped.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(capped.error().reason(), "RESIDENT_CAP_EXCEEDED");
  ASSERT_TRUE(officer().support().Approve(r3, 50'000).ok());

  v1::SupportRequest::Disbursement pay;
  pay.set_amount_kopecks(60'000);
  *pay.mutable_date() = D(2026, 11, 26);
  pay.set_reference("PP-1");
  auto paid = officer().support().Disburse(r1, pay);
  ASSERT_TRUE(paid.ok()) << paid.error().ToString();
  EXPECT_EQ(paid->state(), v1::SupportRequest::STATE_DISBURSED);
  EXPECT_EQ(paid->disbursed_kopecks(), 60'000);
  pay.set_amount_kopecks(50'000);
  auto over = officer().support().Disburse(r1, pay);
  EXPECT_EQ(over.error().reason(), "DISBURSEMENT_EXCEEDS_GRANT");
  pay.set_amount_kopecks(0);
  EXPECT_EQ(officer().support().Disburse(r1, pay).code(), client::StatusCode::INVALID_ARGUMENT);
  pay.set_amount_kopecks(10'000);
  *pay.mutable_date() = D(2030, 1, 1);
  EXPECT_EQ(officer().support().Disburse(r1, pay).error().field_violations().at(0).reason, "DATE_IN_FUTURE");

  // Closing returns the undisbursed 40 000 to the budget.
  auto closed = officer().support().Close(r1, "Project done");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->state(), v1::SupportRequest::STATE_CLOSED);
  auto stats = officer().support().Statistics(measure);
  EXPECT_EQ(stats->committed_kopecks(), 60'000 + 100'000 + 50'000);
  EXPECT_EQ(stats->disbursed_kopecks(), 60'000);
  EXPECT_EQ(stats->remaining_kopecks(), 10'000'000 - 210'000);
  *pay.mutable_date() = D(2026, 11, 27);
  auto after_close = officer().support().Disburse(r1, pay);
  EXPECT_EQ(after_close.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(after_close.error().reason(), "WRONG_STATE");
}

TEST_F(SupportTest, EligibilityIsCheckedAndExplained) {
  auto applicant = ApplicantUnderReview("4345042753", "1024317979080");
  std::string resident = Register(applicant);
  std::string measure = CreateMeasure(1'000'000, 0, /*require_active=*/true);

  // A company that is not a resident cannot request support.
  auto outsider = ResidentClient(CreateOrganization("4345695985", "1024366201166"));
  v1::SupportRequest r;
  r.set_measure(measure);
  r.set_requested_kopecks(1000);
  r.set_purpose("x");
  EXPECT_EQ(outsider->support().CreateRequest(r).error().reason(), "NOT_A_RESIDENT");
  EXPECT_EQ(outsider->support().CheckEligibility(measure)->violations(0).reason(), "NOT_A_RESIDENT");

  EXPECT_TRUE(applicant.client->support().CheckEligibility(measure)->eligible());
  v1::IssueViolationNoticeRequest notice;
  notice.set_name(resident);
  notice.set_description("Late report");
  *notice.mutable_cure_by() = D(2027, 2, 1);
  ASSERT_TRUE(officer().residents().IssueViolationNotice(notice).ok());
  auto check = officer().support().CheckEligibility(measure, resident);
  ASSERT_TRUE(check.ok()) << check.error().ToString();
  EXPECT_FALSE(check->eligible());
  EXPECT_EQ(check->violations(0).reason(), "RESIDENT_NOT_ACTIVE");
  auto draft = applicant.client->support().CreateRequest(r);
  ASSERT_TRUE(draft.ok());
  auto refused = applicant.client->support().Submit(draft->name());
  EXPECT_EQ(refused.code(), client::StatusCode::INVALID_ARGUMENT);
  ASSERT_NE(refused.error().violation("resident"), nullptr);
  EXPECT_EQ(refused.error().violation("resident")->reason, "RESIDENT_NOT_ACTIVE");

  // Another resident never sees this resident's requests.
  auto other = ApplicantUnderReview("4345212878", "1024326984923");
  Register(other);
  EXPECT_EQ(other.client->support().GetRequest(draft->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(other.client->support().Withdraw(draft->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_TRUE(other.client->support().ListRequests().All()->empty());
}

TEST_F(SupportTest, TerminationClosesOpenRequestsAndReturnsTheirMoney) {
  auto applicant = ApplicantUnderReview("4345042753", "1024317979080");
  std::string resident = Register(applicant);
  std::string measure = CreateMeasure(1'000'000, 0);
  std::string granted = RequestUnderReview(*applicant.client, measure, 300'000);
  std::string pending = RequestUnderReview(*applicant.client, measure, 100'000);
  ASSERT_TRUE(officer().support().Approve(granted, 300'000).ok());
  v1::TerminateResidentRequest t;
  t.set_name(resident);
  t.set_ground(v1::Resident::TERMINATION_GROUND_COURT_DECISION);
  *t.mutable_effective_date() = D(2026, 12, 1);
  t.set_explanation("Court decision");
  ASSERT_TRUE(officer().residents().Terminate(t).ok());
  EXPECT_EQ(officer().support().GetRequest(granted)->state(), v1::SupportRequest::STATE_CLOSED);
  EXPECT_EQ(officer().support().GetRequest(pending)->state(), v1::SupportRequest::STATE_WITHDRAWN);
  EXPECT_EQ(officer().support().Statistics(measure)->committed_kopecks(), 0);
}

TEST_F(SupportTest, MeasureValidationAndBudgetFloor) {
  v1::SupportMeasure bad;
  bad.set_total_budget_kopecks(-1);
  auto r = officer().support().CreateMeasure(bad);
  ASSERT_EQ(r.code(), client::StatusCode::INVALID_ARGUMENT);
  std::set<std::string> fields;
  for (const auto& v : r.error().field_violations()) fields.insert(v.field);
  EXPECT_TRUE(fields.count("measure.kind"));
  EXPECT_TRUE(fields.count("measure.title"));
  EXPECT_TRUE(fields.count("measure.legal_basis"));
  EXPECT_TRUE(fields.count("measure.open_from"));
  EXPECT_TRUE(fields.count("measure.total_budget_kopecks"));
  EXPECT_EQ(ResidentClient(CreateOrganization("4345042753", "1024317979080"))->support().CreateMeasure(bad).code(),
            client::StatusCode::PERMISSION_DENIED);

  auto applicant = ApplicantUnderReview("4345695985", "1024366201166");
  Register(applicant);
  std::string measure = CreateMeasure(1'000'000, 0);
  ASSERT_TRUE(officer().support().Approve(RequestUnderReview(*applicant.client, measure, 600'000), 600'000).ok());
  v1::SupportMeasure cut;
  cut.set_name(measure);
  cut.set_total_budget_kopecks(500'000);
  EXPECT_EQ(officer().support().UpdateMeasure(cut, {"total_budget_kopecks"}).error().reason(),
            "BUDGET_BELOW_COMMITTED");
  EXPECT_EQ(officer().support().UpdateMeasure(cut, {"committed_kopecks"}).error().field_violations().at(0).reason,
            "FIELD_OUTPUT_ONLY");
  auto open = applicant.client->support().ListMeasures(client::ListOptions().OpenOnly()).All();
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->size(), 1u);
}

class ServiceDeskTest : public ServerFixture {
 protected:
  std::string CreateType(int sla_days) {
    v1::ServiceType t;
    t.set_title("GMP certification support");
    t.set_category(v1::SERVICE_CATEGORY_CERTIFICATION);
    t.set_responsible_unit("Ministry, industry department");
    t.set_sla_working_days(sla_days);
    auto created = admin().service_desk().CreateType(t);
    EXPECT_TRUE(created.ok()) << created.error().ToString();
    return created.ok() ? created->name() : "";
  }
  std::string Open(client::Client& resident, const std::string& type) {
    v1::ServiceRequest r;
    r.set_service_type(type);
    r.set_description("We need a GMP inspection before March");
    auto created = resident.service_desk().CreateRequest(r);
    EXPECT_TRUE(created.ok()) << created.error().ToString();
    return created.ok() ? created->name() : "";
  }
};

TEST_F(ServiceDeskTest, TheSlaClockCountsWorkingDaysAndPausesWhileWaiting) {
  std::string type = CreateType(2);
  std::string org = CreateOrganization("4345042753", "1024317979080");
  auto resident = ResidentClient(org);
  std::string request = Open(*resident, type);
  // Opened on Friday 2026-11-27 12:00 Kirov time: 2 working days later is Tuesday 12:00 (09:00 UTC).
  auto opened = officer().service_desk().GetRequest(request);
  EXPECT_EQ(opened->due_time().seconds(),
            (ZoneStartOf(Date{2026, 12, 1}) + 12 * 3600 * kMicrosPerSecond) / kMicrosPerSecond);
  EXPECT_EQ(opened->state(), v1::ServiceRequest::STATE_NEW);

  auto taken = officer().service_desk().Take(request);
  ASSERT_TRUE(taken.ok()) << taken.error().ToString();
  EXPECT_FALSE(taken->assignee().empty());
  ASSERT_TRUE(officer().service_desk().AskResident(request, "Which product line?").ok());
  // Waiting from Friday 12:00 to Monday 12:00: only Friday's 12 working hours pass; the weekend does not count.
  clock_.Advance(3 * kMicrosPerDay);
  EXPECT_TRUE(officer().service_desk().ListRequests(client::ListOptions().OverdueOnly()).All()->empty());
  auto answered = resident->service_desk().Respond(request, "The insulin line");
  ASSERT_TRUE(answered.ok()) << answered.error().ToString();
  EXPECT_EQ(answered->state(), v1::ServiceRequest::STATE_IN_PROGRESS);
  // Due moves by the 24 working hours paused (Fri 12:00-24:00, Mon 00:00-12:00; not the 72 calendar
  // hours): Tuesday 12:00 -> Wednesday 12:00.
  EXPECT_EQ(answered->due_time().seconds(),
            (ZoneStartOf(Date{2026, 12, 2}) + 12 * 3600 * kMicrosPerSecond) / kMicrosPerSecond);

  clock_.Set(ZoneStartOf(Date{2026, 12, 3}) + 3600 * kMicrosPerSecond);
  auto overdue = officer().service_desk().ListRequests(client::ListOptions().OverdueOnly()).All();
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_TRUE((*overdue)[0].overdue());
  auto resolved = officer().service_desk().Resolve(request, "Inspection booked for 15 February");
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->state(), v1::ServiceRequest::STATE_RESOLVED);
  EXPECT_FALSE(resolved->overdue());
  auto reopened = resident->service_desk().Reopen(request, "We need the date confirmed in writing");
  ASSERT_TRUE(reopened.ok());
  ASSERT_TRUE(officer().service_desk().Take(request).ok());
  ASSERT_TRUE(officer().service_desk().Resolve(request, "Letter sent").ok());
  auto confirmed = resident->service_desk().Confirm(request);
  ASSERT_TRUE(confirmed.ok());
  EXPECT_EQ(confirmed->state(), v1::ServiceRequest::STATE_CLOSED);
  EXPECT_EQ(resident->service_desk().Cancel(request).code(), client::StatusCode::FAILED_PRECONDITION);

  auto stats = auditor().service_desk().Statistics();
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->opened(), 1);
  EXPECT_EQ(stats->resolved(), 1);
  EXPECT_DOUBLE_EQ(stats->resolved_within_sla_share(), 0.0);
  EXPECT_GT(stats->median_seconds_to_resolve(), 0);
  EXPECT_EQ(stats->currently_overdue(), 0);

  // The conversation holds the question, answer, outcomes and reopening reason.
  auto messages = officer().service_desk().ListMessages(request).All();
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 5u);
  EXPECT_FALSE((*messages)[0].from_resident());
  EXPECT_TRUE((*messages)[1].from_resident());
}

TEST_F(ServiceDeskTest, ResidentsSeeOnlyTheirOwnRequestsAndRolesAreEnforced) {
  std::string type = CreateType(5);
  auto a = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  auto b = ResidentClient(CreateOrganization("4345695985", "1024366201166"));
  std::string request = Open(*a, type);
  EXPECT_EQ(b->service_desk().GetRequest(request).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(b->service_desk().AddMessage(request, "peek").code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(b->service_desk().ListMessages(request).All().error().code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(b->service_desk().Cancel(request).code(), client::StatusCode::NOT_FOUND);
  EXPECT_TRUE(b->service_desk().ListRequests().All()->empty());
  EXPECT_EQ(a->service_desk().Take(request).code(), client::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(officer().service_desk().CreateType(v1::ServiceType()).code(), client::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(a->service_desk().AddMessage(request, "Any news?").ok());
  EXPECT_TRUE(officer().service_desk().AddMessage(request, "Working on it").ok());
  EXPECT_EQ(a->service_desk().AddMessage(request, "").code(), client::StatusCode::INVALID_ARGUMENT);

  v1::ServiceType bad;
  bad.set_sla_working_days(0);
  auto invalid = admin().service_desk().CreateType(bad);
  EXPECT_EQ(invalid.error().field_violations().size(), 4u);  // title, category, responsible_unit, sla_working_days
  v1::ServiceRequest no_type;
  no_type.set_service_type("serviceTypes/99");
  no_type.set_description("x");
  EXPECT_EQ(a->service_desk().CreateRequest(no_type).error().reason(), "SERVICE_TYPE_NOT_FOUND");
  v1::ServiceType off;
  off.set_name(type);
  off.set_inactive(true);
  ASSERT_TRUE(admin().service_desk().UpdateType(off, {"inactive"}).ok());
  v1::ServiceRequest late;
  late.set_service_type(type);
  late.set_description("x");
  EXPECT_EQ(a->service_desk().CreateRequest(late).error().reason(), "SERVICE_TYPE_INACTIVE");
  auto cancelled = a->service_desk().Cancel(request, "Solved ourselves");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->state(), v1::ServiceRequest::STATE_CANCELLED);
  EXPECT_EQ(a->service_desk().AddMessage(request, "after").code(), client::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace biopolis::testing
