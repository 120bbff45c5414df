#include "storage/sql/sql_resident_repository.h"

#include <algorithm>

#include "storage/sql/list_sql.h"
#include "storage/sql/row_codec.h"
#include "storage/sql/state_sql.h"

namespace biopolis {
namespace {

constexpr char kColumns[] =
    "r.id, r.organization_id, r.application_id, r.registry_number, r.agreement_number, "
    "r.agreement_date, r.registration_date, r.state, r.violation_description, "
    "r.violation_cure_by, r.violation_issue_time, r.violation_cure_time, r.violation_cure_note, "
    "r.termination_ground, r.termination_date, r.termination_explanation, o.full_name, "
    "r.create_time, r.update_time, r.version";
constexpr char kFrom[] = "residents r JOIN organizations o ON o.id = r.organization_id";

// Which version answers "as of T": the latest recorded among those in effect
// by T. Each version is the whole entry after every change recorded so far,
// so a change recorded later but effective earlier (a termination back-dated
// before a notice) supersedes the versions recorded before it, from its
// effective time on.
//
// The history: `r` is a version of resident_versions, the columns read in
// Read()'s order, then the version's times; `o` the organization's version in
// effect at `ot` (a time expression), falling back to its current row
// (coalesce() evaluates that subquery only when there is no version).
constexpr char kVersionColumns[] =
    "r.resident_id, r.organization_id, r.application_id, r.registry_number, r.agreement_number, "
    "r.agreement_date, r.registration_date, r.state, r.violation_description, "
    "r.violation_cure_by, r.violation_issue_time, r.violation_cure_time, r.violation_cure_note, "
    "r.termination_ground, r.termination_date, r.termination_explanation, "
    "coalesce(o.full_name, (SELECT co.full_name FROM organizations co WHERE co.id = r.organization_id)), "
    "r.create_time, r.update_time, r.version, r.effective_time, r.record_time";
std::string OrganizationAt(const std::string& time) {
  return " LEFT JOIN organization_versions o ON o.organization_id = r.organization_id AND o.version = ("
         "SELECT max(ov.version) FROM organization_versions ov WHERE ov.organization_id = r.organization_id"
         " AND ov.effective_time <= " +
         time + ")";
}
// The version of resident `id_expr` in effect at `time`.
std::string VersionAt(const std::string& id_expr, const std::string& time) {
  // max() over the covering (resident_id, effective_time, version) index: a
  // range read, no sort.
  return "(SELECT max(v.version) FROM resident_versions v WHERE v.resident_id = " + id_expr +
         " AND v.effective_time <= " + time + ")";
}

ResidentRecord Read(SqlStatement& st) {
  ResidentRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.organization_id = st.getColumn(i++).getInt64();
  r.application_id = st.getColumn(i++).getInt64();
  r.registry_number = st.getColumn(i++).getString();
  r.agreement_number = st.getColumn(i++).getString();
  r.agreement_date = DateFrom(st.getColumn(i++));
  r.registration_date = DateFrom(st.getColumn(i++));
  r.state = static_cast<ResidentState>(st.getColumn(i++).getInt());
  r.violation_description = st.getColumn(i++).getString();
  r.violation_cure_by = DateFrom(st.getColumn(i++));
  r.violation_issue_time = st.getColumn(i++).getInt64();
  r.violation_cure_time = st.getColumn(i++).getInt64();
  r.violation_cure_note = st.getColumn(i++).getString();
  r.termination_ground = static_cast<TerminationGround>(st.getColumn(i++).getInt());
  r.termination_date = DateFrom(st.getColumn(i++));
  r.termination_explanation = st.getColumn(i++).getString();
  r.organization_display_name = st.getColumn(i++).getString();
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version = st.getColumn(i++).getInt64();
  return r;
}

ResidentVersionRecord ReadVersion(SqlStatement& st) {
  ResidentVersionRecord v;
  v.entry = Read(st);
  v.effective_time = st.getColumn(20).getInt64();
  v.record_time = st.getColumn(21).getInt64();
  return v;
}

}  // namespace

void SqlResidentRepository::AppendVersion(std::int64_t id, TimeMicros effective_time) {
  CachedStatement st(conn_,
                     "INSERT INTO resident_versions SELECT id, version, ?, update_time, organization_id, "
                     "application_id, registry_number, agreement_number, agreement_date, registration_date, state, "
                     "violation_description, violation_cure_by, violation_issue_time, violation_cure_time, "
                     "violation_cure_note, termination_ground, termination_date, termination_explanation, "
                     "create_time, update_time FROM residents WHERE id = ?");
  st.bind(1, static_cast<int64_t>(effective_time));
  st.bind(2, static_cast<int64_t>(id));
  st.exec();
}

void SqlResidentRepository::LoadCommitments(ResidentRecord& record) {
  CachedStatement st(conn_,
                     "SELECT due_date, investment_kopecks, jobs FROM commitments "
                     "WHERE resident_id = ? ORDER BY due_date");
  st.bind(1, static_cast<int64_t>(record.id));
  while (st.executeStep()) {
    record.commitments.push_back(
        CommitmentRecord{DateFrom(st.getColumn(0)), st.getColumn(1).getInt64(), st.getColumn(2).getInt()});
  }
}

std::optional<ResidentRecord> SqlResidentRepository::FindOne(const std::string& where, std::int64_t value) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE " + where);
  st.bind(1, static_cast<int64_t>(value));
  if (!st.executeStep()) return std::nullopt;
  ResidentRecord r = Read(st);
  LoadCommitments(r);
  return r;
}

