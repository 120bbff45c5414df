// A document's parent as the documents area sees it: whose it is and what
// its state allows. Reads the parent through its own repository.
#pragma once

#include <string>

#include "core/caller.h"
#include "core/status.h"
#include "model/document.h"
#include "services/documents/document_rules.h"
#include "storage/store.h"

namespace biopolis {

struct ParentFacts {
  DocumentParent parent;
  std::string name;
  std::int64_t organization_id = 0;
  std::string state_name;
  ParentDocumentRules rules;
};

// NOT_FOUND when the parent does not exist or `caller` may not see it.
Result<ParentFacts> LoadDocumentParent(Transaction& tx, const Caller& caller, const DocumentParent& parent);

// Parses "applications/3", "reports/5", "supportRequests/7" or
// "serviceRequests/9" (INVALID_ARGUMENT on `field` otherwise).
Result<DocumentParent> ParseDocumentParent(std::string_view name, const std::string& field);
// Parses "{parent}/documents/{id}" and, when `allow_version`,
// "{parent}/documents/{id}/versions/{n}" (version 0 when absent).
struct DocumentRef {
  DocumentParent parent;
  std::int64_t id = 0;
  std::int32_t version = 0;
};
Result<DocumentRef> ParseDocumentName(std::string_view name, const std::string& field, bool allow_version = false);

}  // namespace biopolis
