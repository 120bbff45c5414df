#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlServiceDeskRepository final : public ServiceDeskRepository {
 public:
  explicit SqlServiceDeskRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<ServiceTypeRecord> GetType(std::int64_t id) override;
  Page<ServiceTypeRecord> ListTypes(const ListQuery& query) override;
  std::int64_t InsertType(const ServiceTypeRecord& record) override;
  void UpdateType(const ServiceTypeRecord& record) override;
  std::optional<ServiceRequestRecord> GetRequest(std::int64_t id) override;
  Page<ServiceRequestRecord> ListRequests(const ListQuery& query, const std::optional<TimeMicros>& overdue_at) override;
  std::int64_t InsertRequest(const ServiceRequestRecord& record) override;
  void UpdateRequest(const ServiceRequestRecord& record) override;
  std::int64_t AddMessage(const ServiceMessageRecord& message) override;
  Page<ServiceMessageRecord> ListMessages(std::int64_t request_id, const ListQuery& query) override;
  ServiceDeskTotals Totals(TimeMicros now) override;

 private:
  SqlConnection& conn_;
};

}  // namespace biopolis
