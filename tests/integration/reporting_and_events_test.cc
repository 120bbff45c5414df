// Periodic reports, compliance, zone statistics and the event stream through
// the SDK against the real server.
#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "../unit/test_identifiers.h"
#include "server_fixture.h"

namespace biopolis::testing {
namespace {

constexpr std::int64_t kMillion = 1'000'000'00;  // one million roubles in kopecks

class ReportingTest : public ServerFixture {
 protected:
  // Registers the applicant with the given commitments: {due, investment, jobs}.
  std::string RegisterWith(const Applicant& a,
                           const std::vector<std::tuple<google::type::Date, std::int64_t, int>>& cs) {
    EXPECT_TRUE(officer().applications().Approve(a.application).ok());
    v1::SignAgreementRequest sign;
    sign.set_name(a.application);
    sign.set_agreement_number("C-" + a.application);
    *sign.mutable_agreement_date() = D(2026, 11, 26);
    for (const auto& [due, inv, jobs] : cs) {
      auto* c = sign.add_commitments();
      *c->mutable_due_date() = due;
      c->set_investment_kopecks(inv);
      c->set_jobs(jobs);
    }
    auto r = officer().applications().SignAgreement(sign);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? r->resident() : "";
  }
  // Files and has accepted a report.
  std::string Report(client::Client& resident, int year, int quarter, std::int64_t investment, int jobs) {
    v1::Report r;
    r.set_year(year);
    r.set_quarter(quarter);
    r.set_investment_kopecks(investment);
    r.set_capex_kopecks(investment / 2);
    r.set_jobs_at_period_end(jobs);
    auto created = resident.reporting().Create(r);
    EXPECT_TRUE(created.ok()) << created.error().ToString();
    EXPECT_TRUE(resident.reporting().Submit(created->name()).ok());
    auto accepted = officer().reporting().Accept(created->name());
    EXPECT_TRUE(accepted.ok()) << accepted.error().ToString();
    return created->name();
  }
  void SetDate(int y, int m, int d) { clock_.Set(ZoneStartOf(Date{y, m, d}) + 12 * 3600 * kMicrosPerSecond); }
};

TEST_F(ReportingTest, ReportLifecycleWithReturnAndCorrection) {
  auto a = ApplicantUnderReview("4345042753", "1024317979080");
  RegisterWith(a, {{D(2027, 12, 31), 300 * kMillion, 50}});
  v1::Report r;
  r.set_year(2026);
  r.set_quarter(3);
  EXPECT_EQ(a.client->reporting().Create(r).error().reason(), "QUARTER_BEFORE_REGISTRATION");
  r.set_quarter(4);
  EXPECT_EQ(a.client->reporting().Create(r).error().reason(), "QUARTER_NOT_ENDED");
  SetDate(2027, 1, 10);
  r.set_investment_kopecks(10 * kMillion);
  r.set_capex_kopecks(20 * kMillion);
  r.set_quarter(5);
  auto bad = a.client->reporting().Create(r);
  ASSERT_EQ(bad.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.error().violation("report.quarter"), nullptr);
  EXPECT_EQ(bad.error().violation("report.capex_kopecks")->reason, "INCONSISTENT_FIGURES");

  r.set_quarter(4);
  r.set_capex_kopecks(5 * kMillion);
  r.set_jobs_at_period_end(12);
  auto created = a.client->reporting().Create(r);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->version(), 1);
  EXPECT_EQ(created->due_date().month(), 1);
  EXPECT_EQ(created->due_date().day(), 30);  // 31 December + 30 days
  EXPECT_EQ(a.client->reporting().Create(r).error().reason(), "REPORT_EXISTS");
  ASSERT_TRUE(a.client->reporting().Submit(created->name()).ok());
  EXPECT_EQ(officer().reporting().Return(created->name(), "").code(), client::StatusCode::INVALID_ARGUMENT);
  auto returned = officer().reporting().Return(created->name(), "Jobs figure contradicts the payroll");
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->state(), v1::Report::STATE_RETURNED);
  v1::Report fix;
  fix.set_name(created->name());
  fix.set_jobs_at_period_end(11);
  ASSERT_TRUE(a.client->reporting().Update(fix, {"jobs_at_period_end"}).ok());
  EXPECT_EQ(a.client->reporting().Update(fix, {"year"}).error().field_violations().at(0).reason, "FIELD_IMMUTABLE");
  ASSERT_TRUE(a.client->reporting().Submit(created->name()).ok());
  auto accepted = officer().reporting().Accept(created->name());
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted->state(), v1::Report::STATE_ACCEPTED);
  // Accepted versions never change.
  EXPECT_EQ(a.client->reporting().Update(fix, {"jobs_at_period_end"}).code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(officer().reporting().Accept(created->name()).code(), client::StatusCode::FAILED_PRECONDITION);
  // A correction is a new version that supersedes the accepted one once accepted.
  auto correction = a.client->reporting().Correct(created->name());
  ASSERT_TRUE(correction.ok()) << correction.error().ToString();
  EXPECT_EQ(correction->version(), 2);
  EXPECT_EQ(correction->corrects(), created->name());
  EXPECT_EQ(a.client->reporting().Correct(created->name()).error().reason(), "REPORT_EXISTS");
  v1::Report more;
  more.set_name(correction->name());
  more.set_investment_kopecks(40 * kMillion);
  ASSERT_TRUE(a.client->reporting().Update(more, {"investment_kopecks"}).ok());
  ASSERT_TRUE(a.client->reporting().Submit(correction->name()).ok());
  ASSERT_TRUE(officer().reporting().Accept(correction->name()).ok());
  EXPECT_EQ(officer().reporting().Get(created->name())->investment_kopecks(), 10 * kMillion);  // unchanged
  SetDate(2027, 2, 1);
  auto compliance = officer().reporting().Compliance(officer().reporting().Get(created->name())->resident());
  ASSERT_TRUE(compliance.ok()) << compliance.error().ToString();
  EXPECT_EQ(compliance->investment_made_kopecks(), 40 * kMillion);  // v2 counts, not v1 + v2
  EXPECT_EQ(compliance->jobs(), 11);
  // Another resident cannot see it.
  auto other = ApplicantUnderReview("4345695985", "1024366201166");
  Register(other);
  EXPECT_EQ(other.client->reporting().Get(created->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_TRUE(other.client->reporting().List().All()->empty());
}

TEST_F(ReportingTest, ComplianceOnTrackAtRiskAndBreachedAndOverdueReports) {
  auto ahead = ApplicantUnderReview("4345042753", "1024317979080");
  auto behind = ApplicantUnderReview("4345695985", "1024366201166");
  auto breach = ApplicantUnderReview("4345212878", "1024326984923");
  std::string r_ahead =
      RegisterWith(ahead, {{D(2027, 3, 31), 100 * kMillion, 10}, {D(2027, 12, 31), 300 * kMillion, 50}});
  std::string r_behind = RegisterWith(behind, {{D(2027, 12, 31), 300 * kMillion, 50}});
  std::string r_breach =
      RegisterWith(breach, {{D(2027, 3, 31), 100 * kMillion, 10}, {D(2027, 12, 31), 300 * kMillion, 50}});
  SetDate(2027, 1, 10);
  Report(*ahead.client, 2026, 4, 60 * kMillion, 8);
  Report(*behind.client, 2026, 4, 10 * kMillion, 5);
  Report(*breach.client, 2026, 4, 10 * kMillion, 2);
  SetDate(2027, 4, 5);
  Report(*ahead.client, 2027, 1, 50 * kMillion, 12);
  Report(*behind.client, 2027, 1, 10 * kMillion, 10);
  SetDate(2027, 4, 15);

  EXPECT_EQ(officer().reporting().Compliance(r_ahead)->status(), v1::COMPLIANCE_STATUS_ON_TRACK);
  auto at_risk = officer().reporting().Compliance(r_behind);
  EXPECT_EQ(at_risk->status(), v1::COMPLIANCE_STATUS_AT_RISK);
  EXPECT_GT(at_risk->expected_investment_kopecks(), at_risk->investment_made_kopecks());
  auto breached = officer().reporting().Compliance(r_breach);
  EXPECT_EQ(breached->status(), v1::COMPLIANCE_STATUS_BREACHED);
  ASSERT_EQ(breached->missed_commitments_size(), 1);
  EXPECT_EQ(breached->missed_commitments(0).due_date().month(), 3);
  auto listed = officer().reporting().ListCompliance(v1::COMPLIANCE_STATUS_BREACHED).All();
  ASSERT_TRUE(listed.ok()) << listed.error().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].resident(), r_breach);
  EXPECT_EQ(officer().reporting().ListCompliance().All()->size(), 3u);
  // The breaching resident never filed its Q1 report (due 30 April): overdue from May.
  EXPECT_TRUE(officer().reporting().ListOverdue().All()->empty());
  SetDate(2027, 5, 2);
  auto overdue = auditor().reporting().ListOverdue().All();
  ASSERT_TRUE(overdue.ok()) << overdue.error().ToString();
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_EQ((*overdue)[0].resident(), r_breach);
  EXPECT_EQ((*overdue)[0].quarter(), 1);
  EXPECT_EQ((*overdue)[0].due_date().month(), 4);
  // Paged like every List: a year later every resident owes four more quarters, oldest first, in pages of 2.
  SetDate(2028, 5, 2);
  auto page = auditor().reporting().ListOverduePage(client::ListOptions().PageSize(2));
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  EXPECT_EQ(page->overdue_size(), 2);
  EXPECT_FALSE(page->next_page_token().empty());
  auto all = auditor().reporting().ListOverdue(client::ListOptions().PageSize(2)).All();
  ASSERT_TRUE(all.ok()) << all.error().ToString();
  EXPECT_GT(all->size(), 4u);
  for (std::size_t i = 1; i < all->size(); ++i) {
    const auto& a = (*all)[i - 1];
    const auto& b = (*all)[i];
    EXPECT_LE(a.year() * 4 + a.quarter(), b.year() * 4 + b.quarter()) << "oldest first";
  }
  std::set<std::string> distinct;
  for (const auto& o : *all)
    distinct.insert(o.resident() + "/" + std::to_string(o.year()) + "Q" + std::to_string(o.quarter()));
  EXPECT_EQ(distinct.size(), all->size()) << "no quarter twice across pages";

  // Zone statistics from SQL aggregates.
  auto stats = auditor().reporting().ZoneStatistics();
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->residents_active(), 3);
  EXPECT_EQ(stats->investment_committed_kopecks(), 900 * kMillion);
  EXPECT_EQ(stats->jobs_planned(), 150);
  EXPECT_EQ(stats->investment_made_kopecks(), 140 * kMillion);
  EXPECT_EQ(stats->jobs_created(), 12 + 10 + 2);
  auto as_of = D(2027, 1, 1);
  auto earlier = auditor().reporting().ZoneStatistics(&as_of);
  EXPECT_EQ(earlier->investment_made_kopecks(), 80 * kMillion);  // Q4 2026 only
  EXPECT_EQ(ResidentClient(CreateOrganization("4345610903", "1024320244189"))->reporting().ZoneStatistics().code(),
            client::StatusCode::PERMISSION_DENIED);
}

