// The whole life of an application, through the SDK against the real server.
#include "server_fixture.h"

namespace biopolis::testing {
namespace {

class ApplicationLifecycleTest : public ServerFixture {};

TEST_F(ApplicationLifecycleTest, FromDraftToRegistryAndResidentStatus) {
  std::string org = CreateOrganization("4345042753", "1024317979080");
  auto company = ResidentClient(org);

  // The company keeps its contacts current.
  v1::Organization contacts;
  contacts.set_name(org);
  contacts.set_contact_email("office@vbfk.example");
  auto updated_org = company->organizations().Update(contacts, {"contact_email"});
  ASSERT_TRUE(updated_org.ok()) << updated_org.error().ToString();
  EXPECT_EQ(updated_org->contact_email(), "office@vbfk.example");

  // Draft below the minimum: the dry run lists every failing rule.
  v1::Application draft = EligibleDraft();
  draft.set_planned_investment_kopecks(50'000'000'00);
  draft.set_planned_investment_3y_kopecks(10'000'000'00);
  auto created = company->applications().Create(draft);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->state(), v1::Application::STATE_DRAFT);
  EXPECT_EQ(created->organization(), org);
  const std::string name = created->name();

  auto check = company->applications().CheckEligibility(name);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->eligible());
  ASSERT_EQ(check->violations_size(), 2);
  EXPECT_EQ(check->violations(0).reason(), "INVESTMENT_BELOW_MINIMUM");
  EXPECT_EQ(check->violations(1).reason(), "INVESTMENT_3Y_BELOW_MINIMUM");
  EXPECT_EQ(check->policy_version(), 1);

  auto refused = company->applications().Submit(name);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), client::StatusCode::INVALID_ARGUMENT);
  ASSERT_NE(refused.error().violation("application.planned_investment_kopecks"), nullptr);
  EXPECT_EQ(refused.error().violation("application.planned_investment_kopecks")->reason, "INVESTMENT_BELOW_MINIMUM");
  EXPECT_EQ(refused.error().field_violations().size(), 2u);

  // Fix it with an update mask, then submit.
  v1::Application fix;
  fix.set_name(name);
  fix.set_etag(created->etag());
  fix.set_planned_investment_kopecks(150'000'000'00);
  fix.set_planned_investment_3y_kopecks(60'000'000'00);
  auto fixed = company->applications().Update(fix, {"planned_investment_kopecks", "planned_investment_3y_kopecks"});
  ASSERT_TRUE(fixed.ok()) << fixed.error().ToString();
  EXPECT_EQ(fixed->project_name(), draft.project_name());  // untouched by the mask
  EXPECT_TRUE(company->applications().CheckEligibility(name)->eligible());

  auto submitted = company->applications().Submit(name, fixed->etag());
  ASSERT_TRUE(submitted.ok()) << submitted.error().ToString();
  EXPECT_EQ(submitted->state(), v1::Application::STATE_SUBMITTED);
  EXPECT_EQ(submitted->policy_version(), 1);
  EXPECT_TRUE(submitted->has_submit_time());

  // The officer finds it in the queue.
  auto queue = officer().applications().List(client::ListOptions().Filter("state = \"STATE_SUBMITTED\"")).All();
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].name(), name);

  ASSERT_TRUE(officer().applications().Accept(name).ok());
  auto asked = officer().applications().RequestInformation(name, "Send the bank's letter");
  ASSERT_TRUE(asked.ok()) << asked.error().ToString();
  EXPECT_EQ(asked->state(), v1::Application::STATE_INFO_REQUESTED);
  EXPECT_EQ(asked->info_request().respond_by().seconds(), kStartTime / 1'000'000 + 30 * 86400);
  auto answered = company->applications().RespondToInformationRequest(name, "Attached");
  ASSERT_TRUE(answered.ok()) << answered.error().ToString();
  EXPECT_EQ(answered->state(), v1::Application::STATE_UNDER_REVIEW);
  EXPECT_EQ(answered->info_request().response(), "Attached");

