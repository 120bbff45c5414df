#include "storage/sql/sql_registry_extract_repository.h"

#include "storage/sql/list_sql.h"

namespace biopolis {
namespace {

constexpr char kColumns[] =
    "id, number, year, subject, organization_id, as_of, issue_time, issued_by, key_id, content, signature";

RegistryExtractRecord Read(SqlStatement& st) {
  RegistryExtractRecord r;
  int i = 0;
  r.id = st.getColumn(i++).getInt64();
  r.number = st.getColumn(i++).getString();
  r.year = st.getColumn(i++).getInt();
  r.subject = st.getColumn(i++).getString();
  r.organization_id = st.getColumn(i++).getInt64();
  r.as_of = st.getColumn(i++).getInt64();
  r.issue_time = st.getColumn(i++).getInt64();
  r.issued_by = st.getColumn(i++).getString();
  r.key_id = st.getColumn(i++).getString();
  const auto content = st.getColumn(i++);
  r.content.assign(static_cast<const char*>(content.getBlob()), static_cast<std::size_t>(content.getBytes()));
  r.signature = st.getColumn(i++).getString();
  return r;
}

}  // namespace

std::optional<RegistryExtractRecord> SqlRegistryExtractRepository::Get(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM registry_extracts WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

Page<RegistryExtractRecord> SqlRegistryExtractRepository::List(const ListQuery& query) {
  static const ListTable kTable{
      "registry_extracts", kColumns, "id", {{"organization", "organization_id"}, {"issue_time", "issue_time"}}, ""};
  return RunList<RegistryExtractRecord>(conn_, kTable, query, Read);
}

std::int64_t SqlRegistryExtractRepository::Insert(const RegistryExtractRecord& r) {
  CachedStatement st(conn_,
                     "INSERT INTO registry_extracts (number, year, subject, organization_id, as_of, issue_time, "
                     "issued_by, key_id, content, signature) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id");
  int i = 1;
  st.bind(i++, r.number);
  st.bind(i++, r.year);
  st.bind(i++, r.subject);
  st.bind(i++, static_cast<int64_t>(r.organization_id));
  st.bind(i++, static_cast<int64_t>(r.as_of));
  st.bind(i++, static_cast<int64_t>(r.issue_time));
  st.bind(i++, r.issued_by);
  st.bind(i++, r.key_id);
  st.bind(i++, r.content.data(), static_cast<int>(r.content.size()));
  st.bind(i++, r.signature);
  return InsertedId(st);
}

std::int64_t SqlRegistryExtractRepository::CountIssuedInYear(int year) {
  CachedStatement st(conn_, "SELECT count(*) FROM registry_extracts WHERE year = ?");
  st.bind(1, year);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

}  // namespace biopolis
