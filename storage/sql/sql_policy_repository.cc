#include "storage/sql/sql_policy_repository.h"

#include "storage/sql/list_sql.h"
#include "storage/sql/row_codec.h"

namespace biopolis {
namespace {

constexpr char kColumns[] =
    "version, effective_from, min_investment_kopecks, min_investment_3y_kopecks, "
    "allowed_okved_prefixes, info_request_days, description, create_time, reservation_days, report_due_days, "
    "compliance_tolerance_percent, required_application_documents";

PolicyRecord Read(SqlStatement& st) {
  PolicyRecord r;
  r.version = st.getColumn(0).getInt64();
  r.effective_from = DateFrom(st.getColumn(1));
  r.min_investment_kopecks = st.getColumn(2).getInt64();
  r.min_investment_3y_kopecks = st.getColumn(3).getInt64();
  r.allowed_okved_prefixes = SplitList(st.getColumn(4).getString());
  r.info_request_days = st.getColumn(5).getInt();
  r.description = st.getColumn(6).getString();
  r.create_time = st.getColumn(7).getInt64();
  r.reservation_days = st.getColumn(8).getInt();
  r.report_due_days = st.getColumn(9).getInt();
  r.compliance_tolerance_percent = st.getColumn(10).getInt();
  r.required_application_documents = KindsFrom(st.getColumn(11).getString());
  return r;
}

}  // namespace

std::optional<PolicyRecord> SqlPolicyRepository::Get(std::int64_t version) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM policies WHERE version = ?");
  st.bind(1, static_cast<int64_t>(version));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

std::optional<PolicyRecord> SqlPolicyRepository::InForceOn(const Date& date) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns +
                                " FROM policies WHERE effective_from <= ? "
                                "ORDER BY effective_from DESC, version DESC LIMIT 1");
  st.bind(1, DateText(date));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

Page<PolicyRecord> SqlPolicyRepository::List(const ListQuery& query) {
  static const ListTable kTable{"policies", kColumns, "version", {{"version", "version"}}, ""};
  return RunList<PolicyRecord>(conn_, kTable, query, Read);
}

std::int64_t SqlPolicyRepository::Insert(const PolicyRecord& r) {
  CachedStatement st(conn_,
                     "INSERT INTO policies (effective_from, min_investment_kopecks, "
                     "min_investment_3y_kopecks, allowed_okved_prefixes, info_request_days, "
                     "description, create_time, reservation_days, report_due_days, compliance_tolerance_percent, "
                     "required_application_documents) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING version");
  st.bind(1, DateText(r.effective_from));
  st.bind(2, static_cast<int64_t>(r.min_investment_kopecks));
  st.bind(3, static_cast<int64_t>(r.min_investment_3y_kopecks));
  st.bind(4, JoinList(r.allowed_okved_prefixes));
  st.bind(5, r.info_request_days);
  st.bind(6, r.description);
  st.bind(7, static_cast<int64_t>(r.create_time));
  st.bind(8, r.reservation_days);
  st.bind(9, r.report_due_days);
  st.bind(10, r.compliance_tolerance_percent);
  st.bind(11, KindsText(r.required_application_documents));
  return InsertedId(st);
}

}  // namespace biopolis