std::optional<ResidentRecord> SqlResidentRepository::Get(std::int64_t id) { return FindOne("r.id = ?", id); }

std::optional<ResidentRecord> SqlResidentRepository::FindCurrent(std::int64_t organization_id) {
  static const std::string kCondition =
      "r.organization_id = ? AND " + StateIsNot("r.state", ResidentState::kTerminated);
  return FindOne(kCondition, organization_id);
}

Page<ResidentRecord> SqlResidentRepository::List(const ListQuery& query) {
  static const ListTable kTable{kFrom,
                                kColumns,
                                "r.id",
                                {{"state", "r.state"},
                                 {"organization", "r.organization_id"},
                                 {"registry_number", "r.registry_number"},
                                 {"create_time", "r.create_time"}},
                                ""};
  Page<ResidentRecord> page = RunList<ResidentRecord>(conn_, kTable, query, Read);
  for (auto& r : page.items) LoadCommitments(r);
  return page;
}

std::int64_t SqlResidentRepository::Insert(const ResidentRecord& r) {
  CachedStatement st(conn_,
                     "INSERT INTO residents (organization_id, application_id, registry_number, registration_year, "
                     "agreement_number, agreement_date, registration_date, state, violation_description, "
                     "violation_cure_by, violation_issue_time, violation_cure_time, violation_cure_note, "
                     "termination_ground, termination_date, termination_explanation, create_time, update_time, "
                     "version) VALUES (?,?,?,?,?,?,?,?,'','',0,0,'',0,'','',?,?,?) RETURNING id");
  int i = 1;
  st.bind(i++, static_cast<int64_t>(r.organization_id));
  st.bind(i++, static_cast<int64_t>(r.application_id));
  st.bind(i++, r.registry_number);
  st.bind(i++, r.registration_date.year);
  st.bind(i++, r.agreement_number);
  st.bind(i++, DateText(r.agreement_date));
  st.bind(i++, DateText(r.registration_date));
  st.bind(i++, static_cast<int>(r.state));
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  std::int64_t id = InsertedId(st);
  CachedStatement c(conn_,
                    "INSERT INTO commitments (resident_id, due_date, investment_kopecks, jobs) "
                    "VALUES (?,?,?,?)");
  for (const auto& cm : r.commitments) {
    c.bind(1, static_cast<int64_t>(id));
    c.bind(2, DateText(cm.due_date));
    c.bind(3, static_cast<int64_t>(cm.investment_kopecks));
    c.bind(4, cm.jobs);
    c.exec();
    c.reset();
  }
  AppendVersion(id, r.effective_time != 0 ? r.effective_time : r.create_time);
  return id;
}

