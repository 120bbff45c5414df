#include "storage/sql/sql_journal_repository.h"

#include "core/audit_chain.h"
#include "storage/sql/list_sql.h"

namespace biopolis {
namespace {

constexpr char kAuditColumns[] =
    "sequence, actor, actor_role, action, resource, request_id, summary, create_time, previous_hash, hash";

AuditRecord ReadAudit(SqlStatement& st) {
  AuditRecord r;
  r.sequence = st.getColumn(0).getInt64();
  r.actor = st.getColumn(1).getString();
  r.actor_role = static_cast<Role>(st.getColumn(2).getInt());
  r.action = st.getColumn(3).getString();
  r.resource = st.getColumn(4).getString();
  r.request_id = st.getColumn(5).getString();
  r.summary = st.getColumn(6).getString();
  r.create_time = st.getColumn(7).getInt64();
  r.previous_hash = st.getColumn(8).getString();
  r.hash = st.getColumn(9).getString();
  return r;
}

}  // namespace

std::int64_t SqlJournalRepository::AppendAudit(const AuditRecord& r) {
  // The single writer makes "the last record" well defined inside this transaction.
  // Records are never deleted (a trigger forbids it) and a rolled-back append
  // leaves nothing, so the next sequence follows the last record's.
  AuditContent c = AuditContentOf(r);
  c.sequence = 1;
  c.previous_hash.clear();
  {
    CachedStatement last(conn_, "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
    if (last.executeStep()) {
      c.sequence = last.getColumn(0).getInt64() + 1;
      c.previous_hash = last.getColumn(1).getString();
    }
  }
  CachedStatement st(conn_,
                     "INSERT INTO audit_log (sequence, actor, actor_role, action, resource, request_id, "
                     "summary, create_time, previous_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, static_cast<int64_t>(c.sequence));
  // Stored from the same content that is hashed, so the two cannot differ.
  st.bind(2, c.actor);
  st.bind(3, c.actor_role);
  st.bind(4, c.action);
  st.bind(5, c.resource);
  st.bind(6, c.request_id);
  st.bind(7, c.summary);
  st.bind(8, static_cast<int64_t>(c.create_time_micros));
  st.bind(9, c.previous_hash);
  st.bind(10, AuditHash(c));
  st.exec();
  return c.sequence;
}

std::int64_t SqlJournalRepository::AppendEvent(const EventRecord& r) {
  CachedStatement st(conn_,
                     "INSERT INTO events (type, resource, organization_id, summary, create_time) "
                     "VALUES (?,?,?,?,?) RETURNING sequence");
  st.bind(1, r.type);
  st.bind(2, r.resource);
  st.bind(3, static_cast<int64_t>(r.organization_id));
  st.bind(4, r.summary);
  st.bind(5, static_cast<int64_t>(r.create_time));
  return InsertedId(st);
}

std::pair<std::int64_t, std::string> SqlJournalRepository::AuditHead() {
  CachedStatement st(conn_, "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
  if (!st.executeStep()) return {0, ""};
  return {st.getColumn(0).getInt64(), st.getColumn(1).getString()};
}

Page<AuditRecord> SqlJournalRepository::ListAudit(const ListQuery& query) {
  static const ListTable kTable{
      "audit_log",
      kAuditColumns,
      "sequence",
      {{"actor", "actor"}, {"action", "action"}, {"resource", "resource"}, {"sequence", "sequence"}},
      ""};
  return RunList<AuditRecord>(conn_, kTable, query, ReadAudit);
}

std::vector<EventRecord> SqlJournalRepository::EventsAfter(std::int64_t sequence, std::int64_t organization_id,
                                                           const std::vector<std::string>& collections, int limit) {
  std::string sql =
      "SELECT sequence, type, resource, organization_id, summary, create_time FROM events WHERE sequence > ?";
  if (organization_id > 0) sql += " AND organization_id = ?";
  if (!collections.empty()) {
    sql += " AND (";
    for (std::size_t i = 0; i < collections.size(); ++i)
      sql += (i ? " OR " : "") + std::string("(resource >= ? AND resource < ?)");
    sql += ")";
  }
  sql += " ORDER BY sequence LIMIT ?";
  CachedStatement st(conn_, sql);
  int i = 1;
  st.bind(i++, static_cast<int64_t>(sequence));
  if (organization_id > 0) st.bind(i++, static_cast<int64_t>(organization_id));
  // Names under the collection: the prefix "c/" as a byte range, ['c/', 'c0')
  // ('0' follows '/'), which both backends compare bytewise and can seek.
  for (const auto& c : collections) {
    st.bind(i++, c + "/");
    st.bind(i++, c + "0");
  }
  st.bind(i++, limit);
  std::vector<EventRecord> out;
  while (st.executeStep()) {
    EventRecord e;
    e.sequence = st.getColumn(0).getInt64();
    e.type = st.getColumn(1).getString();
    e.resource = st.getColumn(2).getString();
    e.organization_id = st.getColumn(3).getInt64();
    e.summary = st.getColumn(4).getString();
    e.create_time = st.getColumn(5).getInt64();
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t SqlJournalRepository::LastEventSequence() {
  CachedStatement st(conn_, "SELECT coalesce(max(sequence), 0) FROM events");
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

std::optional<IdempotencyRecord> SqlJournalRepository::FindRequest(const std::string& principal,
                                                                   const std::string& request_id) {
  CachedStatement st(conn_,
                     "SELECT fingerprint, response, create_time FROM idempotency "
                     "WHERE principal = ? AND request_id = ?");
  st.bind(1, principal);
  st.bind(2, request_id);
  if (!st.executeStep()) return std::nullopt;
  IdempotencyRecord r;
  r.principal = principal;
  r.request_id = request_id;
  r.fingerprint = st.getColumn(0).getString();
  const SqlColumn blob = st.getColumn(1);
  r.response.assign(static_cast<const char*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes()));
  r.create_time = st.getColumn(2).getInt64();
  return r;
}

void SqlJournalRepository::SaveRequest(const IdempotencyRecord& r) {
  CachedStatement st(conn_,
                     "INSERT INTO idempotency (principal, request_id, fingerprint, response, "
                     "create_time) VALUES (?,?,?,?,?)");
  st.bind(1, r.principal);
  st.bind(2, r.request_id);
  st.bind(3, r.fingerprint);
  st.bind(4, r.response.data(), static_cast<int>(r.response.size()));
  st.bind(5, static_cast<int64_t>(r.create_time));
  st.exec();
}

}  // namespace biopolis
