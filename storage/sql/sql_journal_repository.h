#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlJournalRepository final : public JournalRepository {
 public:
  explicit SqlJournalRepository(SqlConnection& conn) : conn_(conn) {}
  std::int64_t AppendAudit(const AuditRecord& record) override;
  std::int64_t AppendEvent(const EventRecord& record) override;
  Page<AuditRecord> ListAudit(const ListQuery& query) override;
  std::vector<EventRecord> EventsAfter(std::int64_t sequence, std::int64_t organization_id,
                                       const std::vector<std::string>& collections, int limit) override;
  std::int64_t LastEventSequence() override;
  std::pair<std::int64_t, std::string> AuditHead() override;
  std::optional<IdempotencyRecord> FindRequest(const std::string& principal, const std::string& request_id) override;
  void SaveRequest(const IdempotencyRecord& record) override;

 private:
  SqlConnection& conn_;
};

}  // namespace biopolis
