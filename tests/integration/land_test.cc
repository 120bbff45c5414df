// Land plots, reservations and leases through the SDK against the real server.
#include <atomic>
#include <thread>

#include "server_fixture.h"

namespace biopolis::testing {
namespace {

class LandTest : public ServerFixture {};

TEST_F(LandTest, CatalogueSearchAndUpdate) {
  CreatePlot("43:40:000302:112", 42000, 2500);
  std::string small = CreatePlot("43:40:000302:113", 3000, 200);
  CreatePlot("43:40:000302:114", 9000, 600);
  // Everyone authenticated searches, including an applicant.
  auto company = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  auto found = company->land()
                   .ListPlots(client::ListOptions()
                                  .Filter("state = \"STATE_AVAILABLE\" AND area_m2 >= 5000 AND power_kw >= 500")
                                  .OrderBy("area_m2"))
                   .All();
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].area_m2(), 9000);
  EXPECT_EQ((*found)[1].area_m2(), 42000);
  auto desc = officer().land().ListPlots(client::ListOptions().OrderBy("area_m2 desc").PageSize(1)).All();
  ASSERT_EQ(desc->size(), 3u);
  EXPECT_EQ((*desc)[0].area_m2(), 42000);

  auto plot = officer().land().GetPlot(small);
  v1::Plot change;
  change.set_name(small);
  change.set_etag(plot->etag());
  change.set_area_m2(3500);
  change.mutable_capacity()->set_power_kw(250);
  auto updated = officer().land().UpdatePlot(change, {"area_m2", "capacity"});
  ASSERT_TRUE(updated.ok()) << updated.error().ToString();
  EXPECT_EQ(updated->area_m2(), 3500);
  EXPECT_EQ(updated->capacity().power_kw(), 250);
  EXPECT_EQ(updated->cadastral_number(), "43:40:000302:113");
  EXPECT_EQ(officer().land().UpdatePlot(change, {"area_m2"}).code(), client::StatusCode::ABORTED);
  change.set_etag("");
  EXPECT_EQ(officer().land().UpdatePlot(change, {"cadastral_number"}).code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(company->land().UpdatePlot(change, {"area_m2"}).code(), client::StatusCode::PERMISSION_DENIED);
}

TEST_F(LandTest, BadInputIsPreciseAndChangesNothing) {
  int before = AuditCount();
  v1::Plot plot;
  plot.set_cadastral_number("43-40-000302-112");
  plot.set_area_m2(-10);
  auto r = officer().land().CreatePlot(plot);
  ASSERT_EQ(r.code(), client::StatusCode::INVALID_ARGUMENT);
  std::set<std::string> fields;
  for (const auto& v : r.error().field_violations()) fields.insert(v.field + ":" + v.reason);
  EXPECT_TRUE(fields.count("plot.cadastral_number:INVALID_CADASTRAL_NUMBER"));
  EXPECT_TRUE(fields.count("plot.area_m2:VALUE_OUT_OF_RANGE"));
  EXPECT_TRUE(fields.count("plot.site:FIELD_REQUIRED"));
  EXPECT_TRUE(fields.count("plot.permitted_use:FIELD_REQUIRED"));
  EXPECT_EQ(officer().land().GetPlot("plots/404").code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(officer().land().BlockPlot("plots/404", "x").code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(officer().land().ListPlots(client::ListOptions().Filter("area_m2 >= big")).All().error().code(),
            client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(AuditCount(), before);
  CreatePlot("43:40:000302:112", 1000);
  v1::Plot dup;
  dup.set_cadastral_number("43:40:000302:112");
  dup.set_site("x");
  dup.set_area_m2(5);
  dup.set_permitted_use(v1::PERMITTED_USE_OFFICE);
  EXPECT_EQ(officer().land().CreatePlot(dup).error().reason(), "PLOT_EXISTS");
}

TEST_F(LandTest, ReservationToLeaseAndBack) {
  std::string plot = CreatePlot("43:40:000302:112", 42000);
  auto applicant = ApplicantUnderReview("4345042753", "1024317979080");
  auto other = ApplicantUnderReview("4345695985", "1024366201166");

  // Only an application under review can hold a plot.
  auto drafting = ResidentClient(CreateOrganization("4345212878", "1024326984923"));
  auto draft = drafting->applications().Create(EligibleDraft());
  auto not_reviewed = officer().land().ReservePlot(plot, draft->name());
  EXPECT_EQ(not_reviewed.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(not_reviewed.error().reason(), "APPLICATION_NOT_UNDER_REVIEW");

  auto reserved = officer().land().ReservePlot(plot, applicant.application);
  ASSERT_TRUE(reserved.ok()) << reserved.error().ToString();
  EXPECT_EQ(reserved->state(), v1::Plot::STATE_RESERVED);
  EXPECT_EQ(reserved->reservation().application(), applicant.application);
  EXPECT_EQ(reserved->reservation().expire_time().seconds(), kStartTime / 1'000'000 + 60 * 86400);
  auto again = officer().land().ReservePlot(plot, other.application);
  EXPECT_EQ(again.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(again.error().reason(), "PLOT_NOT_AVAILABLE");

  // Who holds it is hidden from other residents, shown to the holder.
  EXPECT_EQ(other.client->land().GetPlot(plot)->reservation().application(), "");
  EXPECT_EQ(applicant.client->land().GetPlot(plot)->reservation().application(), applicant.application);

  std::string resident = Register(applicant);
  std::string other_resident = Register(other);
  v1::Lease lease;
  lease.set_plot(plot);
  lease.set_resident(other_resident);
  *lease.mutable_start_date() = D(2026, 12, 1);
  *lease.mutable_end_date() = D(2075, 11, 30);
  lease.set_annual_rent_kopecks(2'520'000'00);
  auto wrong = officer().land().CreateLease(lease);
  EXPECT_EQ(wrong.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(wrong.error().reason(), "PLOT_NOT_AVAILABLE");
  EXPECT_NE(wrong.error().message().find("another application"), std::string::npos);

  lease.set_resident(resident);
  auto signed_lease = officer().land().CreateLease(lease);
  ASSERT_TRUE(signed_lease.ok()) << signed_lease.error().ToString();
  EXPECT_EQ(signed_lease->state(), v1::Lease::STATE_ACTIVE);
  auto leased_plot = officer().land().GetPlot(plot);
  EXPECT_EQ(leased_plot->state(), v1::Plot::STATE_LEASED);
  EXPECT_EQ(leased_plot->lease(), signed_lease->name());
  EXPECT_EQ(other.client->land().GetPlot(plot)->lease(), "");
  EXPECT_EQ(other.client->land().GetLease(signed_lease->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(applicant.client->land().ListLeases().All()->size(), 1u);
  EXPECT_TRUE(other.client->land().ListLeases().All()->empty());
  EXPECT_EQ(officer().land().CreateLease(lease).error().reason(), "PLOT_NOT_AVAILABLE");

  auto util = auditor().land().GetUtilisation();
  ASSERT_TRUE(util.ok()) << util.error().ToString();
  EXPECT_EQ(util->leased().plots(), 1);
  EXPECT_EQ(util->leased().area_m2(), 42000);
  EXPECT_DOUBLE_EQ(util->leased_share(), 1.0);

  auto ended = officer().land().TerminateLease(signed_lease->name(), "Mutual agreement");
  ASSERT_TRUE(ended.ok()) << ended.error().ToString();
  EXPECT_EQ(ended->state(), v1::Lease::STATE_TERMINATED);
  EXPECT_EQ(officer().land().GetPlot(plot)->state(), v1::Plot::STATE_AVAILABLE);
  EXPECT_EQ(officer().land().TerminateLease(signed_lease->name(), "again").code(),
            client::StatusCode::FAILED_PRECONDITION);
}

TEST_F(LandTest, ReservationsAreReleasedWhenTheApplicationEnds) {
  std::string p1 = CreatePlot("43:40:000302:112", 1000);
  std::string p2 = CreatePlot("43:40:000302:113", 1000);
  std::string p3 = CreatePlot("43:40:000302:114", 1000);
  auto rejected = ApplicantUnderReview("4345042753", "1024317979080");
  auto withdrawn = ApplicantUnderReview("4345695985", "1024366201166");
  auto lapsing = ApplicantUnderReview("4345212878", "1024326984923");
  ASSERT_TRUE(officer().land().ReservePlot(p1, rejected.application).ok());
  ASSERT_TRUE(officer().land().ReservePlot(p2, withdrawn.application).ok());
  ASSERT_TRUE(officer().land().ReservePlot(p3, lapsing.application).ok());

  ASSERT_TRUE(officer()
                  .applications()
                  .Reject(rejected.application, v1::Application::REJECTION_GROUND_NO_MATCHING_PROPERTY, "No fit")
                  .ok());
  EXPECT_EQ(officer().land().GetPlot(p1)->state(), v1::Plot::STATE_AVAILABLE);
  ASSERT_TRUE(withdrawn.client->applications().Withdraw(withdrawn.application).ok());
  EXPECT_EQ(officer().land().GetPlot(p2)->state(), v1::Plot::STATE_AVAILABLE);
  ASSERT_TRUE(officer().applications().RequestInformation(lapsing.application, "Documents").ok());
  clock_.Advance(31 * kMicrosPerDay);
  ASSERT_TRUE(server_->RunTimedTransitions().ok());
  EXPECT_EQ(officer().land().GetPlot(p3)->state(), v1::Plot::STATE_AVAILABLE);
  auto trail = auditor().audit().List(client::ListOptions().Filter("resource = \"" + p3 + "\"")).All();
  ASSERT_FALSE(trail->empty());
  EXPECT_EQ(trail->back().actor(), "system");
}

TEST_F(LandTest, ReservationsAndLeasesExpireWithTheClock) {
  std::string plot = CreatePlot("43:40:000302:112", 1000);
  auto applicant = ApplicantUnderReview("4345042753", "1024317979080");
  ASSERT_TRUE(officer().land().ReservePlot(plot, applicant.application).ok());
  clock_.Advance(59 * kMicrosPerDay);
  EXPECT_EQ(officer().land().GetPlot(plot)->state(), v1::Plot::STATE_RESERVED);
  clock_.Advance(2 * kMicrosPerDay);
  // Seen at once on read, persisted by the timed transition (audited as system).
  EXPECT_EQ(officer().land().GetPlot(plot)->state(), v1::Plot::STATE_AVAILABLE);
  ASSERT_TRUE(server_->RunTimedTransitions().ok());
  EXPECT_TRUE(officer().land().ListPlots(client::ListOptions().Filter("state = \"STATE_RESERVED\"")).All()->empty());

  std::string resident = Register(applicant);
  v1::Lease lease;
  lease.set_plot(plot);
  lease.set_resident(resident);
  *lease.mutable_start_date() = D(2027, 1, 1);
  *lease.mutable_end_date() = D(2027, 6, 30);
  auto signed_lease = officer().land().CreateLease(lease);
  ASSERT_TRUE(signed_lease.ok()) << signed_lease.error().ToString();
  clock_.Set(ZoneStartOf(Date{2027, 7, 1}) + kMicrosPerSecond);
  EXPECT_EQ(officer().land().GetLease(signed_lease->name())->state(), v1::Lease::STATE_EXPIRED);
  EXPECT_EQ(officer().land().GetPlot(plot)->state(), v1::Plot::STATE_AVAILABLE);
  ASSERT_TRUE(server_->RunTimedTransitions().ok());
  auto stored = officer().land().ListLeases(client::ListOptions().Filter("state = \"STATE_EXPIRED\"")).All();
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(officer().land().ListPlots(client::ListOptions().Filter("state = \"STATE_AVAILABLE\"")).All()->size(), 1u);
}

TEST_F(LandTest, TerminatingAResidentEndsItsLeasesAndANonResidentCannotLease) {
  std::string plot = CreatePlot("43:40:000302:112", 1000);
  auto applicant = ApplicantUnderReview("4345042753", "1024317979080");
  std::string resident = Register(applicant);
  v1::Lease lease;
  lease.set_plot(plot);
  lease.set_resident(resident);
  *lease.mutable_start_date() = D(2026, 12, 1);
  *lease.mutable_end_date() = D(2036, 11, 30);
  auto signed_lease = officer().land().CreateLease(lease);
  ASSERT_TRUE(signed_lease.ok());
  v1::TerminateResidentRequest t;
  t.set_name(resident);
  t.set_ground(v1::Resident::TERMINATION_GROUND_LIQUIDATION);
  *t.mutable_effective_date() = D(2026, 12, 15);
  t.set_explanation("Liquidated");
  ASSERT_TRUE(officer().residents().Terminate(t).ok());
  auto ended = officer().land().GetLease(signed_lease->name());
  EXPECT_EQ(ended->state(), v1::Lease::STATE_TERMINATED);
  EXPECT_EQ(ended->end_of_use_date().day(), 15);
  EXPECT_EQ(officer().land().GetPlot(plot)->state(), v1::Plot::STATE_AVAILABLE);
  auto again = officer().land().CreateLease(lease);
  EXPECT_EQ(again.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(again.error().reason(), "RESIDENT_NOT_ACTIVE");
  lease.set_resident("residents/999");
  EXPECT_EQ(officer().land().CreateLease(lease).error().reason(), "RESIDENT_NOT_FOUND");
  lease.set_resident("applications/1");
  EXPECT_EQ(officer().land().CreateLease(lease).error().field_violations().at(0).field, "lease.resident");
}

TEST_F(LandTest, BlockUnblockAndRetireWithLineage) {
  std::string old_plot = CreatePlot("43:40:000302:112", 10000);
  std::string a = CreatePlot("43:40:000302:120", 6000);
  std::string b = CreatePlot("43:40:000302:121", 4000);
  auto blocked = officer().land().BlockPlot(old_plot, "Utility works");
  ASSERT_TRUE(blocked.ok());
  EXPECT_EQ(blocked->state(), v1::Plot::STATE_UNAVAILABLE);
  EXPECT_EQ(officer().land().BlockPlot(old_plot, "again").error().reason(), "WRONG_STATE");
  EXPECT_EQ(officer().land().BlockPlot(a, "").code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(officer().land().RetirePlot(old_plot, "split", {}).code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(officer().land().RetirePlot(old_plot, "split", {"plots/999"}).error().reason(), "PLOT_NOT_FOUND");
  auto retired = officer().land().RetirePlot(old_plot, "Split in two", {a, b});
  ASSERT_TRUE(retired.ok()) << retired.error().ToString();
  EXPECT_EQ(retired->state(), v1::Plot::STATE_RETIRED);
  ASSERT_EQ(retired->successors_size(), 2);
  auto child = officer().land().GetPlot(a);
  ASSERT_EQ(child->predecessors_size(), 1);
  EXPECT_EQ(child->predecessors(0), old_plot);
  EXPECT_EQ(officer().land().UnblockPlot(old_plot).error().reason(), "WRONG_STATE");
  // The cadastral number of a retired plot may be used again.
  EXPECT_FALSE(CreatePlot("43:40:000302:112", 10000).empty());
  EXPECT_EQ(officer().land().UnblockPlot(b).error().reason(), "WRONG_STATE");
}

TEST_F(LandTest, FiftyConcurrentReservationsOfOnePlotExactlyOneWins) {
  std::string plot = CreatePlot("43:40:000302:112", 1000);
  const char* inns[] = {"4345042753", "4345695985", "4345212878", "4345610903", "4345919018"};
  const char* ogrns[] = {"1024317979080", "1024366201166", "1024326984923", "1024320244189", "1024397558723"};
  std::vector<std::string> applications;
  for (int i = 0; i < 5; ++i) applications.push_back(ApplicantUnderReview(inns[i], ogrns[i]).application);

  RaceOutcome race = Race(50, "PLOT_NOT_AVAILABLE", [&](int i) {
    return officer().land().ReservePlot(plot, applications[static_cast<std::size_t>(i % 5)]);
  });
  EXPECT_EQ(race.ok, 1);
  EXPECT_EQ(race.refused, 49);
  EXPECT_EQ(race.other, 0);
  auto trail = auditor().audit().List(client::ListOptions().Filter("action = \"ReservePlot\"")).All();
  EXPECT_EQ(trail->size(), 1u);
}

}  // namespace
}  // namespace biopolis::testing
