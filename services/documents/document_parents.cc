#include "services/documents/document_parents.h"

#include <charconv>
#include <vector>

#include "model/application.h"
#include "model/reporting.h"
#include "model/service_desk.h"
#include "model/support.h"

namespace biopolis {
namespace {

constexpr DocumentParentType kParentTypes[] = {DocumentParentType::kApplication, DocumentParentType::kReport,
                                               DocumentParentType::kSupportRequest,
                                               DocumentParentType::kServiceRequest};

// Splits "a/b/c" into its segments.
std::vector<std::string_view> Segments(std::string_view name) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    auto slash = name.find('/', start);
    out.push_back(name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool ParseId(std::string_view digits, std::int64_t& id) {
  if (digits.empty() || digits[0] == '0') return false;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  return ec == std::errc() && ptr == digits.data() + digits.size() && id > 0;
}

std::optional<DocumentParent> ParentOf(std::string_view collection, std::string_view id_text) {
  for (auto type : kParentTypes) {
    std::int64_t id = 0;
    if (collection == DocumentParentCollection(type) && ParseId(id_text, id)) return DocumentParent{type, id};
  }
  return std::nullopt;
}

template <typename Record, typename Table>
ParentFacts Facts(const DocumentParent& parent, const Record& r, const Table& states) {
  return ParentFacts{parent, DocumentParentName(parent), r.organization_id, states.Name(r.state),
                     RulesForParentState(parent.type, static_cast<int>(r.state))};
}

}  // namespace

Result<ParentFacts> LoadDocumentParent(Transaction& tx, const Caller& caller, const DocumentParent& parent) {
  std::optional<ParentFacts> facts;
  switch (parent.type) {
    case DocumentParentType::kApplication:
      if (auto r = tx.applications().Get(parent.id)) facts = Facts(parent, *r, kApplicationStates);
      break;
    case DocumentParentType::kReport:
      if (auto r = tx.reports().Get(parent.id)) facts = Facts(parent, *r, kReportStates);
      break;
    case DocumentParentType::kSupportRequest:
      if (auto r = tx.support().GetRequest(parent.id)) facts = Facts(parent, *r, kSupportRequestStates);
      break;
    case DocumentParentType::kServiceRequest:
      if (auto r = tx.service_desk().GetRequest(parent.id)) facts = Facts(parent, *r, kServiceRequestStates);
      break;
    case DocumentParentType::kUnspecified:
      break;
  }
  if (!facts || !caller.MaySee(facts->organization_id)) return Status::NotFound(DocumentParentName(parent));
  return *facts;
}

Result<DocumentParent> ParseDocumentParent(std::string_view name, const std::string& field) {
  auto parts = Segments(name);
  if (parts.size() == 2) {
    if (auto parent = ParentOf(parts[0], parts[1])) return *parent;
  }
  return Status::InvalidField(field,
                              name.empty() ? "is required; expected `applications/{id}`, `reports/{id}`, "
                                             "`supportRequests/{id}` or `serviceRequests/{id}`"
                                           : "is not `applications/{id}`, `reports/{id}`, `supportRequests/{id}` "
                                             "or `serviceRequests/{id}`",
                              "INVALID_RESOURCE_NAME");
}

Result<DocumentRef> ParseDocumentName(std::string_view name, const std::string& field, bool allow_version) {
  auto parts = Segments(name);
  DocumentRef ref;
  bool ok = (parts.size() == 4 || (allow_version && parts.size() == 6)) && parts[2] == "documents";
  if (ok) {
    auto parent = ParentOf(parts[0], parts[1]);
    ok = parent.has_value() && ParseId(parts[3], ref.id);
    if (ok) ref.parent = *parent;
  }
  if (ok && parts.size() == 6) {
    std::int64_t version = 0;
    ok = parts[4] == "versions" && ParseId(parts[5], version) && version <= 1'000'000;
    ref.version = static_cast<std::int32_t>(version);
  }
  if (!ok) {
    return Status::InvalidField(
        field,
        std::string(name.empty() ? "is required" : "is malformed") + "; expected `{parent}/documents/{id}`" +
            (allow_version ? " or `{parent}/documents/{id}/versions/{n}`" : "") + ", e.g. `applications/3/documents/7`",
        "INVALID_RESOURCE_NAME");
  }
  return ref;
}

}  // namespace biopolis
