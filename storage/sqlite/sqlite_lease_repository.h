#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"

namespace biopolis {

class SqliteLeaseRepository final : public LeaseRepository {
 public:
  explicit SqliteLeaseRepository(SQLite::Database& db) : db_(db) {}
  std::optional<LeaseRecord> Get(std::int64_t id) override;
  Page<LeaseRecord> List(const ListQuery& query) override;
  std::vector<LeaseRecord> ListEnded(const Date& date, int limit) override;
  std::vector<LeaseRecord> ListActiveOfResident(std::int64_t resident_id) override;
  std::int64_t Insert(const LeaseRecord& record) override;
  void Update(const LeaseRecord& record) override;

 private:
  std::vector<LeaseRecord> Select(const std::string& where, const std::vector<FilterValue>& binds);
  SQLite::Database& db_;
};

}  // namespace biopolis
