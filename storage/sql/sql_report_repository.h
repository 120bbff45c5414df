#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlReportRepository final : public ReportRepository {
 public:
  explicit SqlReportRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<ReportRecord> Get(std::int64_t id) override;
  Page<ReportRecord> List(const ListQuery& query) override;
  std::optional<ReportRecord> FindInProgress(std::int64_t resident_id, int year, int quarter) override;
  int MaxVersion(std::int64_t resident_id, int year, int quarter) override;
  std::int64_t Insert(const ReportRecord& record) override;
  void Update(const ReportRecord& record) override;
  AcceptedFigures Accepted(std::int64_t resident_id, int year, int quarter) override;
  Page<OverdueQuarterRow> ListOverdue(const ListQuery& query, int last_period) override;
  ZoneTotals Totals(const Date& as_of) override;

 private:
  SqlConnection& conn_;
};

}  // namespace biopolis
