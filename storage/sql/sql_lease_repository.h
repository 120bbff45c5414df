#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlLeaseRepository final : public LeaseRepository {
 public:
  explicit SqlLeaseRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<LeaseRecord> Get(std::int64_t id) override;
  Page<LeaseRecord> List(const ListQuery& query) override;
  std::vector<LeaseRecord> ListEnded(const Date& date, int limit) override;
  std::vector<LeaseRecord> ListActiveOfResident(std::int64_t resident_id) override;
  std::int64_t Insert(const LeaseRecord& record) override;
  void Update(const LeaseRecord& record) override;

 private:
  std::vector<LeaseRecord> Select(const std::string& where, const std::vector<FilterValue>& binds);
  SqlConnection& conn_;
};

}  // namespace biopolis
