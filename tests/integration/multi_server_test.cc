// Two biopolisd on one PostgreSQL database (#18): every invariant holds across
// them. The second server is a second BiopolisServer in this process with its
// own store, connections and port; the two share nothing but the database,
// as two processes would. PostgreSQL only (an SQLite file belongs to one
// process: the second would be refused).
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "biopolis/audit_verification.h"
#include "server_fixture.h"
#include "storage/postgres/pg_error.h"

namespace biopolis::testing {
namespace {

class MultiServerTest : public ServerFixture {
 protected:
  void SetUp() override {
    if (!database_.postgres()) GTEST_SKIP() << "two servers on one database need PostgreSQL";
    ServerFixture::SetUp();
    ServerOptions options = options_;
    options.listen = "127.0.0.1:0";
    auto second = BiopolisServer::Start(options, &clock_);
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    second_ = std::move(*second);
    officer_b_ = ClientAt(second_->port(), officer_secret_);
    auditor_b_ = ClientAt(second_->port(), auditor_secret_);
  }
  void TearDown() override {
    officer_b_.reset();
    auditor_b_.reset();
    second_.reset();
    ServerFixture::TearDown();
  }
  std::unique_ptr<client::Client> ClientAt(int port, const std::string& key) {
    client::ClientOptions o;
    o.target = "127.0.0.1:" + std::to_string(port);
    o.api_key = key;
    o.deadline = std::chrono::seconds(20);
    return std::make_unique<client::Client>(o);
  }
  // The officer's client on server A (even i) or B (odd i).
  client::Client& OfficerOf(int i) { return i % 2 == 0 ? officer() : *officer_b_; }

