// The public registry of residents: the facts the law makes public (name,
// INN, OGRN, registry number, dates of inclusion and exclusion, state,
// activity, site) for anyone, and its open-data export. gRPC-free.
//
// Redaction is structural: a PublicEntry holds only public facts, so nothing
// else can reach a public answer. Callers: any role, including Role::kPublic.
// Thread-safety: safe for concurrent use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/domain/domain_env.h"
#include "services/extracts/registry_extracts.h"

namespace biopolis {

struct PublicEntry {
  std::string registry_number;
  std::string full_name;
  std::string short_name;
  std::string inn;
  std::string ogrn;
  ResidentState state = ResidentState::kUnspecified;
  Date inclusion_date;
  Date exclusion_date;  // set when terminated
  std::vector<std::string> okved_codes;
  std::vector<std::string> sites;
};

struct PublicSearch {
  std::string name_contains;
  std::string inn;
  std::string ogrn;
};

// The open-data export: the files and the signed manifest of their sums.
struct OpenDataExport {
  std::string csv;
  std::string json;
  std::string manifest;         // canonical JSON
  std::string signed_manifest;  // {"content":manifest,"key_id":..,"signature":..}
};

class PublicRegistry {
 public:
  PublicRegistry(DomainEnv env, const RegistryExtracts& signer) : env_(env), signer_(signer) {}

  // In registry-number order; a page may hold fewer than page_size entries
  // (a name search reads a bounded number of entries per call) with a token
  // to go on.
  Result<Page<PublicEntry>> List(const Caller& caller, const ListParams& params, const PublicSearch& search,
                                 std::optional<TimeMicros> as_of);
  Result<PublicEntry> Get(const std::string& registry_number, std::optional<TimeMicros> as_of);
  Result<OpenDataExport> Export(std::optional<TimeMicros> as_of);

 private:
  DomainEnv env_;
  const RegistryExtracts& signer_;
};

}  // namespace biopolis
