#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"
#include "storage/sqlite/sqlite_connection.h"

namespace biopolis {

class SqlitePolicyRepository final : public PolicyRepository {
 public:
  explicit SqlitePolicyRepository(SqliteConnection& conn) : conn_(conn), db_(conn.database()) {}
  std::optional<PolicyRecord> Get(std::int64_t version) override;
  std::optional<PolicyRecord> InForceOn(const Date& date) override;
  Page<PolicyRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const PolicyRecord& record) override;

 private:
  SqliteConnection& conn_;
  SQLite::Database& db_;
};

}  // namespace biopolis
