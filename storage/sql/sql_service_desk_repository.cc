#include "storage/sql/sql_service_desk_repository.h"

#include "storage/sql/list_sql.h"
#include "storage/sql/state_sql.h"

namespace biopolis {
namespace {

constexpr char kTypeColumns[] =
    "id, title, description, category, responsible_unit, sla_working_days, inactive, create_time, update_time, "
    "version";

ServiceTypeRecord ReadType(SqlStatement& st) {
  ServiceTypeRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.title = st.getColumn(i++).getString();
  r.description = st.getColumn(i++).getString();
  r.category = static_cast<ServiceCategory>(st.getColumn(i++).getInt());
  r.responsible_unit = st.getColumn(i++).getString();
  r.sla_working_days = st.getColumn(i++).getInt();
  r.inactive = st.getColumn(i++).getInt() != 0;
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version = st.getColumn(i++).getInt64();
  return r;
}

int BindType(SqlStatement& st, const ServiceTypeRecord& r) {
  int i = 1;
  st.bind(i++, r.title);
  st.bind(i++, r.description);
  st.bind(i++, static_cast<int>(r.category));
  st.bind(i++, r.responsible_unit);
  st.bind(i++, r.sla_working_days);
  st.bind(i++, r.inactive ? 1 : 0);
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  return i;
}

constexpr char kRequestColumns[] =
    "id, service_type_id, organization_id, description, state, assignee, due_time, paused_at, outcome, "
    "resolve_time, resolved_within_sla, create_time, update_time, version";

ServiceRequestRecord ReadRequest(SqlStatement& st) {
  ServiceRequestRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.service_type_id = st.getColumn(i++).getInt64();
  r.organization_id = st.getColumn(i++).getInt64();
  r.description = st.getColumn(i++).getString();
  r.state = static_cast<ServiceRequestState>(st.getColumn(i++).getInt());
  r.assignee = st.getColumn(i++).getString();
  r.due_time = st.getColumn(i++).getInt64();
  r.paused_at = st.getColumn(i++).getInt64();
  r.outcome = st.getColumn(i++).getString();
  r.resolve_time = st.getColumn(i++).getInt64();
  r.resolved_within_sla = st.getColumn(i++).getInt() != 0;
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version = st.getColumn(i++).getInt64();
  return r;
}

int BindRequest(SqlStatement& st, const ServiceRequestRecord& r) {
  int i = 1;
  st.bind(i++, static_cast<int64_t>(r.service_type_id));
  st.bind(i++, static_cast<int64_t>(r.organization_id));
  st.bind(i++, r.description);
  st.bind(i++, static_cast<int>(r.state));
  st.bind(i++, r.assignee);
  st.bind(i++, static_cast<int64_t>(r.due_time));
  st.bind(i++, static_cast<int64_t>(r.paused_at));
  st.bind(i++, r.outcome);
  st.bind(i++, static_cast<int64_t>(r.resolve_time));
  st.bind(i++, r.resolved_within_sla ? 1 : 0);
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  return i;
}

ServiceMessageRecord ReadMessage(SqlStatement& st) {
  ServiceMessageRecord m;
  m.id = st.getColumn(0).getInt64();
  m.request_id = st.getColumn(1).getInt64();
  m.author = st.getColumn(2).getString();
  m.from_resident = st.getColumn(3).getInt() != 0;
  m.text = st.getColumn(4).getString();
  m.create_time = st.getColumn(5).getInt64();
  return m;
}

}  // namespace

std::optional<ServiceTypeRecord> SqlServiceDeskRepository::GetType(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kTypeColumns + " FROM service_types WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return ReadType(st);
}

Page<ServiceTypeRecord> SqlServiceDeskRepository::ListTypes(const ListQuery& query) {
  static const ListTable kTable{
      "service_types", kTypeColumns, "id", {{"category", "category"}, {"create_time", "create_time"}}, ""};
  return RunList<ServiceTypeRecord>(conn_, kTable, query, ReadType);
}

std::int64_t SqlServiceDeskRepository::InsertType(const ServiceTypeRecord& record) {
  CachedStatement st(conn_,
                     "INSERT INTO service_types (title, description, category, responsible_unit, sla_working_days, "
                     "inactive, create_time, update_time, version) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id");
  BindType(st, record);
  return InsertedId(st);
}

void SqlServiceDeskRepository::UpdateType(const ServiceTypeRecord& record) {
  CachedStatement st(conn_,
                     "UPDATE service_types SET title=?, description=?, category=?, responsible_unit=?, "
                     "sla_working_days=?, inactive=?, create_time=?, update_time=?, version=? WHERE id=?");
  int next = BindType(st, record);
  st.bind(next, static_cast<int64_t>(record.id));
  st.exec();
}

std::optional<ServiceRequestRecord> SqlServiceDeskRepository::GetRequest(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kRequestColumns + " FROM service_requests WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return ReadRequest(st);
}

Page<ServiceRequestRecord> SqlServiceDeskRepository::ListRequests(const ListQuery& query,
                                                                  const std::optional<TimeMicros>& overdue_at) {
  ListTable table{"service_requests",
                  kRequestColumns,
                  "id",
                  {{"state", "state"},
                   {"service_type", "service_type_id"},
                   {"organization", "organization_id"},
                   {"assignee", "assignee"},
                   {"due_time", "due_time"},
                   {"create_time", "create_time"}},
                  ""};
  if (overdue_at) {
    table.base_condition = StateIn("state", kSlaRunningStates) + " AND due_time < ?";
    table.base_binds = {static_cast<std::int64_t>(*overdue_at)};
  }
  return RunList<ServiceRequestRecord>(conn_, table, query, ReadRequest);
}

std::int64_t SqlServiceDeskRepository::InsertRequest(const ServiceRequestRecord& record) {
  CachedStatement st(conn_,
                     "INSERT INTO service_requests (service_type_id, organization_id, description, state, assignee, "
                     "due_time, paused_at, outcome, resolve_time, resolved_within_sla, create_time, update_time, "
                     "version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  BindRequest(st, record);
  return InsertedId(st);
}

void SqlServiceDeskRepository::UpdateRequest(const ServiceRequestRecord& record) {
  CachedStatement st(conn_,
                     "UPDATE service_requests SET service_type_id=?, organization_id=?, description=?, state=?, "
                     "assignee=?, due_time=?, paused_at=?, outcome=?, resolve_time=?, resolved_within_sla=?, "
                     "create_time=?, update_time=?, version=? WHERE id=?");
  int next = BindRequest(st, record);
  st.bind(next, static_cast<int64_t>(record.id));
  st.exec();
}

std::int64_t SqlServiceDeskRepository::AddMessage(const ServiceMessageRecord& m) {
  CachedStatement st(conn_,
                     "INSERT INTO service_messages (request_id, author, from_resident, text, create_time) "
                     "VALUES (?,?,?,?,?) RETURNING id");
  st.bind(1, static_cast<int64_t>(m.request_id));
  st.bind(2, m.author);
  st.bind(3, m.from_resident ? 1 : 0);
  st.bind(4, m.text);
  st.bind(5, static_cast<int64_t>(m.create_time));
  return InsertedId(st);
}

Page<ServiceMessageRecord> SqlServiceDeskRepository::ListMessages(std::int64_t request_id, const ListQuery& query) {
  ListTable table{"service_messages",
                  "id, request_id, author, from_resident, text, create_time",
                  "id",
                  {{"id", "id"}},
                  "request_id = " + std::to_string(request_id)};
  return RunList<ServiceMessageRecord>(conn_, table, query, ReadMessage);
}

ServiceDeskTotals SqlServiceDeskRepository::Totals(TimeMicros now) {
  ServiceDeskTotals t;
  static const std::string kCounts =
      "SELECT count(*), count(*) FILTER (WHERE resolve_time > 0), "
      "count(*) FILTER (WHERE resolve_time > 0 AND resolved_within_sla = 1), "
      "count(*) FILTER (WHERE " +
      StateIn("state", kSlaRunningStates) + " AND due_time < ?) FROM service_requests";
  CachedStatement counts(conn_, kCounts);
  counts.bind(1, static_cast<int64_t>(now));
  counts.executeStep();
  t.opened = counts.getColumn(0).getInt64();
  t.resolved = counts.getColumn(1).getInt64();
  t.resolved_within_sla = counts.getColumn(2).getInt64();
  t.currently_overdue = counts.getColumn(3).getInt64();
  if (t.resolved > 0) {
    // The median of (resolve_time - create_time): the middle one, or the mean of the middle two.
    CachedStatement median(conn_,
                           "SELECT avg(d) FROM (SELECT resolve_time - create_time AS d FROM service_requests "
                           "WHERE resolve_time > 0 ORDER BY d LIMIT 2 - (? % 2) OFFSET (? - 1) / 2) AS resolved");
    median.bind(1, static_cast<int64_t>(t.resolved));
    median.bind(2, static_cast<int64_t>(t.resolved));
    median.executeStep();
    t.median_seconds_to_resolve = static_cast<std::int64_t>(median.getColumn(0).getDouble()) / 1'000'000;
  }
  return t;
}

}  // namespace biopolis
