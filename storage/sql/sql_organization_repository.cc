#include "storage/sql/sql_organization_repository.h"

#include "storage/sql/list_sql.h"

namespace biopolis {
namespace {

constexpr char kColumns[] =
    "id, kind, inn, ogrn, kpp, full_name, short_name, legal_address, contact_person, "
    "contact_email, contact_phone, create_time, update_time, version";

OrganizationRecord Read(SqlStatement& st) {
  OrganizationRecord r;
  r.id = st.getColumn(0).getInt64();
  r.kind = static_cast<OrganizationKind>(st.getColumn(1).getInt());
  r.inn = st.getColumn(2).getString();
  r.ogrn = st.getColumn(3).getString();
  r.kpp = st.getColumn(4).getString();
  r.full_name = st.getColumn(5).getString();
  r.short_name = st.getColumn(6).getString();
  r.legal_address = st.getColumn(7).getString();
  r.contact_person = st.getColumn(8).getString();
  r.contact_email = st.getColumn(9).getString();
  r.contact_phone = st.getColumn(10).getString();
  r.create_time = st.getColumn(11).getInt64();
  r.update_time = st.getColumn(12).getInt64();
  r.version = st.getColumn(13).getInt64();
  return r;
}

void BindFields(SqlStatement& st, const OrganizationRecord& r) {
  st.bind(1, static_cast<int>(r.kind));
  st.bind(2, r.inn);
  st.bind(3, r.ogrn);
  st.bind(4, r.kpp);
  st.bind(5, r.full_name);
  st.bind(6, r.short_name);
  st.bind(7, r.legal_address);
  st.bind(8, r.contact_person);
  st.bind(9, r.contact_email);
  st.bind(10, r.contact_phone);
  st.bind(11, static_cast<int64_t>(r.create_time));
  st.bind(12, static_cast<int64_t>(r.update_time));
  st.bind(13, static_cast<int64_t>(r.version));
}

}  // namespace

std::optional<OrganizationRecord> SqlOrganizationRepository::FindOne(const std::string& where,
                                                                     const FilterValue& value) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM organizations WHERE " + where);
  BindAll(st, {value});
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

std::optional<OrganizationRecord> SqlOrganizationRepository::Get(std::int64_t id) { return FindOne("id = ?", id); }

std::optional<OrganizationRecord> SqlOrganizationRepository::FindByInn(const std::string& inn) {
  return FindOne("inn = ?", inn);
}

std::optional<OrganizationRecord> SqlOrganizationRepository::FindByOgrn(const std::string& ogrn) {
  return FindOne("ogrn = ?", ogrn);
}

Page<OrganizationRecord> SqlOrganizationRepository::List(const ListQuery& query) {
  static const ListTable kTable{"organizations",
                                kColumns,
                                "id",
                                {{"kind", "kind"},
                                 {"inn", "inn"},
                                 {"organization", "id"},
                                 {"create_time", "create_time"},
                                 {"full_name", "full_name"}},
                                ""};
  return RunList<OrganizationRecord>(conn_, kTable, query, Read);
}

std::int64_t SqlOrganizationRepository::Insert(const OrganizationRecord& record) {
  CachedStatement st(conn_,
                     "INSERT INTO organizations (kind, inn, ogrn, kpp, full_name, short_name, "
                     "legal_address, contact_person, contact_email, contact_phone, create_time, "
                     "update_time, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  BindFields(st, record);
  std::int64_t id = InsertedId(st);
  AppendVersion(id, record.effective_time != 0 ? record.effective_time : record.create_time);
  return id;
}

void SqlOrganizationRepository::Update(const OrganizationRecord& record) {
  CachedStatement st(conn_,
                     "UPDATE organizations SET kind=?, inn=?, ogrn=?, kpp=?, full_name=?, "
                     "short_name=?, legal_address=?, contact_person=?, contact_email=?, "
                     "contact_phone=?, create_time=?, update_time=?, version=? WHERE id=?");
  BindFields(st, record);
  st.bind(14, static_cast<int64_t>(record.id));
  st.exec();
  AppendVersion(record.id, record.effective_time != 0 ? record.effective_time : record.update_time);
}

void SqlOrganizationRepository::AppendVersion(std::int64_t id, TimeMicros effective_time) {
  CachedStatement st(conn_,
                     "INSERT INTO organization_versions SELECT id, version, ?, update_time, kind, inn, ogrn, kpp, "
                     "full_name, short_name, legal_address, contact_person, contact_email, contact_phone, "
                     "create_time, update_time FROM organizations WHERE id = ?");
  st.bind(1, static_cast<int64_t>(effective_time));
  st.bind(2, static_cast<int64_t>(id));
  st.exec();
}

std::optional<OrganizationRecord> SqlOrganizationRepository::GetAsOf(std::int64_t id, TimeMicros as_of) {
  CachedStatement st(conn_,
                     "SELECT organization_id, kind, inn, ogrn, kpp, full_name, short_name, legal_address, "
                     "contact_person, contact_email, contact_phone, create_time, update_time, version "
                     "FROM organization_versions WHERE organization_id = ?1 AND version = (SELECT max(version) FROM "
                     "organization_versions WHERE organization_id = ?1 AND effective_time <= ?2)");
  st.bind(1, static_cast<int64_t>(id));
  st.bind(2, static_cast<int64_t>(as_of));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

}  // namespace biopolis
