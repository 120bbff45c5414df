#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlPolicyRepository final : public PolicyRepository {
 public:
  explicit SqlPolicyRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<PolicyRecord> Get(std::int64_t version) override;
  std::optional<PolicyRecord> InForceOn(const Date& date) override;
  Page<PolicyRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const PolicyRecord& record) override;

 private:
  SqlConnection& conn_;
};

}  // namespace biopolis
