// The rules of documents, pure functions: file names, allowed types, which
// parent states take documents, and what a parent still lacks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/document.h"
#include "services/documents/content_sniffer.h"

namespace biopolis {

// At most this many bytes in one `chunk` message.
constexpr std::size_t kMaxUploadChunkBytes = 1 << 20;

// Limits from the configuration.
struct DocumentLimits {
  // Largest document (one version), bytes.
  std::int64_t max_document_bytes = 100LL << 20;
  // What one organization's stored documents may take, bytes (identical
  // content counted once).
  std::int64_t organization_quota_bytes = 5LL << 30;
};

// Violations of an uploaded file's name: 1..255 bytes of valid UTF-8, no
// path separators (`/`, `\`), no control characters, not `.` or `..`.
std::vector<FieldViolation> CheckFileName(std::string_view name, const std::string& field);

// The content type stored for a file whose head sniffed as `sniffed`, or
// nullopt when the type is not allowed: PDF, PNG, JPEG, TIFF, DOCX, XLSX,
// ODT, ODS, and detached signatures (PGP, or PKCS#7/CMS in DER or PEM) in a
// file named `.sig` or `.p7s`.
std::optional<std::string> AllowedContentType(const SniffedType& sniffed, std::string_view file_name);

// What the parent's state allows.
struct ParentDocumentRules {
  // New documents and versions may be uploaded.
  bool takes_uploads = false;
  // Documents may be deleted (the parent is a draft or answers an open
  // information request).
  bool allows_deletion = false;
};
// `state` is the parent's state enum value as a number.
ParentDocumentRules RulesForParentState(DocumentParentType type, int state);

// The required kinds not among `present`, in the order required.
std::vector<DocumentKind> MissingKinds(const std::vector<DocumentKind>& required,
                                       const std::vector<DocumentKind>& present);
// FAILED_PRECONDITION, reason MISSING_DOCUMENTS, one violation per missing kind.
Status MissingDocuments(const std::string& parent_name, const std::vector<DocumentKind>& missing);
// The same as eligibility violations (field "documents") for a dry run.
std::vector<FieldViolation> MissingDocumentViolations(const std::vector<DocumentKind>& missing);

// Violations of a list of required kinds set in a policy or measure: each
// specified, none twice, at most 20.
std::vector<FieldViolation> CheckRequiredKinds(const std::vector<DocumentKind>& kinds, const std::string& field);

}  // namespace biopolis
