#include "storage/sql/sql_plot_repository.h"

#include "storage/sql/list_sql.h"
#include "storage/sql/row_codec.h"
#include "storage/sql/state_sql.h"

namespace biopolis {
namespace {

// The plot with whoever holds it: the reserving application's organization
// and the active lease.
constexpr char kColumns[] =
    "p.id, p.cadastral_number, p.site, p.area_m2, p.permitted_use, p.power_kw, p.water_m3_per_day, "
    "p.gas_m3_per_hour, p.sewage_m3_per_day, p.has_location, p.latitude, p.longitude, p.notes, p.state, "
    "p.block_reason, coalesce(p.reserved_application_id, 0), p.reserve_time, p.reservation_expire_time, "
    "coalesce(a.organization_id, 0), coalesce(l.id, 0), coalesce(l.end_date, ''), coalesce(l.organization_id, 0), "
    "p.create_time, p.update_time, p.version";
const std::string& From() {
  static const std::string kFrom =
      "plots p LEFT JOIN applications a ON a.id = p.reserved_application_id "
      "LEFT JOIN leases l ON l.plot_id = p.id AND " +
      StateIs("l.state", LeaseState::kActive);
  return kFrom;
}

PlotRecord Read(SqlStatement& st) {
  PlotRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.cadastral_number = st.getColumn(i++).getString();
  r.site = st.getColumn(i++).getString();
  r.area_m2 = st.getColumn(i++).getInt64();
  r.permitted_use = static_cast<PermittedUse>(st.getColumn(i++).getInt());
  r.capacity.power_kw = st.getColumn(i++).getInt64();
  r.capacity.water_m3_per_day = st.getColumn(i++).getInt64();
  r.capacity.gas_m3_per_hour = st.getColumn(i++).getInt64();
  r.capacity.sewage_m3_per_day = st.getColumn(i++).getInt64();
  r.has_location = st.getColumn(i++).getInt() != 0;
  r.latitude = st.getColumn(i++).getDouble();
  r.longitude = st.getColumn(i++).getDouble();
  r.notes = st.getColumn(i++).getString();
  r.state = static_cast<PlotState>(st.getColumn(i++).getInt());
  r.block_reason = st.getColumn(i++).getString();
  r.reserved_application_id = st.getColumn(i++).getInt64();
  r.reserve_time = st.getColumn(i++).getInt64();
  r.reservation_expire_time = st.getColumn(i++).getInt64();
  r.reservation_organization_id = st.getColumn(i++).getInt64();
  r.lease_id = st.getColumn(i++).getInt64();
  r.lease_end_date = DateFrom(st.getColumn(i++));
  r.lease_organization_id = st.getColumn(i++).getInt64();
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version = st.getColumn(i++).getInt64();
  return r;
}

constexpr char kStoredColumns[] =
    "cadastral_number, site, area_m2, permitted_use, power_kw, water_m3_per_day, gas_m3_per_hour, "
    "sewage_m3_per_day, has_location, latitude, longitude, notes, state, block_reason, reserved_application_id, "
    "reserve_time, reservation_expire_time, create_time, update_time, version";

int BindFields(SqlStatement& st, const PlotRecord& r) {
  int i = 1;
  st.bind(i++, r.cadastral_number);
  st.bind(i++, r.site);
  st.bind(i++, static_cast<int64_t>(r.area_m2));
  st.bind(i++, static_cast<int>(r.permitted_use));
  st.bind(i++, static_cast<int64_t>(r.capacity.power_kw));
  st.bind(i++, static_cast<int64_t>(r.capacity.water_m3_per_day));
  st.bind(i++, static_cast<int64_t>(r.capacity.gas_m3_per_hour));
  st.bind(i++, static_cast<int64_t>(r.capacity.sewage_m3_per_day));
  st.bind(i++, r.has_location ? 1 : 0);
  st.bind(i++, r.latitude);
  st.bind(i++, r.longitude);
  st.bind(i++, r.notes);
  st.bind(i++, static_cast<int>(r.state));
  st.bind(i++, r.block_reason);
  if (r.reserved_application_id != 0) {
    st.bind(i++, static_cast<int64_t>(r.reserved_application_id));
  } else {
    st.bind(i++);
  }
  st.bind(i++, static_cast<int64_t>(r.reserve_time));
  st.bind(i++, static_cast<int64_t>(r.reservation_expire_time));
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  return i;
}

}  // namespace

std::vector<PlotRecord> SqlPlotRepository::Select(const std::string& where, const std::vector<FilterValue>& binds) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM " + From() + " WHERE " + where);
  BindAll(st, binds);
  std::vector<PlotRecord> out;
  while (st.executeStep()) out.push_back(Read(st));
  return out;
}

