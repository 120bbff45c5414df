#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"
#include "storage/sqlite/sqlite_connection.h"

namespace biopolis {

class SqliteOrganizationRepository final : public OrganizationRepository {
 public:
  explicit SqliteOrganizationRepository(SqliteConnection& conn) : conn_(conn), db_(conn.database()) {}
  std::optional<OrganizationRecord> Get(std::int64_t id) override;
  std::optional<OrganizationRecord> FindByInn(const std::string& inn) override;
  std::optional<OrganizationRecord> FindByOgrn(const std::string& ogrn) override;
  Page<OrganizationRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const OrganizationRecord& record) override;
  void Update(const OrganizationRecord& record) override;
  std::optional<OrganizationRecord> GetAsOf(std::int64_t id, TimeMicros as_of) override;

 private:
  // Copies the row `id` (just written) into its history.
  void AppendVersion(std::int64_t id, TimeMicros effective_time);
  std::optional<OrganizationRecord> FindOne(const std::string& where, const FilterValue& value);
  SqliteConnection& conn_;
  SQLite::Database& db_;
};

}  // namespace biopolis
