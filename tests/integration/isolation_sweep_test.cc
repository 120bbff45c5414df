// Object-level isolation under a sweep: resident B makes more than 1,000
// attempts on resident A's records across every service — reads, lists with
// A's names in the filter, updates, custom methods, a page token minted for A —
// and every one is NOT_FOUND (or, for a filtered list, empty), with nothing changed.
#include <functional>

#include "server_fixture.h"

namespace biopolis::testing {
namespace {

class IsolationSweepTest : public ServerFixture {};

TEST_F(IsolationSweepTest, AThousandCrossOrganizationAttemptsLeakAndChangeNothing) {
  // Resident A with records everywhere.
  auto a = ApplicantUnderReview("4345042753", "1024317979080");
  std::string plot = CreatePlot("43:40:000302:112", 5000);
  ASSERT_TRUE(officer().land().ReservePlot(plot, a.application).ok());
  std::string resident = Register(a);
  v1::Lease lease;
  lease.set_plot(plot);
  lease.set_resident(resident);
  *lease.mutable_start_date() = D(2026, 12, 1);
  *lease.mutable_end_date() = D(2036, 11, 30);
  auto signed_lease = officer().land().CreateLease(lease);
  ASSERT_TRUE(signed_lease.ok()) << signed_lease.error().ToString();
  v1::SupportMeasure m;
  m.set_kind(v1::SupportMeasure::KIND_GRANT);
  m.set_title("Grant");
  m.set_legal_basis("Decree");
  *m.mutable_open_from() = D(2026, 1, 1);
  m.set_total_budget_kopecks(1'000'000);
  auto measure = officer().support().CreateMeasure(m);
  ASSERT_TRUE(measure.ok());
  v1::SupportRequest sr;
  sr.set_measure(measure->name());
  sr.set_requested_kopecks(1000);
  sr.set_purpose("x");
  auto support = a.client->support().CreateRequest(sr);
  ASSERT_TRUE(support.ok()) << support.error().ToString();
  v1::ServiceType st;
  st.set_title("Customs");
  st.set_category(v1::SERVICE_CATEGORY_CUSTOMS);
  st.set_responsible_unit("Post");
  st.set_sla_working_days(5);
  auto type = admin().service_desk().CreateType(st);
  ASSERT_TRUE(type.ok());
  v1::ServiceRequest req;
  req.set_service_type(type->name());
  req.set_description("Need help");
  auto service = a.client->service_desk().CreateRequest(req);
  ASSERT_TRUE(service.ok());
  clock_.Set(ZoneStartOf(Date{2027, 1, 10}));
  v1::Report rep;
  rep.set_year(2026);
  rep.set_quarter(4);
  auto report = a.client->reporting().Create(rep);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  auto a_page = a.client->applications().ListPage(client::ListOptions().PageSize(1));
  ASSERT_TRUE(a_page.ok());

  // Resident B.
  auto b = ResidentClient(CreateOrganization("4345695985", "1024366201166"));
  const int audit_before = AuditCount();

  using Attempt = std::function<client::StatusCode(int)>;
  auto code = [](const auto& result) { return result.code(); };
  std::vector<std::pair<std::string, Attempt>> attempts = {
      {"GetApplication", [&](int) { return code(b->applications().Get(a.application)); }},
      {"UpdateApplication",
       [&](int) {
         v1::Application x;
         x.set_name(a.application);
         x.set_project_name("hijack");
         return code(b->applications().Update(x, {"project_name"}));
       }},
      {"DeleteApplication", [&](int) { return code(b->applications().Delete(a.application)); }},
      {"CheckApplicationEligibility", [&](int) { return code(b->applications().CheckEligibility(a.application)); }},
      {"SubmitApplication", [&](int) { return code(b->applications().Submit(a.application)); }},
      {"WithdrawApplication", [&](int) { return code(b->applications().Withdraw(a.application)); }},
      {"RespondToInformationRequest",
       [&](int) { return code(b->applications().RespondToInformationRequest(a.application, "x")); }},
      {"GetOrganization", [&](int) { return code(b->organizations().Get(a.organization)); }},
      {"UpdateOrganization",
       [&](int) {
         v1::Organization o;
         o.set_name(a.organization);
         o.set_contact_email("x@example.com");
         return code(b->organizations().Update(o, {"contact_email"}));
       }},
      {"GetResident", [&](int) { return code(b->residents().Get(resident)); }},
      {"GetLease", [&](int) { return code(b->land().GetLease(signed_lease->name())); }},
      {"GetSupportRequest", [&](int) { return code(b->support().GetRequest(support->name())); }},
      {"UpdateSupportRequest",
       [&](int) {
         v1::SupportRequest x;
         x.set_name(support->name());
         x.set_purpose("hijack");
         return code(b->support().UpdateRequest(x, {"purpose"}));
       }},
      {"SubmitSupportRequest", [&](int) { return code(b->support().Submit(support->name())); }},
      {"WithdrawSupportRequest", [&](int) { return code(b->support().Withdraw(support->name())); }},
      {"RespondToSupportInformationRequest", [&](int) { return code(b->support().Respond(support->name(), "x")); }},
      {"GetServiceRequest", [&](int) { return code(b->service_desk().GetRequest(service->name())); }},
      {"CancelServiceRequest", [&](int) { return code(b->service_desk().Cancel(service->name())); }},
      {"ConfirmServiceRequest", [&](int) { return code(b->service_desk().Confirm(service->name())); }},
      {"ReopenServiceRequest", [&](int) { return code(b->service_desk().Reopen(service->name(), "x")); }},
      {"RespondToServiceRequest", [&](int) { return code(b->service_desk().Respond(service->name(), "x")); }},
      {"CreateServiceMessage", [&](int) { return code(b->service_desk().AddMessage(service->name(), "x")); }},
      {"ListServiceMessages",
       [&](int) { return b->service_desk().ListMessages(service->name()).All().error().code(); }},
      {"GetReport", [&](int) { return code(b->reporting().Get(report->name())); }},
      {"UpdateReport",
       [&](int) {
         v1::Report x;
         x.set_name(report->name());
         x.set_jobs_at_period_end(1);
         return code(b->reporting().Update(x, {"jobs_at_period_end"}));
       }},
      {"SubmitReport", [&](int) { return code(b->reporting().Submit(report->name())); }},
      {"CorrectReport", [&](int) { return code(b->reporting().Correct(report->name())); }},
      {"GetResidentCompliance", [&](int) { return code(b->reporting().Compliance(resident)); }},
  };
  int total = 0;
  int leaks = 0;
  for (int round = 0; total < 1000; ++round) {
    for (const auto& [name, attempt] : attempts) {
      client::StatusCode c = attempt(round);
      ++total;
      if (c != client::StatusCode::NOT_FOUND) {
        ++leaks;
        ADD_FAILURE() << name << " answered " << client::StatusCodeName(c);
      }
    }
  }
  // Lists filtered on A's names come back empty; A's page token is refused.
  std::vector<std::function<std::size_t()>> lists = {
      [&] {
        return b->applications()
            .List(client::ListOptions().Filter("organization = \"" + a.organization + "\""))
            .All()
            ->size();
      },
      [&] {
        return b->land().ListLeases(client::ListOptions().Filter("resident = \"" + resident + "\"")).All()->size();
      },
      [&] {
        return b->support().ListRequests(client::ListOptions().Filter("resident = \"" + resident + "\"")).All()->size();
      },
      [&] {
        return b->reporting().List(client::ListOptions().Filter("resident = \"" + resident + "\"")).All()->size();
      },
      [&] {
        return b->service_desk()
            .ListRequests(client::ListOptions().Filter("organization = \"" + a.organization + "\""))
            .All()
            ->size();
      },
  };
  for (const auto& list : lists) EXPECT_EQ(list(), 0u);
  if (!a_page->next_page_token().empty()) {
    EXPECT_EQ(b->applications().ListPage(client::ListOptions().PageSize(1), a_page->next_page_token()).code(),
              client::StatusCode::INVALID_ARGUMENT);
  }
  // A plot's holder stays hidden.
  auto seen = b->land().GetPlot(plot);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->lease(), "");
  std::printf("isolation sweep: %d attempts, %d leaks\n", total, leaks);
  EXPECT_GE(total, 1000);
  EXPECT_EQ(leaks, 0);
  EXPECT_EQ(AuditCount(), audit_before);
}

}  // namespace
}  // namespace biopolis::testing
