// The SDK's VerifyAuditLog against the real server: an intact log, the
// server's and an auditor's saved checkpoints, a forged checkpoint, a
// malformed line, a caller without the right, and a record altered on disk.
#include "biopolis/audit_verification.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace biopolis::testing {
namespace {

using client::AuditVerifyOptions;
using client::VerifyAuditLog;

class AuditVerificationTest : public ServerFixture {
 protected:
  // The server's checkpoint lines, newest first.
  std::vector<std::string> CheckpointLines() {
    auto page = auditor().audit().ListCheckpointsPage();
    EXPECT_TRUE(page.ok()) << page.error().ToString();
    std::vector<std::string> lines;
    if (page.ok()) {
      for (const auto& cp : page->checkpoints()) lines.push_back(cp.line());
    }
    return lines;
  }
};

TEST_F(AuditVerificationTest, AnIntactLogIsCheckedAgainstTheServersCheckpoints) {
  CreateOrganization("4345042753", "1024317979080");
  ASSERT_TRUE(server_->domain().audit.Checkpoint().ok());
  CreateOrganization("4345695985", "1024366201166");

  auto verified = VerifyAuditLog(auditor().audit(), AuditVerifyOptions{.saved_checkpoints = {}, .page_size = 2});
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->records_checked, AuditCount());
  EXPECT_EQ(verified->checkpoints, CheckpointLines().size());
  EXPECT_GE(verified->checkpoints, 1u);
  EXPECT_EQ(verified->last_hash.size(), 64u);
}

TEST_F(AuditVerificationTest, SavedCheckpointsHoldTheLogAndAForgedOneIsCaught) {
  CreateOrganization("4345042753", "1024317979080");
  ASSERT_TRUE(server_->domain().audit.Checkpoint().ok());
  const auto lines = CheckpointLines();
  ASSERT_GE(lines.size(), 1u);

  auto verified = VerifyAuditLog(auditor().audit(), {.saved_checkpoints = lines});
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;

  // The newest checkpoint claiming another head: its signature no longer holds.
  std::string forged = lines[0];
  auto at = forged.find(" hash=") + 6;
  forged[at] = forged[at] == '0' ? '1' : '0';
  verified = VerifyAuditLog(auditor().audit(), {.saved_checkpoints = std::vector<std::string>{forged}});
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
  EXPECT_FALSE(verified->intact);
  EXPECT_EQ(verified->broken_sequence, 0);
  EXPECT_NE(verified->problem.find("bad signature"), std::string::npos) << verified->problem;

  auto malformed = VerifyAuditLog(auditor().audit(), {.saved_checkpoints = std::vector<std::string>{"v1 sequence=x"}});
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().code(), client::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AuditVerificationTest, ARecordAlteredOnDiskIsNamed) {
  CreateOrganization("4345042753", "1024317979080");
  CreateOrganization("4345695985", "1024366201166");
  {
    auto db = database_.Connect();
    // The append-only triggers go first, as an attacker with the database would drop them.
    db->Execute(db->dialect() == SqlDialect::kSqlite ? "DROP TRIGGER audit_log_no_update"
                                                     : "DROP TRIGGER audit_log_no_update ON audit_log");
    db->Execute("UPDATE audit_log SET summary = summary || 'x' WHERE sequence = 2");
  }
  auto verified = VerifyAuditLog(auditor().audit());
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
  EXPECT_FALSE(verified->intact);
  EXPECT_EQ(verified->broken_sequence, 2);
  EXPECT_NE(verified->problem.find("auditRecords/2"), std::string::npos) << verified->problem;
}

TEST_F(AuditVerificationTest, AResidentCannotReadTheLog) {
  auto resident = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  auto verified = VerifyAuditLog(resident->audit());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code(), client::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace biopolis::testing