class EventsTest : public ServerFixture {};

std::vector<v1::Event> ReadN(client::EventStream& stream, std::size_t n) {
  std::vector<v1::Event> out;
  v1::Event e;
  while (out.size() < n && stream.Next(&e)) out.push_back(e);
  return out;
}

TEST_F(EventsTest, ReplayResumeFilterAndFollow) {
  auto a = ApplicantUnderReview("4345042753", "1024317979080");
  auto b = ApplicantUnderReview("4345695985", "1024366201166");
  // Everything so far, as the auditor sees it.
  auto all = auditor().audit().List(client::ListOptions().PageSize(500)).All();
  ASSERT_TRUE(all.ok());
  const std::size_t total = all->size();  // one event per audited change

  auto stream = auditor().events().Watch();
  auto first = ReadN(*stream, 3);
  ASSERT_EQ(first.size(), 3u);
  std::int64_t last = first.back().sequence();
  stream->Cancel();
  // Resuming after the last sequence delivers exactly the rest, in order.
  client::WatchOptions resume;
  resume.after_sequence = last;
  auto rest_stream = auditor().events().Watch(resume);
  auto rest = ReadN(*rest_stream, total - 3);
  ASSERT_EQ(rest.size(), total - 3);
  std::int64_t previous = last;
  for (const auto& e : rest) {
    EXPECT_GT(e.sequence(), previous);
    previous = e.sequence();
  }
  rest_stream->Cancel();

  // A resident sees only its own organization's events; a type filter narrows further.
  client::WatchOptions only_apps;
  only_apps.resource_types = {"applications"};
  auto mine = a.client->events().Watch(only_apps);
  auto own = ReadN(*mine, 3);  // created, submitted, accepted
  ASSERT_EQ(own.size(), 3u);
  for (const auto& e : own) EXPECT_EQ(e.resource(), a.application);
  mine->Cancel();

  // Following: a watcher started at now receives the next change as it commits.
  client::WatchOptions live;
  live.start_at_now = true;
  auto follower = b.client->events().Watch(live);
  auto next = std::async(std::launch::async, [&] { return ReadN(*follower, 1); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(a.client->applications().Withdraw(a.application).ok());  // not b's: b must not see it
  ASSERT_TRUE(b.client->applications().Withdraw(b.application).ok());
  ASSERT_EQ(next.wait_for(std::chrono::seconds(20)), std::future_status::ready);
  auto got = next.get();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].resource(), b.application);
  EXPECT_EQ(got[0].type(), "application.withdrawn");
  follower->Cancel();

  client::WatchOptions bad;
  bad.resource_types = {"no such/type"};
  auto refused = auditor().events().Watch(bad);
  v1::Event e;
  EXPECT_FALSE(refused->Next(&e));
  EXPECT_EQ(refused->error()->code(), client::StatusCode::INVALID_ARGUMENT);
}

