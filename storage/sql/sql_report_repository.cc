#include "storage/sql/sql_report_repository.h"

#include "storage/sql/list_sql.h"
#include "storage/sql/row_codec.h"
#include "storage/sql/state_sql.h"

namespace biopolis {
namespace {

constexpr char kColumns[] =
    "id, resident_id, organization_id, year, quarter, version, state, investment_kopecks, capex_kopecks, "
    "jobs_at_period_end, revenue_kopecks, taxes_paid_kopecks, tax_benefits_used_kopecks, return_comment, "
    "coalesce(corrects_id, 0), submit_time, accept_time, create_time, update_time, row_version";

ReportRecord Read(SqlStatement& st) {
  ReportRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.resident_id = st.getColumn(i++).getInt64();
  r.organization_id = st.getColumn(i++).getInt64();
  r.year = st.getColumn(i++).getInt();
  r.quarter = st.getColumn(i++).getInt();
  r.version = st.getColumn(i++).getInt();
  r.state = static_cast<ReportState>(st.getColumn(i++).getInt());
  r.investment_kopecks = st.getColumn(i++).getInt64();
  r.capex_kopecks = st.getColumn(i++).getInt64();
  r.jobs_at_period_end = st.getColumn(i++).getInt();
  r.revenue_kopecks = st.getColumn(i++).getInt64();
  r.taxes_paid_kopecks = st.getColumn(i++).getInt64();
  r.tax_benefits_used_kopecks = st.getColumn(i++).getInt64();
  r.return_comment = st.getColumn(i++).getString();
  r.corrects_id = st.getColumn(i++).getInt64();
  r.submit_time = st.getColumn(i++).getInt64();
  r.accept_time = st.getColumn(i++).getInt64();
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version_counter = st.getColumn(i++).getInt64();
  return r;
}

int BindFields(SqlStatement& st, const ReportRecord& r) {
  int i = 1;
  st.bind(i++, static_cast<int64_t>(r.resident_id));
  st.bind(i++, static_cast<int64_t>(r.organization_id));
  st.bind(i++, r.year);
  st.bind(i++, r.quarter);
  st.bind(i++, r.version);
  st.bind(i++, static_cast<int>(r.state));
  st.bind(i++, static_cast<int64_t>(r.investment_kopecks));
  st.bind(i++, static_cast<int64_t>(r.capex_kopecks));
  st.bind(i++, r.jobs_at_period_end);
  st.bind(i++, static_cast<int64_t>(r.revenue_kopecks));
  st.bind(i++, static_cast<int64_t>(r.taxes_paid_kopecks));
  st.bind(i++, static_cast<int64_t>(r.tax_benefits_used_kopecks));
  st.bind(i++, r.return_comment);
  if (r.corrects_id != 0) {
    st.bind(i++, static_cast<int64_t>(r.corrects_id));
  } else {
    st.bind(i++);
  }
  st.bind(i++, static_cast<int64_t>(r.submit_time));
  st.bind(i++, static_cast<int64_t>(r.accept_time));
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version_counter));
  return i;
}

// The current (highest accepted) version of each quarter.
const std::string& CurrentAccepted() {
  static const std::string kCondition =
      StateIs("r.state", ReportState::kAccepted) +
      " AND r.version = (SELECT max(r2.version) FROM reports r2 WHERE r2.resident_id = r.resident_id AND " +
      StateIs("r2.state", ReportState::kAccepted) + " AND r2.period = r.period)";
  return kCondition;
}

}  // namespace