  ASSERT_TRUE(officer().applications().ReferToExpertCouncil(name).ok());
  auto opinion =
      officer().applications().RecordExpertOpinion(name, v1::Application::EXPERT_OPINION_POSITIVE, "Supported");
  ASSERT_TRUE(opinion.ok()) << opinion.error().ToString();
  EXPECT_EQ(opinion->state(), v1::Application::STATE_UNDER_REVIEW);
  EXPECT_EQ(opinion->expert_opinion(), v1::Application::EXPERT_OPINION_POSITIVE);
  auto approved = officer().applications().Approve(name, "Approved by the council");
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->state(), v1::Application::STATE_APPROVED);

  v1::SignAgreementRequest sign;
  sign.set_name(name);
  sign.set_agreement_number("C-43-001/2026");
  *sign.mutable_agreement_date() = D(2026, 11, 26);
  auto* c1 = sign.add_commitments();
  *c1->mutable_due_date() = D(2027, 12, 31);
  c1->set_investment_kopecks(50'000'000'00);
  c1->set_jobs(40);
  auto* c2 = sign.add_commitments();
  *c2->mutable_due_date() = D(2030, 12, 31);
  c2->set_investment_kopecks(150'000'000'00);
  c2->set_jobs(120);
  auto registered = officer().applications().SignAgreement(sign);
  ASSERT_TRUE(registered.ok()) << registered.error().ToString();
  EXPECT_EQ(registered->state(), v1::Application::STATE_REGISTERED);
  ASSERT_FALSE(registered->resident().empty());

  // The registry entry exists with its number and commitments.
  auto resident = company->residents().Get(registered->resident());
  ASSERT_TRUE(resident.ok()) << resident.error().ToString();
  EXPECT_EQ(resident->registry_number(), "43-2026-0001");
  EXPECT_EQ(resident->organization(), org);
  EXPECT_EQ(resident->state(), v1::Resident::STATE_ACTIVE);
  EXPECT_EQ(resident->commitments_size(), 2);
  EXPECT_EQ(resident->agreement_number(), "C-43-001/2026");
  EXPECT_EQ(resident->organization_display_name(), "Company 4345042753");

  // A second application while a resident: refused.
  auto again = company->applications().Create(EligibleDraft());
  EXPECT_EQ(again.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(again.error().reason(), "ALREADY_RESIDENT");

  // Status management by the officer.
  v1::IssueViolationNoticeRequest notice;
  notice.set_name(resident->name());
  notice.set_description("Capital investment behind schedule");
  *notice.mutable_cure_by() = D(2027, 3, 1);
  auto remedy = officer().residents().IssueViolationNotice(notice);
  ASSERT_TRUE(remedy.ok()) << remedy.error().ToString();
  EXPECT_EQ(remedy->state(), v1::Resident::STATE_UNDER_REMEDY);
  auto cured = officer().residents().CureViolation(resident->name(), "Inspection confirmed investment");
  ASSERT_TRUE(cured.ok());
  EXPECT_EQ(cured->state(), v1::Resident::STATE_ACTIVE);
  EXPECT_TRUE(cured->violation().has_cure_time());
  v1::TerminateResidentRequest terminate;
  terminate.set_name(resident->name());
  terminate.set_ground(v1::Resident::TERMINATION_GROUND_MUTUAL_AGREEMENT);
  *terminate.mutable_effective_date() = D(2026, 12, 31);
  terminate.set_explanation("Agreement terminated by the parties");
  auto terminated = officer().residents().Terminate(terminate);
  ASSERT_TRUE(terminated.ok()) << terminated.error().ToString();
  EXPECT_EQ(terminated->state(), v1::Resident::STATE_TERMINATED);
  auto twice = officer().residents().CureViolation(resident->name(), "x");
  EXPECT_EQ(twice.code(), client::StatusCode::FAILED_PRECONDITION);

  // The auditor sees every step in the audit log, with actors and request ids.
  auto trail = auditor().audit().List(client::ListOptions().Filter("resource = \"" + name + "\"")).All();
  ASSERT_TRUE(trail.ok()) << trail.error().ToString();
  std::vector<std::string> actions;
  for (const auto& r : *trail) actions.push_back(r.action());
  EXPECT_EQ(actions, (std::vector<std::string>{"CreateApplication", "UpdateApplication", "SubmitApplication",
                                               "AcceptApplication", "RequestApplicationInformation",
                                               "RespondToInformationRequest", "ReferApplicationToExpertCouncil",
                                               "RecordExpertOpinion", "ApproveApplication", "SignAgreement"}));
  for (const auto& r : *trail) {
    EXPECT_FALSE(r.request_id().empty());
    EXPECT_NE(r.actor().find("apiKeys/"), std::string::npos);
  }
}

TEST_F(ApplicationLifecycleTest, DraftsCanBeDeletedOthersNot) {
  auto company = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  auto app = company->applications().Create(EligibleDraft());
  ASSERT_TRUE(app.ok());
  ASSERT_TRUE(company->applications().Delete(app->name()).ok());
  EXPECT_EQ(company->applications().Get(app->name()).code(), client::StatusCode::NOT_FOUND);
  auto second = company->applications().Create(EligibleDraft());
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(company->applications().Submit(second->name()).ok());
  auto del = company->applications().Delete(second->name());
  EXPECT_EQ(del.code(), client::StatusCode::FAILED_PRECONDITION);
  ASSERT_FALSE(del.error().precondition_violations().empty());
  EXPECT_NE(del.error().precondition_violations()[0].description.find("STATE_SUBMITTED"), std::string::npos);
}

TEST_F(ApplicationLifecycleTest, WithdrawAndRejectEndTheApplication) {
  auto a = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  auto app = a->applications().Create(EligibleDraft());
  ASSERT_TRUE(a->applications().Submit(app->name()).ok());
  auto withdrawn = a->applications().Withdraw(app->name(), "Changed plans");
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_EQ(withdrawn->state(), v1::Application::STATE_WITHDRAWN);
  // A withdrawn application no longer blocks a new one.
  auto next = a->applications().Create(EligibleDraft());
  ASSERT_TRUE(next.ok()) << next.error().ToString();
  ASSERT_TRUE(a->applications().Submit(next->name()).ok());
  ASSERT_TRUE(officer().applications().Accept(next->name()).ok());
  auto no_ground = officer().applications().Reject(next->name(), v1::Application::REJECTION_GROUND_UNSPECIFIED, "");
  EXPECT_EQ(no_ground.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(no_ground.error().field_violations().size(), 2u);
  auto rejected = officer().applications().Reject(next->name(), v1::Application::REJECTION_GROUND_POLICY_NOT_MET,
                                                  "Financing not documented");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->rejection().ground(), v1::Application::REJECTION_GROUND_POLICY_NOT_MET);
  EXPECT_EQ(a->applications().Withdraw(next->name()).code(), client::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ApplicationLifecycleTest, UnansweredInformationRequestLapsesWhenTheDeadlinePasses) {
  auto company = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  auto app = company->applications().Create(EligibleDraft());
  ASSERT_TRUE(company->applications().Submit(app->name()).ok());
  ASSERT_TRUE(officer().applications().Accept(app->name()).ok());
  ASSERT_TRUE(officer().applications().RequestInformation(app->name(), "Send documents").ok());

  clock_.Advance(29 * kMicrosPerDay);
  EXPECT_EQ(company->applications().Get(app->name())->state(), v1::Application::STATE_INFO_REQUESTED);
  clock_.Advance(2 * kMicrosPerDay);
  // Seen as lapsed at once on read...
  EXPECT_EQ(company->applications().Get(app->name())->state(), v1::Application::STATE_LAPSED);
  auto late = company->applications().RespondToInformationRequest(app->name(), "Too late");
  EXPECT_EQ(late.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(late.error().message().find("STATE_LAPSED"), std::string::npos);
  // ...and persisted, audited as the system, by the timed transition.
  ASSERT_TRUE(server_->RunTimedTransitions().ok());
  auto lapsed = officer().applications().List(client::ListOptions().Filter("state = \"STATE_LAPSED\"")).All();
  ASSERT_TRUE(lapsed.ok());
  ASSERT_EQ(lapsed->size(), 1u);
  auto trail = auditor().audit().List(client::ListOptions().Filter("action = \"LapseOverdueApplications\"")).All();
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].actor(), "system");
  // The organization may apply again.
  EXPECT_TRUE(company->applications().Create(EligibleDraft()).ok());
}

TEST_F(ApplicationLifecycleTest, SubmissionUsesThePolicyInForceAndRecordsItsVersion) {
  v1::ZonePolicy next;
  *next.mutable_effective_from() = D(2026, 11, 28);  // tomorrow in Kirov
  next.set_min_investment_kopecks(150'000'000'00);
  next.set_min_investment_3y_kopecks(50'000'000'00);
  next.add_allowed_okved_prefixes("21");
  next.set_info_request_days(20);
  next.set_reservation_days(90);
  auto created = admin().policies().Create(next);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->version(), 2);
  EXPECT_EQ(officer().policies().Get()->version(), 1);

  v1::ZonePolicy past = next;
  *past.mutable_effective_from() = D(2026, 1, 1);
  auto refused = admin().policies().Create(past);
  EXPECT_EQ(refused.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.error().field_violations()[0].reason, "DATE_IN_PAST");
  EXPECT_EQ(officer().policies().Create(next).code(), client::StatusCode::PERMISSION_DENIED);

  clock_.Advance(kMicrosPerDay);
  auto company = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  v1::Application draft = EligibleDraft();
  draft.set_planned_investment_kopecks(140'000'000'00);  // enough under v1, not under v2
  auto app = company->applications().Create(draft);
  auto submit = company->applications().Submit(app->name());
  EXPECT_EQ(submit.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(submit.error().message().find("policy version 2"), std::string::npos);
}

}  // namespace
}  // namespace biopolis::testing
