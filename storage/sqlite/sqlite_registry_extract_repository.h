#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"
#include "storage/sqlite/sqlite_connection.h"

namespace biopolis {

class SqliteRegistryExtractRepository final : public RegistryExtractRepository {
 public:
  explicit SqliteRegistryExtractRepository(SqliteConnection& conn) : conn_(conn), db_(conn.database()) {}
  std::optional<RegistryExtractRecord> Get(std::int64_t id) override;
  Page<RegistryExtractRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const RegistryExtractRecord& record) override;
  std::int64_t CountIssuedInYear(int year) override;

 private:
  SqliteConnection& conn_;
  SQLite::Database& db_;
};

}  // namespace biopolis
