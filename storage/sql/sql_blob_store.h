// The BlobStore of both SQL backends: blobs and their chunk rows in the database itself, so
// a document's bytes commit with its record, audit and event, and backups
// carry them.
#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlBlobStore final : public BlobStore {
 public:
  explicit SqlBlobStore(SqlConnection& conn) : conn_(conn) {}
  std::int64_t BeginStaging(std::int64_t organization_id, TimeMicros now) override;
  bool AppendChunk(std::int64_t blob_id, std::int64_t index, std::string_view bytes) override;
  std::optional<BlobRecord> Get(std::int64_t blob_id) override;
  std::optional<BlobRecord> FindSealed(std::int64_t organization_id, const std::string& sha256) override;
  void Seal(std::int64_t blob_id, const std::string& sha256, const std::string& content_type) override;
  bool DiscardStaging(std::int64_t blob_id) override;
  std::int64_t DiscardAllStaging() override;
  std::optional<std::string> ReadChunk(std::int64_t blob_id, std::int64_t index) override;
  std::int64_t BytesUsed(std::int64_t organization_id) override;
  void DeleteIfUnreferenced(std::int64_t blob_id) override;

 private:
  void DeleteBlob(std::int64_t blob_id);

  SqlConnection& conn_;
};

}  // namespace biopolis
