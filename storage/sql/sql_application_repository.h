#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlApplicationRepository final : public ApplicationRepository {
 public:
  explicit SqlApplicationRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<ApplicationRecord> Get(std::int64_t id) override;
  std::optional<ApplicationRecord> FindLive(std::int64_t organization_id) override;
  Page<ApplicationRecord> List(const ListQuery& query) override;
  std::vector<ApplicationRecord> ListOverdueInfoRequests(TimeMicros now, int limit) override;
  std::int64_t Insert(const ApplicationRecord& record) override;
  void Update(const ApplicationRecord& record) override;
  void Delete(std::int64_t id) override;

 private:
  SqlConnection& conn_;
};

}  // namespace biopolis