// ListEvents paged while a writer commits: the pages (re-synced after the last
// sequence seen) deliver every event once, in order, as the stream does.
TEST_F(EventsTest, ListEventsPagesWithoutGapsOrRepeatsUnderAConcurrentWriterAndTheWatchFollowsOn) {
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int n = 1000; n < 1040; ++n) EXPECT_FALSE(CreateOrganization(InnFor(n), OgrnFor(n)).empty());
    done = true;
  });
  // Page through; at the end of the stored events, re-sync after the last one
  // seen (a new query), until the writer is done and everything is drained.
  std::vector<std::int64_t> listed;
  std::string token;
  std::int64_t after = 0;
  int pages = 0;
  while (true) {
    const bool writer_done = done;
    auto page = auditor().events().ListPage({.after_sequence = after}, client::ListOptions().PageSize(3), token);
    ASSERT_TRUE(page.ok()) << page.error().ToString();
    ++pages;
    EXPECT_LE(page->events_size(), 3);
    for (const auto& e : page->events()) listed.push_back(e.sequence());
    if (!listed.empty()) {
      EXPECT_GE(page->last_sequence(), listed.back());
    }
    token = page->next_page_token();
    if (!token.empty()) continue;
    if (writer_done) break;
    after = listed.empty() ? 0 : listed.back();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  writer.join();
  // The auditor sees every event: 1, 2, 3, ... with no gap and no repeat.
  ASSERT_GE(listed.size(), 40u);
  for (std::size_t i = 0; i < listed.size(); ++i) EXPECT_EQ(listed[i], static_cast<std::int64_t>(i + 1));
  EXPECT_GT(pages, 14);
  // And the stream agrees: watching after any listed sequence delivers exactly the listed rest.
  const std::size_t half = listed.size() / 2;
  auto stream = auditor().events().Watch({.after_sequence = listed[half - 1]});
  auto rest = ReadN(*stream, listed.size() - half);
  stream->Cancel();
  ASSERT_EQ(rest.size(), listed.size() - half);
  for (std::size_t i = 0; i < rest.size(); ++i) EXPECT_EQ(rest[i].sequence(), listed[half + i]);
}

