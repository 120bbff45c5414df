// The pure parts of the PostgreSQL backend: the parameter numbering that
// lets the repositories' SQL run on both backends, and the database URL; and,
// on the PostgreSQL suite's cluster, the connection's one-round-trip reads.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "storage/database_url.h"
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_error.h"
#include "storage/postgres/pg_store.h"
#include "test_database.h"

namespace biopolis {
namespace {

TEST(PgParameterNumberingTest, QuestionMarksBecomeDollarNumbersOutsideQuotedText) {
  EXPECT_EQ(PgConnection::NumberParameters("SELECT a FROM t WHERE b = ? AND c > ?"),
            "SELECT a FROM t WHERE b = $1 AND c > $2");
  // Numbered parameters keep their numbers (a value used twice is bound once).
  EXPECT_EQ(PgConnection::NumberParameters("WHERE id = ?1 AND t <= ?2 AND o = ?1"),
            "WHERE id = $1 AND t <= $2 AND o = $1");
  // A question mark inside a string or a quoted name is text, not a parameter.
  EXPECT_EQ(PgConnection::NumberParameters("SELECT '?', \"odd?name\" FROM t WHERE x = ?"),
            "SELECT '?', \"odd?name\" FROM t WHERE x = $1");
  EXPECT_EQ(PgConnection::NumberParameters("SELECT 'it''s ?' WHERE x = ?"), "SELECT 'it''s ?' WHERE x = $1");
  EXPECT_EQ(PgConnection::NumberParameters("BEGIN"), "BEGIN");
}

TEST(PgErrorTest, RetryableAndLostConnectionAreToldApart) {
  EXPECT_TRUE(PgError("40001", "could not serialize").retryable());
  EXPECT_TRUE(PgError("40P01", "deadlock").retryable());
  EXPECT_FALSE(PgError("23505", "duplicate key").retryable());
  EXPECT_TRUE(PgError("", "server closed the connection").connection_lost());
  EXPECT_TRUE(PgError("08006", "connection failure").connection_lost());
  EXPECT_TRUE(PgError("57P01", "admin shutdown").connection_lost());
  EXPECT_FALSE(PgError("23514", "check violation").connection_lost());
}

TEST(DatabaseUrlTest, SqliteAndPostgresUrlsAndWhatIsRefused) {
  auto file = ParseDatabaseUrl("sqlite:///var/lib/biopolis/biopolis.db");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->kind, DatabaseLocation::Kind::kSqlite);
  EXPECT_EQ(file->target, "/var/lib/biopolis/biopolis.db");
  auto relative = ParseDatabaseUrl("sqlite://zone.db");
  ASSERT_TRUE(relative.ok());
  EXPECT_EQ(relative->target, "zone.db");
  auto pg = ParseDatabaseUrl("postgresql://biopolis@db1:5432/zone?sslmode=verify-full");
  ASSERT_TRUE(pg.ok());
  EXPECT_EQ(pg->kind, DatabaseLocation::Kind::kPostgres);
  EXPECT_EQ(pg->target, "postgresql://biopolis@db1:5432/zone?sslmode=verify-full");
  EXPECT_TRUE(ParseDatabaseUrl("postgres:///zone?host=/run/postgresql").ok());
  // Passwords, other schemes and an empty path are refused, naming the field.
  for (const char* bad : {"postgresql://biopolis:secret@db1/zone", "postgresql://db1/zone?sslmode=require&password=x",
                          "postgresql://db1/zone?password=x", "mysql://db1/zone", "sqlite://", "biopolis.db", ""}) {
    auto parsed = ParseDatabaseUrl(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().reason(), "INVALID_CONFIG") << bad;
    ASSERT_EQ(parsed.status().field_violations().size(), 1u) << bad;
    EXPECT_EQ(parsed.status().field_violations()[0].field, "database") << bad;
  }
  // A user name with an @ in the query is not a password.
  EXPECT_TRUE(ParseDatabaseUrl("postgresql://biopolis@db1/zone?application_name=a:b").ok());
}

// A connection of its own to the test's schema, on the PostgreSQL suite only.
class PgConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.postgres()) GTEST_SKIP() << "needs the PostgreSQL suite's cluster";
    db_ = std::make_unique<PgConnection>(database_.url());
  }
  std::string Text(const std::string& sql) {
    CachedStatement st(*db_, sql);
    return st.executeStep() ? st.getColumn(0).getString() : "<no row>";
  }
  testing::TestDatabase database_;
  std::unique_ptr<PgConnection> db_;
};

