#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlResidentRepository final : public ResidentRepository {
 public:
  explicit SqlResidentRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<ResidentRecord> Get(std::int64_t id) override;
  std::optional<ResidentRecord> FindCurrent(std::int64_t organization_id) override;
  Page<ResidentRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const ResidentRecord& record) override;
  void Update(const ResidentRecord& record) override;
  std::int64_t CountRegisteredInYear(int year) override;
  std::optional<ResidentVersionRecord> GetAsOf(std::int64_t id, TimeMicros as_of) override;
  Page<ResidentRecord> ListAsOf(const ListQuery& query, TimeMicros as_of) override;
  Page<ResidentVersionRecord> ListVersions(std::int64_t id, const ListQuery& query) override;

 private:
  void LoadCommitments(ResidentRecord& record);
  // Copies the row `id` (just written) into its history.
  void AppendVersion(std::int64_t id, TimeMicros effective_time);
  std::optional<ResidentRecord> FindOne(const std::string& where, std::int64_t value);
  SqlConnection& conn_;
};

}  // namespace biopolis
