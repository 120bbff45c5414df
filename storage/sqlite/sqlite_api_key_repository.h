#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"

namespace biopolis {

class SqliteApiKeyRepository final : public ApiKeyRepository {
 public:
  explicit SqliteApiKeyRepository(SQLite::Database& db) : db_(db) {}
  std::optional<ApiKeyRecord> Get(std::int64_t id) override;
  std::optional<ApiKeyRecord> FindByHash(const std::string& key_hash) override;
  Page<ApiKeyRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const ApiKeyRecord& record) override;
  void SetRevoked(std::int64_t id, TimeMicros when) override;
  std::int64_t Count() override;

 private:
  SQLite::Database& db_;
};

}  // namespace biopolis
