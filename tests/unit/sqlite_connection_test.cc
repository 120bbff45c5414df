#include "storage/sqlite/sqlite_connection.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "temp_db.h"

namespace biopolis {
namespace {

const int kReadWrite = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;

class SqliteConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteConnection setup(db_.path(), kReadWrite);
    setup.database().exec("PRAGMA journal_mode = WAL");
    setup.database().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    setup.database().exec("INSERT INTO t (v) VALUES ('a'), ('b'), ('c')");
  }

  std::int64_t Count(SqliteConnection& c) {
    CachedStatement st(c, "SELECT count(*) FROM t");
    st.executeStep();
    return st.getColumn(0).getInt64();
  }

  testing::TempDb db_;
};

TEST_F(SqliteConnectionTest, AStatementIsPreparedOnceAndHandedOutAgainWithItsBindingsCleared) {
  SqliteConnection c(db_.path(), kReadWrite);
  {
    CachedStatement st(c, "INSERT INTO t (v) VALUES (?)");
    st.bind(1, "bound");
    st.exec();
  }
  {
    CachedStatement st(c, "INSERT INTO t (v) VALUES (?)");
    st.exec();  // nothing bound this time: the earlier binding must not linger
  }
  EXPECT_EQ(c.prepared(), 1u);
  EXPECT_EQ(c.reused(), 1u);
  EXPECT_EQ(c.database().execAndGet("SELECT count(*) FROM t WHERE v = 'bound'").getInt(), 1);
  EXPECT_EQ(c.database().execAndGet("SELECT count(*) FROM t WHERE v IS NULL").getInt(), 1);
}

TEST_F(SqliteConnectionTest, AStatementLeftMidResultDoesNotKeepItsSnapshotOnceGivenBack) {
  SqliteConnection reader(db_.path(), SQLite::OPEN_READONLY);
  SqliteConnection writer(db_.path(), kReadWrite);
  {
    CachedStatement st(reader, "SELECT v FROM t ORDER BY id");
    ASSERT_TRUE(st.executeStep());  // one row of three: the statement is still active here
  }
  writer.database().exec("INSERT INTO t (v) VALUES ('d')");
  {
    CachedStatement st(reader, "SELECT v FROM t ORDER BY id");
    int rows = 0;
    while (st.executeStep()) ++rows;
    EXPECT_EQ(rows, 4) << "the reused statement read an old snapshot";
  }
  EXPECT_EQ(reader.reused(), 1u);
}

TEST_F(SqliteConnectionTest, APartialIndexOnAStateDoesNotMakeEveryBindPrepareTheStatementAgain) {
  SqliteConnection c(db_.path(), kReadWrite);
  c.database().exec("CREATE TABLE p (id INTEGER PRIMARY KEY, state INTEGER, due INTEGER)");
  c.database().exec("CREATE INDEX p_due ON p (due) WHERE state = 2");
  c.database().exec("INSERT INTO p (state, due) VALUES (1, 10), (2, 20), (2, 30)");
  for (int state : {2, 1, 2}) {
    CachedStatement st(c, "SELECT count(*) FROM p WHERE state = ?");
    st.bind(1, state);
    ASSERT_TRUE(st.executeStep());
    EXPECT_EQ(st.getColumn(0).getInt(), state == 2 ? 2 : 1);
  }
  EXPECT_EQ(c.prepared(), 1u);
  EXPECT_EQ(c.reprepared(), 0);
}

TEST_F(SqliteConnectionTest, ANestedUseOfTheSameSqlGetsItsOwnStatement) {
  SqliteConnection c(db_.path(), kReadWrite);
  const std::string sql = "SELECT id FROM t ORDER BY id";
  int pairs = 0;
  CachedStatement outer(c, sql);
  while (outer.executeStep()) {
    CachedStatement inner(c, sql);
    while (inner.executeStep()) ++pairs;
  }
  EXPECT_EQ(pairs, 9);
  EXPECT_EQ(c.prepared(), 2u);  // the outer one, and one inner statement reused twice
  EXPECT_EQ(c.reused(), 2u);
}

TEST_F(SqliteConnectionTest, TheCacheIsBoundedAndDropsTheLeastRecentlyUsed) {
  SqliteConnection c(db_.path(), kReadWrite, "", 2);
  auto run = [&c](const std::string& sql) {
    CachedStatement st(c, sql);
    st.executeStep();
  };
  run("SELECT 1");
  run("SELECT 2");
  run("SELECT 1");  // hit; now "SELECT 2" is the least recently used
  run("SELECT 3");  // evicts "SELECT 2"
  run("SELECT 1");  // still cached
  run("SELECT 2");  // prepared again
  EXPECT_EQ(c.prepared(), 4u);
  EXPECT_EQ(c.reused(), 2u);
}

TEST_F(SqliteConnectionTest, AnExceptionInTheScopeStillGivesTheStatementBackReset) {
  SqliteConnection c(db_.path(), kReadWrite);
  try {
    CachedStatement st(c, "SELECT v FROM t ORDER BY id");
    st.executeStep();
    throw std::runtime_error("work failed");
  } catch (const std::runtime_error&) {
  }
  CachedStatement st(c, "SELECT v FROM t ORDER BY id");
  ASSERT_TRUE(st.executeStep());
  EXPECT_EQ(st.getColumn(0).getString(), "a");  // from the first row again
  EXPECT_EQ(c.reused(), 1u);
  EXPECT_EQ(Count(c), 3);
}

}  // namespace
}  // namespace biopolis
