#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlRegistryExtractRepository final : public RegistryExtractRepository {
 public:
  explicit SqlRegistryExtractRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<RegistryExtractRecord> Get(std::int64_t id) override;
  Page<RegistryExtractRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const RegistryExtractRecord& record) override;
  std::int64_t CountIssuedInYear(int year) override;

 private:
  SqlConnection& conn_;
};

}  // namespace biopolis
