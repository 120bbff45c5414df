#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"
#include "storage/sqlite/sqlite_connection.h"

namespace biopolis {

class SqliteApplicationRepository final : public ApplicationRepository {
 public:
  explicit SqliteApplicationRepository(SqliteConnection& conn) : conn_(conn), db_(conn.database()) {}
  std::optional<ApplicationRecord> Get(std::int64_t id) override;
  std::optional<ApplicationRecord> FindLive(std::int64_t organization_id) override;
  Page<ApplicationRecord> List(const ListQuery& query) override;
  std::vector<ApplicationRecord> ListOverdueInfoRequests(TimeMicros now, int limit) override;
  std::int64_t Insert(const ApplicationRecord& record) override;
  void Update(const ApplicationRecord& record) override;
  void Delete(std::int64_t id) override;

 private:
  SqliteConnection& conn_;
  SQLite::Database& db_;
};

}  // namespace biopolis
