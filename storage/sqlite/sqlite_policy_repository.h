#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"

namespace biopolis {

class SqlitePolicyRepository final : public PolicyRepository {
 public:
  explicit SqlitePolicyRepository(SQLite::Database& db) : db_(db) {}
  std::optional<PolicyRecord> Get(std::int64_t version) override;
  std::optional<PolicyRecord> InForceOn(const Date& date) override;
  Page<PolicyRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const PolicyRecord& record) override;

 private:
  SQLite::Database& db_;
};

}  // namespace biopolis