TEST_F(PgConnectionTest, ADeferredBeginTravelsWithTheFirstStatementAndTheCommitIsNotWaitedFor) {
  db_->DeferCommand("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  // Not sent yet: the session is idle, outside any transaction.
  EXPECT_EQ(PQtransactionStatus(db_->handle()), PQTRANS_IDLE);
  EXPECT_EQ(Text("SELECT current_setting('transaction_read_only')"), "on");
  EXPECT_EQ(Text("SELECT current_setting('transaction_isolation')"), "repeatable read");
  EXPECT_EQ(PQtransactionStatus(db_->handle()), PQTRANS_INTRANS);
  db_->CommitReadOnlyWithoutWaiting();
  // The next statement reads the COMMIT's reply first and runs outside it.
  EXPECT_EQ(Text("SELECT current_setting('transaction_read_only')"), "off");
  EXPECT_EQ(PQtransactionStatus(db_->handle()), PQTRANS_IDLE);
  // So does a script, and a new statement (prepared after a COMMIT sent).
  db_->DeferCommand("BEGIN READ ONLY");
  EXPECT_EQ(Text("SELECT 1"), "1");
  db_->CommitReadOnlyWithoutWaiting();
  db_->ExecuteScript("CREATE TABLE deferred_probe (x INT)");
  EXPECT_EQ(Text("SELECT count(*) FROM deferred_probe"), "0");
}

TEST_F(PgConnectionTest, ADeferredCommandThatNothingFollowedIsDropped) {
  db_->DeferCommand("BEGIN READ ONLY");
  db_->CommitReadOnlyWithoutWaiting();
  EXPECT_EQ(Text("SELECT current_setting('transaction_read_only')"), "off");
  EXPECT_EQ(PQtransactionStatus(db_->handle()), PQTRANS_IDLE);
}

TEST_F(PgConnectionTest, FailuresInTheRoundTripAreThrownAndTheConnectionGoesOn) {
  // The deferred command fails: the statement throws its error.
  db_->DeferCommand("BEGIN ISOLATION LEVEL NONSENSE");
  try {
    Text("SELECT 1");
    ADD_FAILURE() << "a failed deferred command went unnoticed";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "42601") << e.what();  // syntax_error
  }
  EXPECT_EQ(Text("SELECT 2"), "2");
  // The statement fails: its own error; the transaction is rolled back as usual.
  db_->DeferCommand("BEGIN READ ONLY");
  try {
    Text("SELECT 1 / (SELECT 0)");
    ADD_FAILURE() << "division by zero went unnoticed";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "22012") << e.what();  // division_by_zero
  }
  EXPECT_EQ(PQtransactionStatus(db_->handle()), PQTRANS_INERROR);
  db_->Execute("ROLLBACK");
  EXPECT_EQ(Text("SELECT 3"), "3");
  EXPECT_FALSE(db_->broken());
}

// Serialization failures (40001) and deadlocks (40P01) are the database's
// "run it again": PgStore runs the whole transaction again, up to
// max_attempts, and the client never sees them. Simulated by a unit of work
// that throws them, since the writers' advisory lock keeps real ones away.
TEST_F(PgConnectionTest, SerializationFailuresAndDeadlocksAreRetriedInsideTheStore) {
  PgStoreOptions options;
  options.conninfo = database_.url();
  options.readers = 1;
  options.max_attempts = 4;
  auto store = PgStore::Open(options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  int calls = 0;
  Status st = (*store)->WriteAndWait([&calls](Transaction&) -> Status {
    ++calls;
    if (calls == 1) throw PgError("40001", "could not serialize access (simulated)");
    if (calls == 2) throw PgError("40P01", "deadlock detected (simulated)");
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(calls, 3);
  // One that never stops failing gives up after max_attempts: UNAVAILABLE,
  // which the SDK retries with the same request_id; never INTERNAL.
  calls = 0;
  st = (*store)->WriteAndWait([&calls](Transaction&) -> Status {
    ++calls;
    throw PgError("40001", "could not serialize access (simulated)");
  });
  EXPECT_EQ(st.code(), StatusCode::kUnavailable) << st.ToString();
  EXPECT_EQ(calls, 4);
}

}  // namespace
}  // namespace biopolis
