#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlSupportRepository final : public SupportRepository {
 public:
  explicit SqlSupportRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<SupportMeasureRecord> GetMeasure(std::int64_t id) override;
  Page<SupportMeasureRecord> ListMeasures(const ListQuery& query, const std::optional<Date>& open_on) override;
  std::int64_t InsertMeasure(const SupportMeasureRecord& record) override;
  void UpdateMeasure(const SupportMeasureRecord& record) override;
  void Book(std::int64_t measure_id, std::int64_t organization_id, std::int64_t committed_delta,
            std::int64_t disbursed_delta) override;
  std::int64_t CommittedTo(std::int64_t measure_id, std::int64_t organization_id) override;
  std::optional<SupportRequestRecord> GetRequest(std::int64_t id) override;
  Page<SupportRequestRecord> ListRequests(const ListQuery& query) override;
  std::vector<SupportRequestRecord> ListOpenRequestsOf(std::int64_t organization_id) override;
  std::int64_t InsertRequest(const SupportRequestRecord& record) override;
  void UpdateRequest(const SupportRequestRecord& record) override;
  void AddDisbursement(std::int64_t request_id, const DisbursementRecord& disbursement,
                       TimeMicros create_time) override;
  std::vector<std::int64_t> CountRequestsByState(std::int64_t measure_id) override;

 private:
  SqlConnection& conn_;
};

}  // namespace biopolis
