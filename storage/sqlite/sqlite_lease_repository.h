#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"
#include "storage/sqlite/sqlite_connection.h"

namespace biopolis {

class SqliteLeaseRepository final : public LeaseRepository {
 public:
  explicit SqliteLeaseRepository(SqliteConnection& conn) : conn_(conn), db_(conn.database()) {}
  std::optional<LeaseRecord> Get(std::int64_t id) override;
  Page<LeaseRecord> List(const ListQuery& query) override;
  std::vector<LeaseRecord> ListEnded(const Date& date, int limit) override;
  std::vector<LeaseRecord> ListActiveOfResident(std::int64_t resident_id) override;
  std::int64_t Insert(const LeaseRecord& record) override;
  void Update(const LeaseRecord& record) override;

 private:
  std::vector<LeaseRecord> Select(const std::string& where, const std::vector<FilterValue>& binds);
  SqliteConnection& conn_;
  SQLite::Database& db_;
};

}  // namespace biopolis
