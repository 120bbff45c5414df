#include "storage/sql/sql_support_repository.h"

#include "storage/sql/list_sql.h"
#include "storage/sql/row_codec.h"
#include "storage/sql/state_sql.h"

namespace biopolis {
namespace {

constexpr char kMeasureColumns[] =
    "id, kind, title, description, legal_basis, require_active_status, min_investment_made_kopecks, "
    "okved_prefixes, require_no_open_violation, open_from, open_until, total_budget_kopecks, "
    "cap_per_resident_kopecks, committed_kopecks, disbursed_kopecks, create_time, update_time, version, "
    "required_documents";

SupportMeasureRecord ReadMeasure(SqlStatement& st) {
  SupportMeasureRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.kind = static_cast<SupportKind>(st.getColumn(i++).getInt());
  r.title = st.getColumn(i++).getString();
  r.description = st.getColumn(i++).getString();
  r.legal_basis = st.getColumn(i++).getString();
  r.eligibility.require_active_status = st.getColumn(i++).getInt() != 0;
  r.eligibility.min_investment_made_kopecks = st.getColumn(i++).getInt64();
  r.eligibility.okved_prefixes = SplitList(st.getColumn(i++).getString());
  r.eligibility.require_no_open_violation = st.getColumn(i++).getInt() != 0;
  r.open_from = DateFrom(st.getColumn(i++));
  r.open_until = DateFrom(st.getColumn(i++));
  r.total_budget_kopecks = st.getColumn(i++).getInt64();
  r.cap_per_resident_kopecks = st.getColumn(i++).getInt64();
  r.committed_kopecks = st.getColumn(i++).getInt64();
  r.disbursed_kopecks = st.getColumn(i++).getInt64();
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version = st.getColumn(i++).getInt64();
  r.required_documents = KindsFrom(st.getColumn(i++).getString());
  return r;
}

int BindMeasure(SqlStatement& st, const SupportMeasureRecord& r) {
  int i = 1;
  st.bind(i++, static_cast<int>(r.kind));
  st.bind(i++, r.title);
  st.bind(i++, r.description);
  st.bind(i++, r.legal_basis);
  st.bind(i++, r.eligibility.require_active_status ? 1 : 0);
  st.bind(i++, static_cast<int64_t>(r.eligibility.min_investment_made_kopecks));
  st.bind(i++, JoinList(r.eligibility.okved_prefixes));
  st.bind(i++, r.eligibility.require_no_open_violation ? 1 : 0);
  st.bind(i++, DateText(r.open_from));
  st.bind(i++, DateText(r.open_until));
  st.bind(i++, static_cast<int64_t>(r.total_budget_kopecks));
  st.bind(i++, static_cast<int64_t>(r.cap_per_resident_kopecks));
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  st.bind(i++, KindsText(r.required_documents));
  return i;
}

constexpr char kRequestColumns[] =
    "id, measure_id, resident_id, organization_id, requested_kopecks, purpose, justification, state, info_request, "
    "info_response, granted_kopecks, disbursed_kopecks, decision_reason, submit_time, create_time, update_time, "
    "version";

SupportRequestRecord ReadRequest(SqlStatement& st) {
  SupportRequestRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.measure_id = st.getColumn(i++).getInt64();
  r.resident_id = st.getColumn(i++).getInt64();
  r.organization_id = st.getColumn(i++).getInt64();
  r.requested_kopecks = st.getColumn(i++).getInt64();
  r.purpose = st.getColumn(i++).getString();
  r.justification = st.getColumn(i++).getString();
  r.state = static_cast<SupportRequestState>(st.getColumn(i++).getInt());
  r.info_request = st.getColumn(i++).getString();
  r.info_response = st.getColumn(i++).getString();
  r.granted_kopecks = st.getColumn(i++).getInt64();
  r.disbursed_kopecks = st.getColumn(i++).getInt64();
  r.decision_reason = st.getColumn(i++).getString();
  r.submit_time = st.getColumn(i++).getInt64();
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version = st.getColumn(i++).getInt64();
  return r;
}

int BindRequest(SqlStatement& st, const SupportRequestRecord& r) {
  int i = 1;
  st.bind(i++, static_cast<int64_t>(r.measure_id));
  st.bind(i++, static_cast<int64_t>(r.resident_id));
  st.bind(i++, static_cast<int64_t>(r.organization_id));
  st.bind(i++, static_cast<int64_t>(r.requested_kopecks));
  st.bind(i++, r.purpose);
  st.bind(i++, r.justification);
  st.bind(i++, static_cast<int>(r.state));
  st.bind(i++, r.info_request);
  st.bind(i++, r.info_response);
  st.bind(i++, static_cast<int64_t>(r.granted_kopecks));
  st.bind(i++, static_cast<int64_t>(r.disbursed_kopecks));
  st.bind(i++, r.decision_reason);
  st.bind(i++, static_cast<int64_t>(r.submit_time));
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  return i;
}

}  // namespace

std::optional<SupportMeasureRecord> SqlSupportRepository::GetMeasure(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kMeasureColumns + " FROM support_measures WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return ReadMeasure(st);
}

Page<SupportMeasureRecord> SqlSupportRepository::ListMeasures(const ListQuery& query,
                                                              const std::optional<Date>& open_on) {
  ListTable table{"support_measures",
                  kMeasureColumns,
                  "id",
                  {{"kind", "kind"}, {"create_time", "create_time"}, {"title", "title"}},
                  ""};
  if (open_on) {
    // Dates are ISO text, so they compare as dates.
    const std::string d = DateText(*open_on);
    table.base_condition = "open_from <= ? AND (open_until = '' OR open_until >= ?)";
    table.base_binds = {d, d};
  }
  return RunList<SupportMeasureRecord>(conn_, table, query, ReadMeasure);
}

std::int64_t SqlSupportRepository::InsertMeasure(const SupportMeasureRecord& record) {
  CachedStatement st(conn_,
                     "INSERT INTO support_measures (kind, title, description, legal_basis, require_active_status, "
                     "min_investment_made_kopecks, okved_prefixes, require_no_open_violation, open_from, "
                     "open_until, total_budget_kopecks, cap_per_resident_kopecks, create_time, update_time, "
                     "version, required_documents) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  BindMeasure(st, record);
  return InsertedId(st);
}

void SqlSupportRepository::UpdateMeasure(const SupportMeasureRecord& record) {
  CachedStatement st(
      conn_,
      "UPDATE support_measures SET kind=?, title=?, description=?, legal_basis=?, "
      "require_active_status=?, min_investment_made_kopecks=?, okved_prefixes=?, "
      "require_no_open_violation=?, open_from=?, open_until=?, total_budget_kopecks=?, "
      "cap_per_resident_kopecks=?, create_time=?, update_time=?, version=?, required_documents=? WHERE id=?");
  int next = BindMeasure(st, record);
  st.bind(next, static_cast<int64_t>(record.id));
  st.exec();
}

void SqlSupportRepository::Book(std::int64_t measure_id, std::int64_t organization_id, std::int64_t committed_delta,
                                std::int64_t disbursed_delta) {
  CachedStatement m(conn_,
                    "UPDATE support_measures SET committed_kopecks = committed_kopecks + ?, "
                    "disbursed_kopecks = disbursed_kopecks + ? WHERE id = ?");
  m.bind(1, static_cast<int64_t>(committed_delta));
  m.bind(2, static_cast<int64_t>(disbursed_delta));
  m.bind(3, static_cast<int64_t>(measure_id));
  m.exec();
  if (committed_delta == 0) return;
  if (committed_delta < 0) {
    // Returning money: the allocation exists (it was booked when granted).
    CachedStatement u(conn_,
                      "UPDATE support_allocations SET committed_kopecks = committed_kopecks + ? "
                      "WHERE measure_id = ? AND organization_id = ?");
    u.bind(1, static_cast<int64_t>(committed_delta));
    u.bind(2, static_cast<int64_t>(measure_id));
    u.bind(3, static_cast<int64_t>(organization_id));
    u.exec();
    return;
  }
  CachedStatement a(
      conn_,
      "INSERT INTO support_allocations (measure_id, organization_id, committed_kopecks) "
      "VALUES (?, ?, ?) ON CONFLICT (measure_id, organization_id) "
      "DO UPDATE SET committed_kopecks = support_allocations.committed_kopecks + excluded.committed_kopecks");
  a.bind(1, static_cast<int64_t>(measure_id));
  a.bind(2, static_cast<int64_t>(organization_id));
  a.bind(3, static_cast<int64_t>(committed_delta));
  a.exec();
}

std::int64_t SqlSupportRepository::CommittedTo(std::int64_t measure_id, std::int64_t organization_id) {
  CachedStatement st(conn_,
                     "SELECT committed_kopecks FROM support_allocations WHERE measure_id = ? AND organization_id = ?");
  st.bind(1, static_cast<int64_t>(measure_id));
  st.bind(2, static_cast<int64_t>(organization_id));
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

std::optional<SupportRequestRecord> SqlSupportRepository::GetRequest(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kRequestColumns + " FROM support_requests WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  SupportRequestRecord r = ReadRequest(st);
  CachedStatement d(conn_,
                    "SELECT amount_kopecks, date, reference FROM support_disbursements WHERE request_id = ? "
                    "ORDER BY id");
  d.bind(1, static_cast<int64_t>(id));
  while (d.executeStep()) {
    r.disbursements.push_back({d.getColumn(0).getInt64(), DateFrom(d.getColumn(1)), d.getColumn(2).getString()});
  }
  return r;
}

Page<SupportRequestRecord> SqlSupportRepository::ListRequests(const ListQuery& query) {
  static const ListTable kTable{"support_requests",
                                kRequestColumns,
                                "id",
                                {{"state", "state"},
                                 {"measure", "measure_id"},
                                 {"resident", "resident_id"},
                                 {"organization", "organization_id"},
                                 {"create_time", "create_time"}},
                                ""};
  return RunList<SupportRequestRecord>(conn_, kTable, query, ReadRequest);
}

std::vector<SupportRequestRecord> SqlSupportRepository::ListOpenRequestsOf(std::int64_t organization_id) {
  static const std::string kSql = std::string("SELECT ") + kRequestColumns +
                                  " FROM support_requests WHERE organization_id = ? AND " +
                                  StateIn("state", kOpenSupportRequestStates);
  CachedStatement st(conn_, kSql);
  st.bind(1, static_cast<int64_t>(organization_id));
  std::vector<SupportRequestRecord> out;
  while (st.executeStep()) out.push_back(ReadRequest(st));
  return out;
}

std::int64_t SqlSupportRepository::InsertRequest(const SupportRequestRecord& record) {
  CachedStatement st(conn_,
                     "INSERT INTO support_requests (measure_id, resident_id, organization_id, requested_kopecks, "
                     "purpose, justification, state, info_request, info_response, granted_kopecks, "
                     "disbursed_kopecks, decision_reason, submit_time, create_time, update_time, version) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  BindRequest(st, record);
  return InsertedId(st);
}

void SqlSupportRepository::UpdateRequest(const SupportRequestRecord& record) {
  CachedStatement st(conn_,
                     "UPDATE support_requests SET measure_id=?, resident_id=?, organization_id=?, "
                     "requested_kopecks=?, purpose=?, justification=?, state=?, info_request=?, info_response=?, "
                     "granted_kopecks=?, disbursed_kopecks=?, decision_reason=?, submit_time=?, create_time=?, "
                     "update_time=?, version=? WHERE id=?");
  int next = BindRequest(st, record);
  st.bind(next, static_cast<int64_t>(record.id));
  st.exec();
}

void SqlSupportRepository::AddDisbursement(std::int64_t request_id, const DisbursementRecord& d,
                                           TimeMicros create_time) {
  CachedStatement st(conn_,
                     "INSERT INTO support_disbursements (request_id, amount_kopecks, date, reference, create_time) "
                     "VALUES (?,?,?,?,?)");
  st.bind(1, static_cast<int64_t>(request_id));
  st.bind(2, static_cast<int64_t>(d.amount_kopecks));
  st.bind(3, DateText(d.date));
  st.bind(4, d.reference);
  st.bind(5, static_cast<int64_t>(create_time));
  st.exec();
}

std::vector<std::int64_t> SqlSupportRepository::CountRequestsByState(std::int64_t measure_id) {
  std::vector<std::int64_t> out(kSupportRequestStateCount, 0);
  CachedStatement st(conn_, "SELECT state, count(*) FROM support_requests WHERE measure_id = ? GROUP BY state");
  st.bind(1, static_cast<int64_t>(measure_id));
  while (st.executeStep()) {
    int s = st.getColumn(0).getInt();
    if (s > 0 && s < kSupportRequestStateCount) out[static_cast<std::size_t>(s)] = st.getColumn(1).getInt64();
  }
  return out;
}

}  // namespace biopolis
