#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/repositories.h"
#include "storage/sqlite/sqlite_connection.h"

namespace biopolis {

class SqliteApiKeyRepository final : public ApiKeyRepository {
 public:
  explicit SqliteApiKeyRepository(SqliteConnection& conn) : conn_(conn), db_(conn.database()) {}
  std::optional<ApiKeyRecord> Get(std::int64_t id) override;
  std::optional<ApiKeyRecord> FindByHash(const std::string& key_hash) override;
  Page<ApiKeyRecord> List(const ListQuery& query) override;
  std::int64_t Insert(const ApiKeyRecord& record) override;
  void SetRevoked(std::int64_t id, TimeMicros when) override;
  std::int64_t Count() override;
  int CountLiveWithPrefix(const std::string& prefix, TimeMicros now) override;

 private:
  SqliteConnection& conn_;
  SQLite::Database& db_;
};

}  // namespace biopolis
