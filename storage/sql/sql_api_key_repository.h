#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlApiKeyRepository final : public ApiKeyRepository {
 public:
  explicit SqlApiKeyRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<ApiKeyRecord> Get(std::int64_t id) override;
  std::optional<ApiKeyRecord> FindByHash(const std::string& key_hash) override;
  Page<ApiKeyRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const ApiKeyRecord& record) override;
  void SetRevoked(std::int64_t id, TimeMicros when) override;
  std::int64_t Count() override;
  int CountLiveWithPrefix(const std::string& prefix, TimeMicros now) override;

 private:
  SqlConnection& conn_;
};

}  // namespace biopolis
