// Documents attached to applications, reports, support requests and service
// requests, their immutable versions, and the stored bytes (blobs) behind
// them. Plain records. Enum numbering equals biopolis.v1.Document.Kind.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/enum_table.h"

namespace biopolis {

enum class DocumentKind {
  kUnspecified = 0,
  kBusinessPlan = 1,
  kInvestmentDeclaration = 2,
  kFinancialStatements = 3,
  kConstituentDocuments = 4,
  kBankLetter = 5,
  kCostEstimate = 6,
  kInvoice = 7,
  kGmpCertificate = 8,
  kRegistrationFile = 9,
  kTestReport = 10,
  kSupportingStatement = 11,
  kOther = 12,
};

// Each value's public name (core/enum_table.h).
inline constexpr auto kDocumentKinds = MakeEnumTable<DocumentKind>(
    "KIND_UNSPECIFIED", {{DocumentKind::kBusinessPlan, "KIND_BUSINESS_PLAN"},
                         {DocumentKind::kInvestmentDeclaration, "KIND_INVESTMENT_DECLARATION"},
                         {DocumentKind::kFinancialStatements, "KIND_FINANCIAL_STATEMENTS"},
                         {DocumentKind::kConstituentDocuments, "KIND_CONSTITUENT_DOCUMENTS"},
                         {DocumentKind::kBankLetter, "KIND_BANK_LETTER"},
                         {DocumentKind::kCostEstimate, "KIND_COST_ESTIMATE"},
                         {DocumentKind::kInvoice, "KIND_INVOICE"},
                         {DocumentKind::kGmpCertificate, "KIND_GMP_CERTIFICATE"},
                         {DocumentKind::kRegistrationFile, "KIND_REGISTRATION_FILE"},
                         {DocumentKind::kTestReport, "KIND_TEST_REPORT"},
                         {DocumentKind::kSupportingStatement, "KIND_SUPPORTING_STATEMENT"},
                         {DocumentKind::kOther, "KIND_OTHER"}});
constexpr int kDocumentKindCount = 13;

inline const char* DocumentKindName(DocumentKind kind) { return kDocumentKinds.Name(kind); }

// The collections a document can belong to; the number is stored.
enum class DocumentParentType {
  kUnspecified = 0,
  kApplication = 1,
  kReport = 2,
  kSupportRequest = 3,
  kServiceRequest = 4
};

struct DocumentParent {
  DocumentParentType type = DocumentParentType::kUnspecified;
  std::int64_t id = 0;

  bool operator==(const DocumentParent&) const = default;
};

// The collection id of a parent type ("applications", ...).
inline const char* DocumentParentCollection(DocumentParentType type) {
  switch (type) {
    case DocumentParentType::kApplication:
      return "applications";
    case DocumentParentType::kReport:
      return "reports";
    case DocumentParentType::kSupportRequest:
      return "supportRequests";
    case DocumentParentType::kServiceRequest:
      return "serviceRequests";
    case DocumentParentType::kUnspecified:
      break;
  }
  return "";
}
// "applications/3".
inline std::string DocumentParentName(const DocumentParent& parent) {
  return std::string(DocumentParentCollection(parent.type)) + "/" + std::to_string(parent.id);
}
// "applications/3/documents/7".
inline std::string DocumentName(const DocumentParent& parent, std::int64_t document_id) {
  return DocumentParentName(parent) + "/documents/" + std::to_string(document_id);
}

// Stored bytes: one per distinct content per organization. A blob is
// "staging" while an upload streams into it and "sealed" once its content
// is complete and hashed; only sealed blobs are ever referenced.
struct BlobRecord {
  std::int64_t id = 0;
  std::int64_t organization_id = 0;
  bool sealed = false;
  // Lowercase hex; empty while staging.
  std::string sha256;
  std::int64_t size_bytes = 0;
  std::int64_t chunk_count = 0;
  std::string content_type;
  TimeMicros create_time = 0;
};

struct DocumentVersionRecord {
  std::int64_t document_id = 0;
  std::int32_t version = 0;
  std::int64_t blob_id = 0;
  std::string file_name;
  std::string sha256;
  std::int64_t size_bytes = 0;
  std::string content_type;
  std::string uploaded_by;
  TimeMicros create_time = 0;
};

struct DocumentRecord {
  std::int64_t id = 0;
  DocumentParent parent;
  std::int64_t organization_id = 0;
  DocumentKind kind = DocumentKind::kUnspecified;
  // The current (latest) version and its facts.
  DocumentVersionRecord current;
  TimeMicros create_time = 0;
};

}  // namespace biopolis
