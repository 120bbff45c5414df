// The documents area's seam: what other areas ask of it inside their own
// unit of work (nothing here commits). The only documents header another
// area includes.
#pragma once

#include <vector>

#include "model/document.h"
#include "services/domain/command_runner.h"
#include "storage/store.h"

namespace biopolis::document_seam {

// The kinds among `required` that `parent` has no document of.
std::vector<DocumentKind> MissingKinds(Transaction& tx, const DocumentParent& parent,
                                       const std::vector<DocumentKind>& required);
// Deletes every document of `parent` and the bytes no other document uses
// (a draft being deleted), with an audit record and event per document.
void DeleteDocumentsOf(CommandContext& ctx, const DocumentParent& parent);

}  // namespace biopolis::document_seam
