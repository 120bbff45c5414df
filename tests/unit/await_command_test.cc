// AwaitCommand: the typed way in-process callers run a domain command,
// against a real store: the committed record comes back, a refusal comes
// back as its status, and nothing is stored for a refused command.
#include "services/domain/await_command.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "services/domain/domain.h"
#include "storage/sqlite/sqlite_store.h"
#include "temp_db.h"

namespace biopolis {
namespace {

OrganizationRecord Organization(const char* inn, const char* ogrn) {
  OrganizationRecord r;
  r.inn = inn;
  r.ogrn = ogrn;
  r.kpp = "434501001";
  r.full_name = "ООО «Тест»";
  r.legal_address = "610000, г. Киров";
  return r;
}

TEST(AwaitCommandTest, ReturnsTheCommittedRecordOrTheRefusal) {
  testing::TempDb db;
  auto store = SqliteStore::Open({db.path(), 2, 2000});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  SystemClock clock;
  Domain domain(**store, clock);
  const Caller officer{"apiKeys/1", Role::kOfficer, 0};

  auto created = AwaitCommand<OrganizationRecord>([&](auto encode, auto reply) {
    domain.organizations.Create(officer, {"CreateOrganization", "", ""}, Organization("4345042753", "1024317979080"),
                                encode, reply);
  });
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->inn, "4345042753");

  // A bad checksum: the rule's refusal, as a typed status, and nothing stored.
  auto refused = AwaitCommand<OrganizationRecord>([&](auto encode, auto reply) {
    domain.organizations.Create(officer, {"CreateOrganization", "", ""}, Organization("4345042754", "1024366201166"),
                                encode, reply);
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  auto again = AwaitCommand<OrganizationRecord>([&](auto encode, auto reply) {
    domain.organizations.Create(officer, {"CreateOrganization", "", ""}, Organization("4345695985", "1024366201166"),
                                encode, reply);
  });
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, created->id + 1);  // the refused command took no id
}

TEST(AwaitCommandTest, AReplyWithoutARecordIsAnError) {
  auto r = AwaitCommand<OrganizationRecord>(
      [](Encoder<OrganizationRecord>, Reply reply) { reply(std::string("replayed bytes")); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace biopolis