void SqlPlotRepository::LoadLineage(PlotRecord& r) {
  CachedStatement pred(conn_, "SELECT predecessor_id FROM plot_lineage WHERE successor_id = ? ORDER BY predecessor_id");
  pred.bind(1, static_cast<int64_t>(r.id));
  while (pred.executeStep()) r.predecessor_ids.push_back(pred.getColumn(0).getInt64());
  CachedStatement succ(conn_, "SELECT successor_id FROM plot_lineage WHERE predecessor_id = ? ORDER BY successor_id");
  succ.bind(1, static_cast<int64_t>(r.id));
  while (succ.executeStep()) r.successor_ids.push_back(succ.getColumn(0).getInt64());
}

std::optional<PlotRecord> SqlPlotRepository::Get(std::int64_t id) {
  auto rows = Select("p.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  LoadLineage(rows.front());
  return rows.front();
}

std::optional<PlotRecord> SqlPlotRepository::FindLiveByCadastralNumber(const std::string& number) {
  static const std::string kCondition = "p.cadastral_number = ? AND " + StateIsNot("p.state", PlotState::kRetired);
  auto rows = Select(kCondition, {number});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

Page<PlotRecord> SqlPlotRepository::List(const ListQuery& query) {
  static const ListTable kTable{From(),
                                kColumns,
                                "p.id",
                                {{"state", "p.state"},
                                 {"area_m2", "p.area_m2"},
                                 {"power_kw", "p.power_kw"},
                                 {"water_m3_per_day", "p.water_m3_per_day"},
                                 {"gas_m3_per_hour", "p.gas_m3_per_hour"},
                                 {"sewage_m3_per_day", "p.sewage_m3_per_day"},
                                 {"permitted_use", "p.permitted_use"},
                                 {"site", "p.site"},
                                 {"cadastral_number", "p.cadastral_number"},
                                 {"create_time", "p.create_time"}},
                                ""};
  return RunList<PlotRecord>(conn_, kTable, query, Read);
}

std::vector<PlotRecord> SqlPlotRepository::ListExpiredReservations(TimeMicros now, int limit) {
  static const std::string kCondition = StateIs("p.state", PlotState::kReserved) +
                                        " AND p.reservation_expire_time < ? ORDER BY p.reservation_expire_time LIMIT ?";
  return Select(kCondition, {now, std::int64_t{limit}});
}

std::vector<PlotRecord> SqlPlotRepository::ListReservedFor(std::int64_t application_id) {
  static const std::string kCondition = StateIs("p.state", PlotState::kReserved) + " AND p.reserved_application_id = ?";
  return Select(kCondition, {application_id});
}

std::int64_t SqlPlotRepository::Insert(const PlotRecord& record) {
  CachedStatement st(conn_, std::string("INSERT INTO plots (") + kStoredColumns +
                                ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  BindFields(st, record);
  return InsertedId(st);
}

void SqlPlotRepository::Update(const PlotRecord& record) {
  CachedStatement st(conn_,
                     "UPDATE plots SET cadastral_number=?, site=?, area_m2=?, permitted_use=?, power_kw=?, "
                     "water_m3_per_day=?, gas_m3_per_hour=?, sewage_m3_per_day=?, has_location=?, latitude=?, "
                     "longitude=?, notes=?, state=?, block_reason=?, reserved_application_id=?, reserve_time=?, "
                     "reservation_expire_time=?, create_time=?, update_time=?, version=? WHERE id=?");
  int next = BindFields(st, record);
  st.bind(next, static_cast<int64_t>(record.id));
  st.exec();
}

void SqlPlotRepository::AddLineage(std::int64_t predecessor_id, std::int64_t successor_id) {
  CachedStatement st(conn_, "INSERT INTO plot_lineage (predecessor_id, successor_id) VALUES (?, ?)");
  st.bind(1, static_cast<int64_t>(predecessor_id));
  st.bind(2, static_cast<int64_t>(successor_id));
  st.exec();
}

std::vector<LandTotals> SqlPlotRepository::TotalsByState() {
  std::vector<LandTotals> out(kPlotStateCount);
  static const std::string kSql =
      "SELECT state, count(*), coalesce(sum(area_m2), 0), coalesce(sum(power_kw), 0), coalesce(sum(water_m3_per_day), "
      "0), "
      "coalesce(sum(gas_m3_per_hour), 0), coalesce(sum(sewage_m3_per_day), 0) FROM plots WHERE " +
      StateIsNot("state", PlotState::kRetired) + " GROUP BY state";
  CachedStatement st(conn_, kSql);
  while (st.executeStep()) {
    int state = st.getColumn(0).getInt();
    if (state < 0 || state >= kPlotStateCount) continue;
    LandTotals& t = out[static_cast<std::size_t>(state)];
    t.plots = st.getColumn(1).getInt64();
    t.area_m2 = static_cast<std::int64_t>(st.getColumn(2).getDouble());
    t.capacity.power_kw = static_cast<std::int64_t>(st.getColumn(3).getDouble());
    t.capacity.water_m3_per_day = static_cast<std::int64_t>(st.getColumn(4).getDouble());
    t.capacity.gas_m3_per_hour = static_cast<std::int64_t>(st.getColumn(5).getDouble());
    t.capacity.sewage_m3_per_day = static_cast<std::int64_t>(st.getColumn(6).getDouble());
  }
  return out;
}

}  // namespace biopolis
