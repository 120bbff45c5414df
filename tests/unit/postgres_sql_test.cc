// The pure parts of the PostgreSQL backend: the parameter numbering that
// lets the repositories' SQL run on both backends, and the database URL.
#include <gtest/gtest.h>

#include "storage/database_url.h"
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_error.h"

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

}  // namespace
}  // namespace biopolis
