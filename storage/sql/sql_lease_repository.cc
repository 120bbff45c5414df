#include "storage/sql/sql_lease_repository.h"

#include "storage/sql/list_sql.h"
#include "storage/sql/row_codec.h"
#include "storage/sql/state_sql.h"

namespace biopolis {
namespace {

constexpr char kColumns[] =
    "id, plot_id, resident_id, organization_id, start_date, end_date, annual_rent_kopecks, agreement_number, "
    "state, termination_reason, end_of_use_date, create_time, update_time, version";

LeaseRecord Read(SqlStatement& st) {
  LeaseRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.plot_id = st.getColumn(i++).getInt64();
  r.resident_id = st.getColumn(i++).getInt64();
  r.organization_id = st.getColumn(i++).getInt64();
  r.start_date = DateFrom(st.getColumn(i++));
  r.end_date = DateFrom(st.getColumn(i++));
  r.annual_rent_kopecks = st.getColumn(i++).getInt64();
  r.agreement_number = st.getColumn(i++).getString();
  r.state = static_cast<LeaseState>(st.getColumn(i++).getInt());
  r.termination_reason = st.getColumn(i++).getString();
  r.end_of_use_date = DateFrom(st.getColumn(i++));
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version = st.getColumn(i++).getInt64();
  return r;
}

int BindFields(SqlStatement& st, const LeaseRecord& r) {
  int i = 1;
  st.bind(i++, static_cast<int64_t>(r.plot_id));
  st.bind(i++, static_cast<int64_t>(r.resident_id));
  st.bind(i++, static_cast<int64_t>(r.organization_id));
  st.bind(i++, DateText(r.start_date));
  st.bind(i++, DateText(r.end_date));
  st.bind(i++, static_cast<int64_t>(r.annual_rent_kopecks));
  st.bind(i++, r.agreement_number);
  st.bind(i++, static_cast<int>(r.state));
  st.bind(i++, r.termination_reason);
  st.bind(i++, DateText(r.end_of_use_date));
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  return i;
}

}  // namespace

std::vector<LeaseRecord> SqlLeaseRepository::Select(const std::string& where, const std::vector<FilterValue>& binds) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM leases WHERE " + where);
  BindAll(st, binds);
  std::vector<LeaseRecord> out;
  while (st.executeStep()) out.push_back(Read(st));
  return out;
}

std::optional<LeaseRecord> SqlLeaseRepository::Get(std::int64_t id) {
  auto rows = Select("id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

Page<LeaseRecord> SqlLeaseRepository::List(const ListQuery& query) {
  static const ListTable kTable{"leases",
                                kColumns,
                                "id",
                                {{"state", "state"},
                                 {"plot", "plot_id"},
                                 {"resident", "resident_id"},
                                 {"organization", "organization_id"},
                                 {"create_time", "create_time"},
                                 {"end_date", "end_date"}},
                                ""};
  return RunList<LeaseRecord>(conn_, kTable, query, Read);
}

std::vector<LeaseRecord> SqlLeaseRepository::ListEnded(const Date& date, int limit) {
  static const std::string kCondition =
      StateIs("state", LeaseState::kActive) + " AND end_date < ? ORDER BY end_date LIMIT ?";
  return Select(kCondition, {DateText(date), std::int64_t{limit}});
}

std::vector<LeaseRecord> SqlLeaseRepository::ListActiveOfResident(std::int64_t resident_id) {
  static const std::string kCondition = StateIs("state", LeaseState::kActive) + " AND resident_id = ?";
  return Select(kCondition, {resident_id});
}

std::int64_t SqlLeaseRepository::Insert(const LeaseRecord& record) {
  CachedStatement st(conn_,
                     "INSERT INTO leases (plot_id, resident_id, organization_id, start_date, end_date, "
                     "annual_rent_kopecks, agreement_number, state, termination_reason, end_of_use_date, "
                     "create_time, update_time, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  BindFields(st, record);
  return InsertedId(st);
}

void SqlLeaseRepository::Update(const LeaseRecord& record) {
  CachedStatement st(conn_,
                     "UPDATE leases SET plot_id=?, resident_id=?, organization_id=?, start_date=?, end_date=?, "
                     "annual_rent_kopecks=?, agreement_number=?, state=?, termination_reason=?, "
                     "end_of_use_date=?, create_time=?, update_time=?, version=? WHERE id=?");
  int next = BindFields(st, record);
  st.bind(next, static_cast<int64_t>(record.id));
  st.exec();
}

}  // namespace biopolis
