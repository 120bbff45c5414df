#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlOrganizationRepository final : public OrganizationRepository {
 public:
  explicit SqlOrganizationRepository(SqlConnection& conn) : conn_(conn) {}
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
  SqlConnection& conn_;
};

}  // namespace biopolis