std::optional<ReportRecord> SqlReportRepository::Get(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM reports WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

Page<ReportRecord> SqlReportRepository::List(const ListQuery& query) {
  static const ListTable kTable{"reports",
                                kColumns,
                                "id",
                                {{"resident", "resident_id"},
                                 {"organization", "organization_id"},
                                 {"year", "year"},
                                 {"quarter", "quarter"},
                                 {"state", "state"},
                                 {"create_time", "create_time"},
                                 {"period", "period"}},
                                ""};
  return RunList<ReportRecord>(conn_, kTable, query, Read);
}

std::optional<ReportRecord> SqlReportRepository::FindInProgress(std::int64_t resident_id, int year, int quarter) {
  static const std::string kSql = std::string("SELECT ") + kColumns +
                                  " FROM reports WHERE resident_id = ? AND year = ? AND quarter = ? AND " +
                                  StateIsNot("state", ReportState::kAccepted);
  CachedStatement st(conn_, kSql);
  st.bind(1, static_cast<int64_t>(resident_id));
  st.bind(2, year);
  st.bind(3, quarter);
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

int SqlReportRepository::MaxVersion(std::int64_t resident_id, int year, int quarter) {
  CachedStatement st(
      conn_, "SELECT coalesce(max(version), 0) FROM reports WHERE resident_id = ? AND year = ? AND quarter = ?");
  st.bind(1, static_cast<int64_t>(resident_id));
  st.bind(2, year);
  st.bind(3, quarter);
  st.executeStep();
  return st.getColumn(0).getInt();
}

std::int64_t SqlReportRepository::Insert(const ReportRecord& record) {
  CachedStatement st(
      conn_,
      "INSERT INTO reports (resident_id, organization_id, year, quarter, version, state, "
      "investment_kopecks, capex_kopecks, jobs_at_period_end, revenue_kopecks, taxes_paid_kopecks, "
      "tax_benefits_used_kopecks, return_comment, corrects_id, submit_time, accept_time, "
      "create_time, update_time, row_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  BindFields(st, record);
  return InsertedId(st);
}

void SqlReportRepository::Update(const ReportRecord& record) {
  CachedStatement st(conn_,
                     "UPDATE reports SET resident_id=?, organization_id=?, year=?, quarter=?, version=?, state=?, "
                     "investment_kopecks=?, capex_kopecks=?, jobs_at_period_end=?, revenue_kopecks=?, "
                     "taxes_paid_kopecks=?, tax_benefits_used_kopecks=?, return_comment=?, corrects_id=?, "
                     "submit_time=?, accept_time=?, create_time=?, update_time=?, row_version=? WHERE id=?");
  int next = BindFields(st, record);
  st.bind(next, static_cast<int64_t>(record.id));
  st.exec();
}

AcceptedFigures SqlReportRepository::Accepted(std::int64_t resident_id, int year, int quarter) {
  AcceptedFigures out;
  const int up_to = QuarterIndex(year, quarter);
  // Built once: compliance pages call this for every resident.
  static const std::string kSumSql =
      "SELECT count(*), coalesce(sum(r.investment_kopecks), 0) FROM reports r "
      "WHERE r.resident_id = ? AND r.period <= ? AND " +
      CurrentAccepted();
  static const std::string kJobsSql = "SELECT jobs_at_period_end FROM reports WHERE resident_id = ? AND " +
                                      StateIs("state", ReportState::kAccepted) +
                                      " AND period <= ? ORDER BY period DESC, version DESC LIMIT 1";
  CachedStatement sum(conn_, kSumSql);
  sum.bind(1, static_cast<int64_t>(resident_id));
  sum.bind(2, up_to);
  sum.executeStep();
  out.any = sum.getColumn(0).getInt64() > 0;
  out.investment_kopecks = sum.getColumn(1).getInt64();
  CachedStatement jobs(conn_, kJobsSql);
  jobs.bind(1, static_cast<int64_t>(resident_id));
  jobs.bind(2, up_to);
  if (jobs.executeStep()) out.jobs = jobs.getColumn(0).getInt();
  return out;
}

Page<OverdueQuarterRow> SqlReportRepository::ListOverdue(const ListQuery& query, int last_period) {
  // One statement: every quarter from the earliest registration to
  // `last_period` (a recursive CTE), joined with the residents registered by
  // then, less the quarters with a filed report (the reports index on
  // resident and period answers each NOT EXISTS). The registration quarter is
  // core/date.h's QuarterIndexOf spelt in SQL over the 'YYYY-MM-DD' text.
  static const std::string kRegistrationPeriod =
      "(CAST(substr(r.registration_date, 1, 4) AS INTEGER) * 4 + "
      "(CAST(substr(r.registration_date, 6, 2) AS INTEGER) - 1) / 3)";
  static const std::string kFrom =
      "(WITH RECURSIVE quarters(period) AS ("
      "SELECT min(" +
      kRegistrationPeriod + ") FROM residents r WHERE " + StateIsNot("r.state", ResidentState::kTerminated) +
      " UNION ALL SELECT period + 1 FROM quarters WHERE period < ?) "
      "SELECT r.id AS resident_id, q.period AS period FROM residents r JOIN quarters q ON q.period >= " +
      kRegistrationPeriod + " WHERE " + StateIsNot("r.state", ResidentState::kTerminated) +
      " AND q.period <= ? AND NOT EXISTS (SELECT 1 FROM reports p WHERE p.resident_id = r.id AND "
      "p.period = q.period AND " +
      StateIn("p.state", kFiledReportStates) + ")) o";
  ListTable table{kFrom, "o.resident_id, o.period", "o.resident_id", {{"period", "o.period"}}, ""};
  table.base_binds = {std::int64_t{last_period}, std::int64_t{last_period}};
  return RunList<OverdueQuarterRow>(conn_, table, query, [](SqlStatement& st) {
    return OverdueQuarterRow{st.getColumn(0).getInt64(), st.getColumn(1).getInt()};
  });
}

ZoneTotals SqlReportRepository::Totals(const Date& as_of) {
  ZoneTotals t;
  const std::string date = DateText(as_of);
  // The last quarter that has ended by `as_of`.
  const int last_period = QuarterIndexOf(as_of) - 1;
  CachedStatement residents(conn_, "SELECT state, count(*) FROM residents WHERE registration_date <= ? GROUP BY state");
  residents.bind(1, date);
  while (residents.executeStep()) {
    int s = residents.getColumn(0).getInt();
    if (s >= 0 && s < 4) t.residents_by_state[s] = residents.getColumn(1).getInt64();
  }
  static const std::string kCommittedSql =
      "SELECT coalesce(sum(c.investment_kopecks), 0), coalesce(sum(c.jobs), 0) "
      "FROM residents r JOIN commitments c ON c.resident_id = r.id WHERE " +
      StateIsNot("r.state", ResidentState::kTerminated) +
      " AND r.registration_date <= ? AND c.due_date = "
      "(SELECT max(due_date) FROM commitments WHERE resident_id = r.id)";
  static const std::string kMadeSql =
      "SELECT coalesce(sum(r.investment_kopecks), 0) FROM reports r WHERE r.period <= ? AND " + CurrentAccepted();
  static const std::string kJobsSql =
      "SELECT coalesce(sum((SELECT r.jobs_at_period_end FROM reports r WHERE r.resident_id = res.id AND " +
      StateIs("r.state", ReportState::kAccepted) +
      " AND r.period <= ? ORDER BY r.period DESC, r.version DESC LIMIT 1)), 0) FROM residents res WHERE " +
      StateIsNot("res.state", ResidentState::kTerminated);
  CachedStatement committed(conn_, kCommittedSql);
  committed.bind(1, date);
  committed.executeStep();
  t.investment_committed_kopecks = committed.getColumn(0).getInt64();
  t.jobs_planned = committed.getColumn(1).getInt64();
  CachedStatement made(conn_, kMadeSql);
  made.bind(1, last_period);
  made.executeStep();
  t.investment_made_kopecks = made.getColumn(0).getInt64();
  CachedStatement jobs(conn_, kJobsSql);
  jobs.bind(1, last_period);
  jobs.executeStep();
  t.jobs_created = jobs.getColumn(0).getInt64();
  CachedStatement support(conn_,
                          "SELECT coalesce(sum(total_budget_kopecks), 0), coalesce(sum(committed_kopecks), 0), "
                          "coalesce(sum(disbursed_kopecks), 0) FROM support_measures");
  support.executeStep();
  t.support_budget_kopecks = support.getColumn(0).getInt64();
  t.support_committed_kopecks = support.getColumn(1).getInt64();
  t.support_disbursed_kopecks = support.getColumn(2).getInt64();
  return t;
}

}  // namespace biopolis