void SqlResidentRepository::Update(const ResidentRecord& r) {
  CachedStatement st(conn_,
                     "UPDATE residents SET state=?, violation_description=?, violation_cure_by=?, "
                     "violation_issue_time=?, violation_cure_time=?, violation_cure_note=?, termination_ground=?, "
                     "termination_date=?, termination_explanation=?, update_time=?, version=? WHERE id=?");
  int i = 1;
  st.bind(i++, static_cast<int>(r.state));
  st.bind(i++, r.violation_description);
  st.bind(i++, DateText(r.violation_cure_by));
  st.bind(i++, static_cast<int64_t>(r.violation_issue_time));
  st.bind(i++, static_cast<int64_t>(r.violation_cure_time));
  st.bind(i++, r.violation_cure_note);
  st.bind(i++, static_cast<int>(r.termination_ground));
  st.bind(i++, DateText(r.termination_date));
  st.bind(i++, r.termination_explanation);
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  st.bind(i++, static_cast<int64_t>(r.id));
  st.exec();
  AppendVersion(r.id, r.effective_time != 0 ? r.effective_time : r.update_time);
}

std::int64_t SqlResidentRepository::CountRegisteredInYear(int year) {
  CachedStatement st(conn_, "SELECT count(*) FROM residents WHERE registration_year = ?");
  st.bind(1, year);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

std::optional<ResidentVersionRecord> SqlResidentRepository::GetAsOf(std::int64_t id, TimeMicros as_of) {
  static const std::string kSql = std::string("SELECT ") + kVersionColumns + " FROM resident_versions r" +
                                  OrganizationAt("?2") +
                                  " WHERE r.resident_id = ?1 AND r.version = " + VersionAt("?1", "?2");
  CachedStatement st(conn_, kSql);
  st.bind(1, static_cast<int64_t>(id));
  st.bind(2, static_cast<int64_t>(as_of));
  if (!st.executeStep()) return std::nullopt;
  ResidentVersionRecord v = ReadVersion(st);
  LoadCommitments(v.entry);
  return v;
}

Page<ResidentRecord> SqlResidentRepository::ListAsOf(const ListQuery& query, TimeMicros as_of) {
  const FilterValue t = std::int64_t{as_of};
  // Rows come in the current table's orders (registry numbers and creation
  // times never change), each joined to its version in effect then; an entry
  // made later has none and drops out.
  static const ListTable kByEntry{"residents cur JOIN resident_versions r ON r.resident_id = cur.id AND r.version = " +
                                      VersionAt("cur.id", "?") + OrganizationAt("?"),
                                  kVersionColumns,
                                  "cur.id",
                                  {{"state", "r.state"},
                                   {"organization", "cur.organization_id"},
                                   {"registry_number", "cur.registry_number"},
                                   {"create_time", "cur.create_time"}},
                                  ""};
  // Filtered by state, the candidates are the versions in that state (in
  // registry order, resident_versions_by_state), each kept when it is the
  // one in effect then: the entries' current states say nothing of then.
  static const ListTable kByVersion{"resident_versions r" + OrganizationAt("?"),
                                    kVersionColumns,
                                    "r.resident_id",
                                    {{"state", "r.state"},
                                     {"organization", "r.organization_id"},
                                     {"registry_number", "r.registry_number"},
                                     {"create_time", "r.create_time"}},
                                    "r.effective_time <= ? AND r.version = " + VersionAt("r.resident_id", "?")};
  const bool by_state = std::any_of(query.conditions.begin(), query.conditions.end(),
                                    [](const Condition& c) { return c.field == "state" && c.op == CompareOp::kEq; });
  ListTable table = by_state ? kByVersion : kByEntry;
  table.base_binds = by_state ? std::vector<FilterValue>{t, t, t} : std::vector<FilterValue>{t, t};
  Page<ResidentRecord> page = RunList<ResidentRecord>(conn_, table, query, Read);
  for (auto& r : page.items) LoadCommitments(r);
  return page;
}

Page<ResidentVersionRecord> SqlResidentRepository::ListVersions(std::int64_t id, const ListQuery& query) {
  static const std::string kVersionFrom = "resident_versions r" + OrganizationAt("r.effective_time");
  ListTable table{kVersionFrom,        kVersionColumns,  "r.version", {{"version", "r.version"}},
                  "r.resident_id = ?", {FilterValue(id)}};
  Page<ResidentVersionRecord> page = RunList<ResidentVersionRecord>(conn_, table, query, ReadVersion);
  for (auto& v : page.items) LoadCommitments(v.entry);
  return page;
}

}  // namespace biopolis
