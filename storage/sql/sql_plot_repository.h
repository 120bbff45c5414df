#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlPlotRepository final : public PlotRepository {
 public:
  explicit SqlPlotRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<PlotRecord> Get(std::int64_t id) override;
  std::optional<PlotRecord> FindLiveByCadastralNumber(const std::string& number) override;
  Page<PlotRecord> List(const ListQuery& query) override;
  std::vector<PlotRecord> ListExpiredReservations(TimeMicros now, int limit) override;
  std::vector<PlotRecord> ListReservedFor(std::int64_t application_id) override;
  std::int64_t Insert(const PlotRecord& record) override;
  void Update(const PlotRecord& record) override;
  void AddLineage(std::int64_t predecessor_id, std::int64_t successor_id) override;
  std::vector<LandTotals> TotalsByState() override;

 private:
  std::vector<PlotRecord> Select(const std::string& where, const std::vector<FilterValue>& binds);
  void LoadLineage(PlotRecord& record);
  SqlConnection& conn_;
};

}  // namespace biopolis
