// `biopolisd copy-database` (#18): a zone made on SQLite moves to an empty
// PostgreSQL database, is verified there, and a server on the copy answers
// as the original did, keys included. PostgreSQL suite only.
#include "storage/copy_database.h"

#include "biopolis/audit_verification.h"
#include "server_fixture.h"

namespace biopolis::testing {
namespace {

class CopyDatabaseTest : public ServerFixture {
 protected:
  // The fixture's server runs on an SQLite file here (the source), whatever
  // the suite's backend; the target is a fresh PostgreSQL schema.
  void SetUp() override {
    if (!database_.postgres()) GTEST_SKIP() << "copies into PostgreSQL (PostgreSQL suite only)";
    ServerFixture::SetUp();
  }
  void Configure(ServerOptions& options) override {
    ServerFixture::Configure(options);
    options.database = "sqlite://" + db_.path();
  }
  TestDatabase target_;
};

TEST_F(CopyDatabaseTest, AZoneMovesFromSqliteToPostgresAndAnswersTheSame) {
  const std::string organization = CreateOrganization("4345042753", "1024317979080");
  const std::string plot = CreatePlot("43:40:000302:112", 1000);
  auto applicant = ApplicantUnderReview("4345695985", "1024366201166");
  const std::string resident = Register(applicant);
  auto before = auditor().organizations().List().All();
  ASSERT_TRUE(before.ok());
  const int audit_records = AuditCount();
  server_.reset();  // the source must not be in use

  auto source = ParseDatabaseUrl("sqlite://" + db_.path());
  auto target = ParseDatabaseUrl(target_.url());
  ASSERT_TRUE(source.ok() && target.ok());
  // Two rows per read: every keyed table is copied over several pages (the
  // row counts and the audit chain are checked against the source).
  auto report = CopyDatabase(*source, *target, /*rows_per_read=*/2);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->audit_records, audit_records);
  std::int64_t organizations_copied = -1;
  for (const auto& [table, rows] : report->tables) {
    if (table == "organizations") organizations_copied = rows;
  }
  EXPECT_EQ(organizations_copied, static_cast<std::int64_t>(before->size()));

  // A second copy into the same (now full) database is refused and changes nothing.
  auto again = CopyDatabase(*source, *target);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "TARGET_NOT_EMPTY");
  EXPECT_EQ(target_.QueryInt("SELECT count(*) FROM audit_log"), audit_records);

  // A server on the copy: the same keys work, the same answers, and new
  // writes get keys after the copied ones.
  ServerOptions options = options_;
  options.database = target_.url();
  auto copy = BiopolisServer::Start(options, &clock_);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  server_ = std::move(*copy);
  admin_ = ClientWithKey(admin_secret_);
  officer_ = ClientWithKey(officer_secret_);
  auditor_ = ClientWithKey(auditor_secret_);
  auto after = auditor().organizations().List().All();
  ASSERT_TRUE(after.ok()) << after.error().ToString();
  ASSERT_EQ(after->size(), before->size());
  for (std::size_t i = 0; i < after->size(); ++i) {
    EXPECT_EQ((*after)[i].name(), (*before)[i].name());
    EXPECT_EQ((*after)[i].etag(), (*before)[i].etag());
  }
  auto got = auditor().residents().Get(resident);
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(got->state(), v1::Resident::STATE_ACTIVE);
  const std::string next_plot = CreatePlot("43:40:000302:113", 500);
  EXPECT_NE(next_plot, plot);
  EXPECT_FALSE(next_plot.empty());
  auto verified = client::VerifyAuditLog(auditor().audit());
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->records_checked, audit_records + 1);
}

TEST_F(CopyDatabaseTest, BadUrlsAndAMissingSourceAreRefused) {
  EXPECT_FALSE(ParseDatabaseUrl("mysql://zone").ok());
  EXPECT_EQ(ParseDatabaseUrl("postgresql://registry:secret@db/zone").status().reason(), "INVALID_CONFIG");
  EXPECT_EQ(ParseDatabaseUrl("postgresql://db/zone?password=secret").status().reason(), "INVALID_CONFIG");
  EXPECT_TRUE(ParseDatabaseUrl("postgresql://registry@db/zone?sslmode=verify-full").ok());
  auto target = ParseDatabaseUrl(target_.url());
  auto missing = CopyDatabase(*ParseDatabaseUrl("sqlite://" + db_.dir() + "/missing.db"), *target);
  EXPECT_FALSE(missing.ok());
  auto itself = CopyDatabase(*target, *target);
  EXPECT_FALSE(itself.ok());
  // Nothing reached the target: not even the schema.
  EXPECT_EQ(target_.QueryInt("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), 0);
}

}  // namespace
}  // namespace biopolis::testing
