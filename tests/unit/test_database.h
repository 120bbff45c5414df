// The database a test runs on: a fresh SQLite file, or, when the environment
// variable BIOPOLIS_TEST_POSTGRES holds a libpq URI (the throw-away cluster
// of scripts/pg-test-cluster.sh, started by ctest's postgres fixture), a
// fresh schema on that server, dropped at the end. The same suites run on
// both backends this way (tests/CMakeLists.txt registers them twice).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "storage/postgres/pg_connection.h"
#include "storage/sqlite/sqlite_connection.h"
#include "temp_db.h"

namespace biopolis::testing {

class TestDatabase {
 public:
  TestDatabase() {
    const char* server = std::getenv("BIOPOLIS_TEST_POSTGRES");
    if (server == nullptr || *server == '\0') {
      url_ = "sqlite://" + files_.path();
      return;
    }
    static std::atomic<int> counter{0};
    server_ = server;
    schema_ = "test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    PgConnection admin(server_);
    admin.ExecuteScript("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    url_ = server_ + (server_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
  }
  ~TestDatabase() {
    if (schema_.empty()) return;
    try {
      PgConnection admin(server_);
      admin.ExecuteScript("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // The cluster is thrown away at the end of the run anyway.
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool postgres() const { return !schema_.empty(); }
  // On PostgreSQL: the test's schema, and the cluster's URL without it.
  const std::string& schema() const { return schema_; }
  const std::string& server() const { return server_; }
  // For ServerOptions::database.
  const std::string& url() const { return url_; }
  // A temporary directory (and, on SQLite, the database file in it).
  const TempDb& files() const { return files_; }

  // A connection of our own to the test's database, from outside the server.
  std::unique_ptr<SqlConnection> Connect() const {
    if (postgres()) return std::make_unique<PgConnection>(url_);
    return std::make_unique<SqliteConnection>(files_.path(), SQLite::OPEN_READWRITE);
  }
  // The first column of the first row of `sql`, as a number.
  std::int64_t QueryInt(const std::string& sql) const {
    auto connection = Connect();
    CachedStatement st(*connection, sql);
    return st.executeStep() ? st.getColumn(0).getInt64() : 0;
  }

 private:
  TempDb files_;
  std::string server_;
  std::string schema_;
  std::string url_;
};

// Skips a test that reads or writes the SQLite file itself.
#define BIOPOLIS_SQLITE_ONLY(database) \
  if ((database).postgres()) GTEST_SKIP() << "reads the SQLite file itself (SQLite only)"

}  // namespace biopolis::testing
