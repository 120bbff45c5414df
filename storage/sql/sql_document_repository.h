#pragma once

#include "storage/repositories.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

class SqlDocumentRepository final : public DocumentRepository {
 public:
  explicit SqlDocumentRepository(SqlConnection& conn) : conn_(conn) {}
  std::optional<DocumentRecord> Get(std::int64_t id) override;
  Page<DocumentRecord> List(const DocumentParent& parent, const ListQuery& query) override;
  std::int64_t Insert(const DocumentRecord& record) override;
  void AddVersion(const DocumentVersionRecord& version) override;
  std::optional<DocumentVersionRecord> GetVersion(std::int64_t document_id, std::int32_t version) override;
  Page<DocumentVersionRecord> ListVersions(std::int64_t document_id, const ListQuery& query) override;
  std::vector<std::int64_t> Delete(std::int64_t id) override;
  std::vector<std::int64_t> IdsOf(const DocumentParent& parent) override;
  std::vector<DocumentKind> KindsOf(const DocumentParent& parent) override;

 private:
  void InsertVersion(const DocumentVersionRecord& version);

  SqlConnection& conn_;
};

}  // namespace biopolis
