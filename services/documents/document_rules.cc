#include "services/documents/document_rules.h"

#include <algorithm>
#include <set>

#include "core/bounded_text.h"
#include "core/text_limits.h"
#include "model/application.h"
#include "model/reporting.h"
#include "model/service_desk.h"
#include "model/support.h"

namespace biopolis {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) != suffix[i]) return false;
  }
  return true;
}

template <typename E, std::size_t N>
bool In(E value, const E (&set)[N]) {
  return std::find(std::begin(set), std::end(set), value) != std::end(set);
}

}  // namespace

std::vector<FieldViolation> CheckFileName(std::string_view name, const std::string& field) {
  FieldErrors errors;
  if (name.empty()) {
    errors.Add(field, "is required", "FIELD_REQUIRED");
  } else if (name.size() > text_limits::kFileName) {
    errors.Add(field, "is longer than " + std::to_string(text_limits::kFileName) + " bytes", "FIELD_TOO_LONG");
  } else if (!IsValidUtf8(name)) {
    errors.Add(field, "is not valid UTF-8", "INVALID_FILE_NAME");
  } else if (name == "." || name == "..") {
    errors.Add(field, "must name a file, not `.` or `..`", "INVALID_FILE_NAME");
  } else if (std::any_of(name.begin(), name.end(), [](char ch) {
               const auto c = static_cast<unsigned char>(ch);
               return c < 0x20 || c == 0x7F || ch == '/' || ch == '\\';
             })) {
    errors.Add(field, "must not contain path separators (/ \\) or control characters", "INVALID_FILE_NAME");
  }
  return errors.violations();
}

std::optional<std::string> AllowedContentType(const SniffedType& sniffed, std::string_view file_name) {
  static const std::set<std::string, std::less<>> kDocumentTypes = {
      "application/pdf",
      "image/png",
      "image/jpeg",
      "image/tiff",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.oasis.opendocument.text",
      "application/vnd.oasis.opendocument.spreadsheet",
  };
  if (kDocumentTypes.count(sniffed.mime) > 0) return sniffed.mime;
  if (!EndsWith(file_name, ".sig") && !EndsWith(file_name, ".p7s")) return std::nullopt;
  // Detached signatures: libmagic names PGP's, and describes PKCS#7/CMS in
  // DER (its MIME type says only octet-stream); PEM is recognised by its armour.
  if (sniffed.mime == "application/pgp-signature") return sniffed.mime;
  if (sniffed.description.rfind("DER Encoded PKCS#7", 0) == 0) return std::string("application/pkcs7-signature");
  return std::nullopt;
}

ParentDocumentRules RulesForParentState(DocumentParentType type, int state) {
  switch (type) {
    case DocumentParentType::kApplication: {
      static constexpr ApplicationState kOpen[] = {ApplicationState::kDraft, ApplicationState::kInfoRequested};
      bool open = In(static_cast<ApplicationState>(state), kOpen);
      return {open, open};
    }
    case DocumentParentType::kReport: {
      static constexpr ReportState kOpen[] = {ReportState::kDraft, ReportState::kReturned};
      bool open = In(static_cast<ReportState>(state), kOpen);
      return {open, open};
    }
    case DocumentParentType::kSupportRequest: {
      static constexpr SupportRequestState kOpen[] = {SupportRequestState::kDraft, SupportRequestState::kInfoRequested};
      bool open = In(static_cast<SupportRequestState>(state), kOpen);
      return {open, open};
    }
    case DocumentParentType::kServiceRequest: {
      static constexpr ServiceRequestState kUploads[] = {ServiceRequestState::kNew, ServiceRequestState::kInProgress,
                                                         ServiceRequestState::kWaitingForResident,
                                                         ServiceRequestState::kReopened};
      static constexpr ServiceRequestState kDeletion[] = {ServiceRequestState::kNew,
                                                          ServiceRequestState::kWaitingForResident};
      auto s = static_cast<ServiceRequestState>(state);
      return {In(s, kUploads), In(s, kDeletion)};
    }
    case DocumentParentType::kUnspecified:
      break;
  }
  return {};
}

std::vector<DocumentKind> MissingKinds(const std::vector<DocumentKind>& required,
                                       const std::vector<DocumentKind>& present) {
  std::vector<DocumentKind> missing;
  for (auto kind : required) {
    if (std::find(present.begin(), present.end(), kind) == present.end()) missing.push_back(kind);
  }
  return missing;
}

Status MissingDocuments(const std::string& parent_name, const std::vector<DocumentKind>& missing) {
  std::vector<PreconditionViolation> violations;
  std::string names;
  for (auto kind : missing) {
    violations.push_back({"MISSING_DOCUMENT", parent_name + "/documents",
                          std::string("no document of kind ") + DocumentKindName(kind) + " is attached"});
    names += names.empty() ? "" : ", ";
    names += DocumentKindName(kind);
  }
  return Status::FailedPrecondition(
      parent_name + " lacks required documents: " + names + "; upload them (UploadDocument) first", "MISSING_DOCUMENTS",
      std::move(violations));
}

std::vector<FieldViolation> MissingDocumentViolations(const std::vector<DocumentKind>& missing) {
  std::vector<FieldViolation> out;
  for (auto kind : missing) {
    out.push_back({"documents", std::string("no document of kind ") + DocumentKindName(kind) + " is attached",
                   "MISSING_DOCUMENTS"});
  }
  return out;
}

std::vector<FieldViolation> CheckRequiredKinds(const std::vector<DocumentKind>& kinds, const std::string& field) {
  FieldErrors errors;
  std::set<DocumentKind> seen;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    auto kind = kinds[i];
    if (kind == DocumentKind::kUnspecified || std::string_view(DocumentKindName(kind)) == "KIND_UNSPECIFIED") {
      errors.Add(f, "must be a document kind (KIND_BUSINESS_PLAN, ...)", "INVALID_ENUM_VALUE");
    } else if (!seen.insert(kind).second) {
      errors.Add(f, std::string(DocumentKindName(kind)) + " is listed twice", "DUPLICATE_VALUE");
    }
  }
  return errors.violations();
}

}  // namespace biopolis
