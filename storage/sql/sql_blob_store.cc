#include "storage/sql/sql_blob_store.h"

namespace biopolis {
namespace {

constexpr char kColumns[] = "id, organization_id, sealed, sha256, size_bytes, chunk_count, content_type, create_time";

BlobRecord Read(SqlStatement& st) {
  BlobRecord r;
  r.id = st.getColumn(0).getInt64();
  r.organization_id = st.getColumn(1).getInt64();
  r.sealed = st.getColumn(2).getInt() != 0;
  r.sha256 = st.getColumn(3).getString();
  r.size_bytes = st.getColumn(4).getInt64();
  r.chunk_count = st.getColumn(5).getInt64();
  r.content_type = st.getColumn(6).getString();
  r.create_time = st.getColumn(7).getInt64();
  return r;
}

}  // namespace

std::int64_t SqlBlobStore::BeginStaging(std::int64_t organization_id, TimeMicros now) {
  CachedStatement st(conn_, "INSERT INTO blobs (organization_id, sealed, create_time) VALUES (?, 0, ?) RETURNING id");
  st.bind(1, static_cast<int64_t>(organization_id));
  st.bind(2, static_cast<int64_t>(now));
  return InsertedId(st);
}

bool SqlBlobStore::AppendChunk(std::int64_t blob_id, std::int64_t index, std::string_view bytes) {
  CachedStatement grow(conn_,
                       "UPDATE blobs SET size_bytes = size_bytes + ?, chunk_count = chunk_count + 1 "
                       "WHERE id = ? AND sealed = 0 AND chunk_count = ?");
  grow.bind(1, static_cast<int64_t>(bytes.size()));
  grow.bind(2, static_cast<int64_t>(blob_id));
  grow.bind(3, static_cast<int64_t>(index));
  if (grow.exec() != 1) return false;
  CachedStatement st(conn_, "INSERT INTO blob_chunks (blob_id, chunk_index, data) VALUES (?, ?, ?)");
  st.bind(1, static_cast<int64_t>(blob_id));
  st.bind(2, static_cast<int64_t>(index));
  static_cast<SqlStatement&>(st).BindBlob(3, bytes.data(), bytes.size());
  st.exec();
  return true;
}

std::optional<BlobRecord> SqlBlobStore::Get(std::int64_t blob_id) {
  CachedStatement st(conn_, std::string("SELECT ") + kColumns + " FROM blobs WHERE id = ?");
  st.bind(1, static_cast<int64_t>(blob_id));
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

std::optional<BlobRecord> SqlBlobStore::FindSealed(std::int64_t organization_id, const std::string& sha256) {
  CachedStatement st(
      conn_, std::string("SELECT ") + kColumns + " FROM blobs WHERE organization_id = ? AND sha256 = ? AND sealed = 1");
  st.bind(1, static_cast<int64_t>(organization_id));
  st.bind(2, sha256);
  if (!st.executeStep()) return std::nullopt;
  return Read(st);
}

void SqlBlobStore::Seal(std::int64_t blob_id, const std::string& sha256, const std::string& content_type) {
  CachedStatement st(conn_, "UPDATE blobs SET sealed = 1, sha256 = ?, content_type = ? WHERE id = ? AND sealed = 0");
  st.bind(1, sha256);
  st.bind(2, content_type);
  st.bind(3, static_cast<int64_t>(blob_id));
  if (st.exec() != 1) {
    throw StorageError(StatusCode::kInternal, "blob " + std::to_string(blob_id) + " is not staging",
                       "BLOB_NOT_STAGING");
  }
}

void SqlBlobStore::DeleteBlob(std::int64_t blob_id) {
  CachedStatement chunks(conn_, "DELETE FROM blob_chunks WHERE blob_id = ?");
  chunks.bind(1, static_cast<int64_t>(blob_id));
  chunks.exec();
  CachedStatement blob(conn_, "DELETE FROM blobs WHERE id = ?");
  blob.bind(1, static_cast<int64_t>(blob_id));
  blob.exec();
}

bool SqlBlobStore::DiscardStaging(std::int64_t blob_id) {
  CachedStatement st(conn_, "SELECT 1 FROM blobs WHERE id = ? AND sealed = 0");
  st.bind(1, static_cast<int64_t>(blob_id));
  if (!st.executeStep()) return false;
  st.reset();
  DeleteBlob(blob_id);
  return true;
}

std::int64_t SqlBlobStore::DiscardAllStaging() {
  std::vector<std::int64_t> ids;
  {
    CachedStatement st(conn_, "SELECT id FROM blobs WHERE sealed = 0");
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
  }
  for (auto id : ids) DeleteBlob(id);
  return static_cast<std::int64_t>(ids.size());
}

std::optional<std::string> SqlBlobStore::ReadChunk(std::int64_t blob_id, std::int64_t index) {
  CachedStatement st(conn_, "SELECT data FROM blob_chunks WHERE blob_id = ? AND chunk_index = ?");
  st.bind(1, static_cast<int64_t>(blob_id));
  st.bind(2, static_cast<int64_t>(index));
  if (!st.executeStep()) return std::nullopt;
  const auto& col = st.getColumn(0);
  return std::string(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes()));
}

std::int64_t SqlBlobStore::BytesUsed(std::int64_t organization_id) {
  CachedStatement st(conn_, "SELECT coalesce(sum(size_bytes), 0) FROM blobs WHERE organization_id = ?");
  st.bind(1, static_cast<int64_t>(organization_id));
  st.executeStep();
  return st.getColumn(0).getInt64();
}

void SqlBlobStore::DeleteIfUnreferenced(std::int64_t blob_id) {
  CachedStatement st(conn_, "SELECT 1 FROM document_versions WHERE blob_id = ? LIMIT 1");
  st.bind(1, static_cast<int64_t>(blob_id));
  if (st.executeStep()) return;
  st.reset();
  DeleteBlob(blob_id);
}

}  // namespace biopolis