TEST_F(EventsTest, ListEventsNamesEachEventsOrganizationAndKeepsResidentsToTheirOwn) {
  auto a = ApplicantUnderReview("4345042753", "1024317979080");
  auto b = ApplicantUnderReview("4345695985", "1024366201166");
  CreatePlot("43:40:000000:1", 5000);  // a zone-wide event

  // Every event names the organization it concerns; zone-wide ones name none.
  auto all = auditor().events().List(client::EventFilter{}, client::ListOptions().PageSize(500)).All();
  ASSERT_TRUE(all.ok()) << all.error().ToString();
  bool saw_plot = false;
  for (const auto& e : *all) {
    if (e.resource() == a.application) {
      EXPECT_EQ(e.organization(), a.organization) << e.type();
    }
    if (e.resource() == b.application) {
      EXPECT_EQ(e.organization(), b.organization) << e.type();
    }
    if (e.type() == "plot.created") {
      saw_plot = true;
      EXPECT_EQ(e.organization(), "");
    }
  }
  EXPECT_TRUE(saw_plot);

  // A resident lists only its own organization's events, with or without naming it.
  for (const auto& filter : {client::EventFilter{}, client::EventFilter{.organization = a.organization}}) {
    auto own = a.client->events().List(filter).All();
    ASSERT_TRUE(own.ok()) << own.error().ToString();
    ASSERT_FALSE(own->empty());
    for (const auto& e : *own) EXPECT_EQ(e.organization(), a.organization) << e.resource();
  }
  // Naming another organization is NOT_FOUND, as for its resources.
  EXPECT_EQ(a.client->events().List({.organization = b.organization}).All().code(), client::StatusCode::NOT_FOUND);

  // An officer narrows by organization and by collection.
  auto only_b = officer().events().List({.resource_types = {"applications"}, .organization = b.organization}).All();
  ASSERT_TRUE(only_b.ok()) << only_b.error().ToString();
  ASSERT_EQ(only_b->size(), 3u);  // created, submitted, accepted
  for (const auto& e : *only_b) EXPECT_EQ(e.resource(), b.application);

  // An unknown collection is INVALID_ARGUMENT naming the field, for the list and the stream.
  auto bad = auditor().events().ListPage({.resource_types = {"applications", "aplications"}});
  ASSERT_EQ(bad.code(), client::StatusCode::INVALID_ARGUMENT);
  ASSERT_NE(bad.error().violation("resource_types[1]"), nullptr) << bad.error().ToString();
  EXPECT_EQ(bad.error().violation("resource_types[1]")->reason, "INVALID_RESOURCE_TYPE");
  // Every bad field at once, one violation each.
  auto both = auditor().events().ListPage({.after_sequence = -1, .resource_types = {"x"}});
  ASSERT_EQ(both.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(both.error().violation("after_sequence"), nullptr) << both.error().ToString();
  EXPECT_NE(both.error().violation("resource_types[0]"), nullptr) << both.error().ToString();
  EXPECT_EQ(auditor().events().ListPage({.organization = "plots/1"}).code(), client::StatusCode::INVALID_ARGUMENT);

  // A page token belongs to its query: reused with other filters it is refused.
  auto first = auditor().events().ListPage({}, client::ListOptions().PageSize(2));
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->next_page_token().empty());
  EXPECT_EQ(auditor().events().ListPage({.resource_types = {"plots"}}, {}, first->next_page_token()).code(),
            client::StatusCode::INVALID_ARGUMENT);
}

