#include "storage/sql/sql_application_repository.h"

#include "storage/sql/list_sql.h"
#include "storage/sql/row_codec.h"
#include "storage/sql/state_sql.h"

namespace biopolis {
namespace {

constexpr char kColumns[] =
    "id, organization_id, state, project_name, project_description, okved_codes, "
    "planned_investment_kopecks, planned_investment_3y_kopecks, planned_jobs, "
    "requested_land_area_m2, planned_start_date, planned_completion_date, "
    "coalesce(policy_version, 0), info_request_text, info_request_deadline, info_response_text, "
    "expert_opinion, expert_opinion_summary, approval_comment, rejection_ground, "
    "rejection_explanation, withdrawal_reason, coalesce(resident_id, 0), submit_time, "
    "create_time, update_time, version, requested_plots";

std::string JoinIds(const std::vector<std::int64_t>& ids) {
  std::vector<std::string> parts;
  for (auto id : ids) parts.push_back(std::to_string(id));
  return JoinList(parts);
}

std::vector<std::int64_t> SplitIds(const std::string& text) {
  std::vector<std::int64_t> out;
  for (const auto& part : SplitList(text)) out.push_back(std::stoll(part));
  return out;
}

ApplicationRecord Read(SqlStatement& st) {
  ApplicationRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.organization_id = st.getColumn(i++).getInt64();
  r.state = static_cast<ApplicationState>(st.getColumn(i++).getInt());
  r.project_name = st.getColumn(i++).getString();
  r.project_description = st.getColumn(i++).getString();
  r.okved_codes = SplitList(st.getColumn(i++).getString());
  r.planned_investment_kopecks = st.getColumn(i++).getInt64();
  r.planned_investment_3y_kopecks = st.getColumn(i++).getInt64();
  r.planned_jobs = st.getColumn(i++).getInt();
  r.requested_land_area_m2 = st.getColumn(i++).getInt64();
  r.planned_start_date = DateFrom(st.getColumn(i++));
  r.planned_completion_date = DateFrom(st.getColumn(i++));
  r.policy_version = st.getColumn(i++).getInt64();
  r.info_request_text = st.getColumn(i++).getString();
  r.info_request_deadline = st.getColumn(i++).getInt64();
  r.info_response_text = st.getColumn(i++).getString();
  r.expert_opinion = static_cast<ExpertOpinion>(st.getColumn(i++).getInt());
  r.expert_opinion_summary = st.getColumn(i++).getString();
  r.approval_comment = st.getColumn(i++).getString();
  r.rejection_ground = static_cast<RejectionGround>(st.getColumn(i++).getInt());
  r.rejection_explanation = st.getColumn(i++).getString();
  r.withdrawal_reason = st.getColumn(i++).getString();
  r.resident_id = st.getColumn(i++).getInt64();
  r.submit_time = st.getColumn(i++).getInt64();
  r.create_time = st.getColumn(i++).getInt64();
  r.update_time = st.getColumn(i++).getInt64();
  r.version = st.getColumn(i++).getInt64();
  r.requested_plot_ids = SplitIds(st.getColumn(i++).getString());
  return r;
}

// Binds every column but id, in kColumns order, starting at 1; returns the next index.
int BindFields(SqlStatement& st, const ApplicationRecord& r) {
  int i = 1;
  st.bind(i++, static_cast<int64_t>(r.organization_id));
  st.bind(i++, static_cast<int>(r.state));
  st.bind(i++, r.project_name);
  st.bind(i++, r.project_description);
  st.bind(i++, JoinList(r.okved_codes));
  st.bind(i++, static_cast<int64_t>(r.planned_investment_kopecks));
  st.bind(i++, static_cast<int64_t>(r.planned_investment_3y_kopecks));
  st.bind(i++, r.planned_jobs);
  st.bind(i++, static_cast<int64_t>(r.requested_land_area_m2));
  st.bind(i++, DateText(r.planned_start_date));
  st.bind(i++, DateText(r.planned_completion_date));
  if (r.policy_version > 0) {
    st.bind(i++, static_cast<int64_t>(r.policy_version));
  } else {
    st.bind(i++);
  }
  st.bind(i++, r.info_request_text);
  st.bind(i++, static_cast<int64_t>(r.info_request_deadline));
  st.bind(i++, r.info_response_text);
  st.bind(i++, static_cast<int>(r.expert_opinion));
  st.bind(i++, r.expert_opinion_summary);
  st.bind(i++, r.approval_comment);
  st.bind(i++, static_cast<int>(r.rejection_ground));
  st.bind(i++, r.rejection_explanation);
  st.bind(i++, r.withdrawal_reason);
  if (r.resident_id > 0) {
    st.bind(i++, static_cast<int64_t>(r.resident_id));
  } else {
    st.bind(i++);
  }
  st.bind(i++, static_cast<int64_t>(r.submit_time));
  st.bind(i++, static_cast<int64_t>(r.create_time));
  st.bind(i++, static_cast<int64_t>(r.update_time));
  st.bind(i++, static_cast<int64_t>(r.version));
  st.bind(i++, JoinIds(r.requested_plot_ids));
  return i;
}

constexpr char kAssignments[] =
    "organization_id=?, state=?, project_name=?, project_description=?, okved_codes=?, "
    "planned_investment_kopecks=?, planned_investment_3y_kopecks=?, planned_jobs=?, "
    "requested_land_area_m2=?, planned_start_date=?, planned_completion_date=?, "
    "policy_version=?, info_request_text=?, info_request_deadline=?, info_response_text=?, "
    "expert_opinion=?, expert_opinion_summary=?, approval_comment=?, rejection_ground=?, "
    "rejection_explanation=?, withdrawal_reason=?, resident_id=?, submit_time=?, "
    "create_time=?, update_time=?, version=?, requested_plots=?";

}  // namespace

std::optional<ApplicationRecord> SqlApplicationRepository::Get(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM applications WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

std::optional<ApplicationRecord> SqlApplicationRepository::FindLive(std::int64_t organization_id) {
  static const std::string kSql = std::string("SELECT ") + kColumns +
                                  " FROM applications WHERE organization_id = ? AND " +
                                  StateIn("state", kLiveApplicationStates);
  CachedStatement st(conn_, kSql);
  st.bind(1, static_cast<int64_t>(organization_id));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

Page<ApplicationRecord> SqlApplicationRepository::List(const ListQuery& query) {
  static const ListTable kTable{"applications",
                                kColumns,
                                "id",
                                {{"state", "state"},
                                 {"organization", "organization_id"},
                                 {"planned_investment_kopecks", "planned_investment_kopecks"},
                                 {"planned_jobs", "planned_jobs"},
                                 {"policy_version", "policy_version"},
                                 {"create_time", "create_time"},
                                 {"update_time", "update_time"}},
                                ""};
  return RunList<ApplicationRecord>(conn_, kTable, query, Read);
}

std::vector<ApplicationRecord> SqlApplicationRepository::ListOverdueInfoRequests(TimeMicros now, int limit) {
  static const std::string kSql = std::string("SELECT ") + kColumns + " FROM applications WHERE " +
                                  StateIs("state", ApplicationState::kInfoRequested) +
                                  " AND info_request_deadline < ? ORDER BY info_request_deadline LIMIT ?";
  CachedStatement st(conn_, kSql);
  st.bind(1, static_cast<int64_t>(now));
  st.bind(2, limit);
  std::vector<ApplicationRecord> out;
  while (st.executeStep()) out.push_back(Read(st));
  return out;
}

std::int64_t SqlApplicationRepository::Insert(const ApplicationRecord& record) {
  CachedStatement st(conn_,
                     "INSERT INTO applications (organization_id, state, project_name, project_description, "
                     "okved_codes, planned_investment_kopecks, planned_investment_3y_kopecks, planned_jobs, "
                     "requested_land_area_m2, planned_start_date, planned_completion_date, policy_version, "
                     "info_request_text, info_request_deadline, info_response_text, expert_opinion, "
                     "expert_opinion_summary, approval_comment, rejection_ground, rejection_explanation, "
                     "withdrawal_reason, resident_id, submit_time, create_time, update_time, version, requested_plots) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  BindFields(st, record);
  return InsertedId(st);
}

void SqlApplicationRepository::Update(const ApplicationRecord& record) {
  CachedStatement st(conn_, std::string("UPDATE applications SET ") + kAssignments + " WHERE id = ?");
  int next = BindFields(st, record);
  st.bind(next, static_cast<int64_t>(record.id));
  st.exec();
}

void SqlApplicationRepository::Delete(std::int64_t id) {
  CachedStatement st(conn_, "DELETE FROM applications WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  st.exec();
}

}  // namespace biopolis
