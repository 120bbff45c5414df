#include "storage/sql/sql_document_repository.h"

#include "storage/sql/list_sql.h"

namespace biopolis {
namespace {

constexpr char kVersionColumns[] =
    "v.document_id, v.version, v.blob_id, v.file_name, v.sha256, v.size_bytes, v.content_type, v.uploaded_by, "
    "v.create_time";
// A document joined with its current version.
constexpr char kDocumentColumns[] =
    "d.id, d.parent_type, d.parent_id, d.organization_id, d.kind, d.create_time, "
    "v.document_id, v.version, v.blob_id, v.file_name, v.sha256, v.size_bytes, v.content_type, v.uploaded_by, "
    "v.create_time";
constexpr char kDocumentFrom[] =
    "documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version";

DocumentVersionRecord ReadVersion(SqlStatement& st, int first) {
  DocumentVersionRecord v;
  v.document_id = st.getColumn(first).getInt64();
  v.version = st.getColumn(first + 1).getInt();
  v.blob_id = st.getColumn(first + 2).getInt64();
  v.file_name = st.getColumn(first + 3).getString();
  v.sha256 = st.getColumn(first + 4).getString();
  v.size_bytes = st.getColumn(first + 5).getInt64();
  v.content_type = st.getColumn(first + 6).getString();
  v.uploaded_by = st.getColumn(first + 7).getString();
  v.create_time = st.getColumn(first + 8).getInt64();
  return v;
}

DocumentRecord ReadDocument(SqlStatement& st) {
  DocumentRecord d;
  d.id = st.getColumn(0).getInt64();
  d.parent.type = static_cast<DocumentParentType>(st.getColumn(1).getInt());
  d.parent.id = st.getColumn(2).getInt64();
  d.organization_id = st.getColumn(3).getInt64();
  d.kind = static_cast<DocumentKind>(st.getColumn(4).getInt());
  d.create_time = st.getColumn(5).getInt64();
  d.current = ReadVersion(st, 6);
  return d;
}

}  // namespace

std::optional<DocumentRecord> SqlDocumentRepository::Get(std::int64_t id) {
  CachedStatement st(conn_, std::string("SELECT ") + kDocumentColumns + " FROM " + kDocumentFrom + " WHERE d.id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return ReadDocument(st);
}

Page<DocumentRecord> SqlDocumentRepository::List(const DocumentParent& parent, const ListQuery& query) {
  ListTable table{kDocumentFrom,
                  kDocumentColumns,
                  "d.id",
                  {{"id", "d.id"}, {"kind", "d.kind"}},
                  "d.parent_type = ? AND d.parent_id = ?",
                  {FilterValue(static_cast<std::int64_t>(parent.type)), FilterValue(parent.id)}};
  return RunList<DocumentRecord>(conn_, table, query, ReadDocument);
}

void SqlDocumentRepository::InsertVersion(const DocumentVersionRecord& v) {
  CachedStatement st(conn_,
                     "INSERT INTO document_versions (document_id, version, blob_id, file_name, sha256, size_bytes, "
                     "content_type, uploaded_by, create_time) VALUES (?,?,?,?,?,?,?,?,?)");
  st.bind(1, static_cast<int64_t>(v.document_id));
  st.bind(2, v.version);
  st.bind(3, static_cast<int64_t>(v.blob_id));
  st.bind(4, v.file_name);
  st.bind(5, v.sha256);
  st.bind(6, static_cast<int64_t>(v.size_bytes));
  st.bind(7, v.content_type);
  st.bind(8, v.uploaded_by);
  st.bind(9, static_cast<int64_t>(v.create_time));
  st.exec();
}

std::int64_t SqlDocumentRepository::Insert(const DocumentRecord& r) {
  CachedStatement st(conn_,
                     "INSERT INTO documents (parent_type, parent_id, organization_id, kind, current_version, "
                     "create_time) VALUES (?,?,?,?,?,?) RETURNING id");
  st.bind(1, static_cast<int>(r.parent.type));
  st.bind(2, static_cast<int64_t>(r.parent.id));
  st.bind(3, static_cast<int64_t>(r.organization_id));
  st.bind(4, static_cast<int>(r.kind));
  st.bind(5, r.current.version);
  st.bind(6, static_cast<int64_t>(r.create_time));
  std::int64_t id = InsertedId(st);
  DocumentVersionRecord v = r.current;
  v.document_id = id;
  InsertVersion(v);
  return id;
}

void SqlDocumentRepository::AddVersion(const DocumentVersionRecord& v) {
  InsertVersion(v);
  CachedStatement st(conn_, "UPDATE documents SET current_version = ? WHERE id = ?");
  st.bind(1, v.version);
  st.bind(2, static_cast<int64_t>(v.document_id));
  st.exec();
}

std::optional<DocumentVersionRecord> SqlDocumentRepository::GetVersion(std::int64_t document_id, std::int32_t version) {
  CachedStatement st(conn_, std::string("SELECT ") + kVersionColumns +
                                " FROM document_versions v WHERE v.document_id = ? AND v.version = ?");
  st.bind(1, static_cast<int64_t>(document_id));
  st.bind(2, version);
  if (!st.executeStep()) return std::nullopt;
  return ReadVersion(st, 0);
}

Page<DocumentVersionRecord> SqlDocumentRepository::ListVersions(std::int64_t document_id, const ListQuery& query) {
  // The row id of a version, unique as the list's tie-breaker, is its number.
  ListTable table{"document_versions v",      kVersionColumns,     "v.version",
                  {{"version", "v.version"}}, "v.document_id = ?", {FilterValue(document_id)}};
  return RunList<DocumentVersionRecord>(conn_, table, query, [](SqlStatement& st) { return ReadVersion(st, 0); });
}

std::vector<std::int64_t> SqlDocumentRepository::Delete(std::int64_t id) {
  std::vector<std::int64_t> blobs;
  {
    CachedStatement st(conn_, "SELECT DISTINCT blob_id FROM document_versions WHERE document_id = ?");
    st.bind(1, static_cast<int64_t>(id));
    while (st.executeStep()) blobs.push_back(st.getColumn(0).getInt64());
  }
  CachedStatement versions(conn_, "DELETE FROM document_versions WHERE document_id = ?");
  versions.bind(1, static_cast<int64_t>(id));
  versions.exec();
  CachedStatement doc(conn_, "DELETE FROM documents WHERE id = ?");
  doc.bind(1, static_cast<int64_t>(id));
  doc.exec();
  return blobs;
}

std::vector<std::int64_t> SqlDocumentRepository::IdsOf(const DocumentParent& parent) {
  std::vector<std::int64_t> ids;
  CachedStatement st(conn_, "SELECT id FROM documents WHERE parent_type = ? AND parent_id = ? ORDER BY id");
  st.bind(1, static_cast<int>(parent.type));
  st.bind(2, static_cast<int64_t>(parent.id));
  while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
  return ids;
}

std::vector<DocumentKind> SqlDocumentRepository::KindsOf(const DocumentParent& parent) {
  std::vector<DocumentKind> kinds;
  CachedStatement st(conn_,
                     "SELECT DISTINCT kind FROM documents WHERE parent_type = ? AND parent_id = ? ORDER BY kind");
  st.bind(1, static_cast<int>(parent.type));
  st.bind(2, static_cast<int64_t>(parent.id));
  while (st.executeStep()) kinds.push_back(static_cast<DocumentKind>(st.getColumn(0).getInt()));
  return kinds;
}

}  // namespace biopolis
