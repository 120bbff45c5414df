#include "storage/sql/sql_api_key_repository.h"

#include "storage/sql/list_sql.h"

namespace biopolis {
namespace {

constexpr char kColumns[] =
    "id, display_name, role, coalesce(organization_id, 0), key_hash, key_prefix, expire_time, "
    "create_time, revoke_time";

ApiKeyRecord Read(SqlStatement& st) {
  ApiKeyRecord r;
  r.id = st.getColumn(0).getInt64();
  r.display_name = st.getColumn(1).getString();
  r.role = static_cast<Role>(st.getColumn(2).getInt());
  r.organization_id = st.getColumn(3).getInt64();
  r.key_hash = st.getColumn(4).getString();
  r.key_prefix = st.getColumn(5).getString();
  r.expire_time = st.getColumn(6).getInt64();
  r.create_time = st.getColumn(7).getInt64();
  r.revoke_time = st.getColumn(8).getInt64();
  return r;
}

}  // namespace

std::optional<ApiKeyRecord> SqlApiKeyRepository::Get(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM api_keys WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

std::optional<ApiKeyRecord> SqlApiKeyRepository::FindByHash(const std::string& key_hash) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM api_keys WHERE key_hash = ?");
  st.bind(1, key_hash);
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

Page<ApiKeyRecord> SqlApiKeyRepository::List(const ListQuery& query) {
  static const ListTable kTable{"api_keys", kColumns, "id", {{"create_time", "create_time"}}, ""};
  return RunList<ApiKeyRecord>(conn_, kTable, query, Read);
}

std::int64_t SqlApiKeyRepository::Insert(const ApiKeyRecord& r) {
  CachedStatement st(conn_,
                     "INSERT INTO api_keys (display_name, role, organization_id, key_hash, "
                     "key_prefix, expire_time, create_time, revoke_time) VALUES (?,?,?,?,?,?,?,?) RETURNING id");
  st.bind(1, r.display_name);
  st.bind(2, static_cast<int>(r.role));
  if (r.organization_id > 0) {
    st.bind(3, static_cast<int64_t>(r.organization_id));
  } else {
    st.bind(3);
  }
  st.bind(4, r.key_hash);
  st.bind(5, r.key_prefix);
  st.bind(6, static_cast<int64_t>(r.expire_time));
  st.bind(7, static_cast<int64_t>(r.create_time));
  st.bind(8, static_cast<int64_t>(r.revoke_time));
  return InsertedId(st);
}

void SqlApiKeyRepository::SetRevoked(std::int64_t id, TimeMicros when) {
  CachedStatement st(conn_, "UPDATE api_keys SET revoke_time = ? WHERE id = ?");
  st.bind(1, static_cast<int64_t>(when));
  st.bind(2, static_cast<int64_t>(id));
  st.exec();
}

int SqlApiKeyRepository::CountLiveWithPrefix(const std::string& prefix, TimeMicros now) {
  CachedStatement st(conn_,
                     "SELECT count(*) FROM api_keys WHERE key_prefix = ? AND revoke_time = 0 "
                     "AND (expire_time = 0 OR expire_time > ?)");
  st.bind(1, prefix);
  st.bind(2, static_cast<int64_t>(now));
  st.executeStep();
  return st.getColumn(0).getInt();
}

std::int64_t SqlApiKeyRepository::Count() {
  CachedStatement st(conn_, "SELECT count(*) FROM api_keys");
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

}  // namespace biopolis