  std::unique_ptr<BiopolisServer> second_;
  std::unique_ptr<client::Client> officer_b_;
  std::unique_ptr<client::Client> auditor_b_;
};

TEST_F(MultiServerTest, FiftyReservationsOfOnePlotSplitAcrossTwoServersExactlyOneWins) {
  std::string plot = CreatePlot("43:40:000302:112", 1000);
  const char* inns[] = {"4345042753", "4345695985", "4345212878", "4345610903", "4345919018"};
  const char* ogrns[] = {"1024317979080", "1024366201166", "1024326984923", "1024320244189", "1024397558723"};
  std::vector<std::string> applications;
  for (int i = 0; i < 5; ++i) applications.push_back(ApplicantUnderReview(inns[i], ogrns[i]).application);

  RaceOutcome race = Race(50, "PLOT_NOT_AVAILABLE", [&](int i) {
    return OfficerOf(i).land().ReservePlot(plot, applications[static_cast<std::size_t>(i % 5)]);
  });
  EXPECT_EQ(race.ok, 1);
  EXPECT_EQ(race.refused, 49);
  EXPECT_EQ(race.other, 0);
  auto trail = auditor_b_->audit().List(client::ListOptions().Filter("action = \"ReservePlot\"")).All();
  ASSERT_TRUE(trail.ok()) << trail.error().ToString();
  EXPECT_EQ(trail->size(), 1u);
}

TEST_F(MultiServerTest, FiftyApprovalsAgainstABudgetThatFitsTenSplitAcrossTwoServers) {
  auto applicant = ApplicantUnderReview("4345042753", "1024317979080");
  Register(applicant);
  std::string measure = CreateMeasure(1'000'000, 0);
  std::vector<std::string> requests;
  for (int i = 0; i < 50; ++i) requests.push_back(RequestUnderReview(*applicant.client, measure, 100'000));
  RaceOutcome race = Race(50, "BUDGET_EXHAUSTED", [&](int i) {
    return OfficerOf(i).support().Approve(requests[static_cast<std::size_t>(i)], 100'000);
  });
  EXPECT_EQ(race.ok, 10);
  EXPECT_EQ(race.refused, 40);
  EXPECT_EQ(race.other, 0);
  auto stats = auditor_b_->support().Statistics(measure);
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->committed_kopecks(), 1'000'000);
  EXPECT_EQ(stats->remaining_kopecks(), 0);
}

TEST_F(MultiServerTest, WritesThroughBothServersLeaveOneIntactAuditChain) {
  // Organizations created through both servers at once, each change audited.
  const std::pair<const char*, const char*> companies[] = {
      {"4345042753", "1024317979080"}, {"4345695985", "1024366201166"}, {"4345212878", "1024326984923"},
      {"4345610903", "1024320244189"}, {"4345919018", "1024397558723"}, {"7707083893", "1027700132195"}};
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      v1::Organization org;
      org.set_inn(companies[i].first);
      org.set_ogrn(companies[i].second);
      org.set_kpp(std::string(companies[i].first).size() == 10 ? "434501001" : "");
      org.set_full_name(std::string("Company ") + companies[i].first);
      org.set_legal_address("Kirov");
      if (!OfficerOf(i).organizations().Create(org).ok()) ++failed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  // Read and checked through each server: one chain, every link intact.
  for (client::Client* auditor : {&auditor(), auditor_b_.get()}) {
    auto verified = client::VerifyAuditLog(auditor->audit());
    ASSERT_TRUE(verified.ok()) << verified.error().ToString();
    EXPECT_TRUE(verified->intact) << verified->problem;
    EXPECT_GE(verified->records_checked, 8);  // the two keys made at set-up and six organizations
  }
}

TEST_F(MultiServerTest, ARetryOfARequestIdSentToTheOtherServerReturnsTheFirstResult) {
  v1::Organization org;
  org.set_inn("4345042753");
  org.set_ogrn("1024317979080");
  org.set_kpp("434501001");
  org.set_full_name("Company 4345042753");
  org.set_legal_address("Kirov");
  const std::string request_id = "6a3b1b0e-4a44-4c47-9a34-5b0d8d8b0c11";
  auto first = officer().organizations().Create(org, request_id);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  auto retried = officer_b_->organizations().Create(org, request_id);
  ASSERT_TRUE(retried.ok()) << retried.error().ToString();
  EXPECT_EQ(retried->name(), first->name());
  EXPECT_EQ(retried->etag(), first->etag());
  auto listed = auditor_b_->organizations().List().All();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
  // The same request_id with another request is refused on either server.
  org.set_full_name("Another name");
  auto reused = officer_b_->organizations().Create(org, request_id);
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().reason(), "REQUEST_ID_REUSED");
}

TEST_F(MultiServerTest, AWatchOnOneServerDeliversWritesCommittedThroughTheOther) {
  client::WatchOptions live;
  live.start_at_now = true;
  auto stream = auditor_b_->events().Watch(live);
  auto next = std::async(std::launch::async, [&] {
    v1::Event e;
    bool got = stream->Next(&e);
    return std::make_pair(got, e);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::string organization = CreateOrganization("4345042753", "1024317979080");  // through server A
  ASSERT_EQ(next.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  auto [got, event] = next.get();
  ASSERT_TRUE(got);
  EXPECT_EQ(event.resource(), organization);
  stream->Cancel();
}

// A ministry's DBA keeps the schema's owner for migrations and runs
// biopolisd under a role that may only read and write rows: it cannot alter
// the schema or drop the audit log's append-only triggers, even if the server
// is compromised. Once the owner migrated the schema (server A did, as
// `biopolisd migrate` would), a server under such a role serves the zone.
TEST_F(MultiServerTest, AServerUnderARoleWithOnlyDataPrivilegesServesTheMigratedZone) {
  const std::string role = database_.schema() + "_app";
  const std::string& schema = database_.schema();
  {
    PgConnection owner(database_.url());
    owner.ExecuteScript("CREATE ROLE " + role + " LOGIN; GRANT USAGE ON SCHEMA " + schema + " TO " + role +
                        "; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role +
                        "; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
  }
  const std::string app_url = database_.url() + "&user=" + role;
  {
    PgConnection app(app_url);
    try {
      app.ExecuteScript("DROP TRIGGER audit_log_no_update ON audit_log");
      ADD_FAILURE() << "the data role could change the schema";
    } catch (const PgError& e) {
      EXPECT_EQ(e.sqlstate(), "42501") << e.what();  // insufficient_privilege
    }
  }
  ServerOptions options = options_;
  options.listen = "127.0.0.1:0";
  options.database = app_url;
  auto third = BiopolisServer::Start(options, &clock_);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  auto officer_c = ClientAt((*third)->port(), officer_secret_);

  // A write through the data role, read back through the owner's server A.
  v1::Organization org;
  org.set_inn("4345042753");
  org.set_ogrn("1024317979080");
  org.set_kpp("434501001");
  org.set_full_name("ООО «Роль данных»");
  org.set_legal_address("Kirov");
  auto created = officer_c->organizations().Create(org);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  auto seen = officer().organizations().Get(created->name());
  ASSERT_TRUE(seen.ok()) << seen.error().ToString();
  EXPECT_EQ(seen->full_name(), "ООО «Роль данных»");
  // And the audit chain the data role appended to is intact.
  auto verified = client::VerifyAuditLog(auditor().audit());
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;

  officer_c.reset();
  third->reset();
  PgConnection owner(database_.url());
  owner.ExecuteScript("DROP OWNED BY " + role + "; DROP ROLE " + role);
}

}  // namespace
}  // namespace biopolis::testing