TEST_F(EventsTest, TheStreamResumesAcrossAServerRestart) {
  auto a = ApplicantUnderReview("4345042753", "1024317979080");
  client::WatchOptions options;
  options.start_at_now = true;
  auto stream = a.client->events().Watch(options);
  std::promise<std::vector<v1::Event>> got;
  std::thread reader([&] { got.set_value(ReadN(*stream, 2)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(a.client->applications().ReferToExpertCouncil(a.application).code() ==
              client::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(officer().applications().ReferToExpertCouncil(a.application).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  // Restart on the same port and database: the stream sees UNAVAILABLE and reconnects.
  RestartServer();
  ASSERT_TRUE(
      officer().applications().RecordExpertOpinion(a.application, v1::Application::EXPERT_OPINION_POSITIVE, "ok").ok());

  auto future = got.get_future();
  if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) stream->Cancel();
  reader.join();
  auto events = future.get();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type(), "application.referred");
  EXPECT_EQ(events[1].type(), "application.opinion_recorded");
  EXPECT_GT(events[1].sequence(), events[0].sequence());
}

// A start_at_now stream that reconnects before its first event resumes where it
// started (the server's biopolis-start-after metadata), not from the beginning.
TEST_F(EventsTest, AStartAtNowStreamReconnectingBeforeItsFirstEventReplaysNothing) {
  auto a = ApplicantUnderReview("4345042753", "1024317979080");
  client::WatchOptions options;
  options.start_at_now = true;
  auto stream = officer().events().Watch(options);
  std::promise<std::vector<v1::Event>> got;
  std::thread reader([&] { got.set_value(ReadN(*stream, 1)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the stream is open, nothing written since

  RestartServer();
  ASSERT_TRUE(officer().applications().ReferToExpertCouncil(a.application).ok());

  auto future = got.get_future();
  if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) stream->Cancel();
  reader.join();
  auto events = future.get();
  ASSERT_EQ(events.size(), 1u);
  // Replaying from the beginning would deliver the applicant's first event instead.
  EXPECT_EQ(events[0].type(), "application.referred");
}

}  // namespace
}  // namespace biopolis::testing
