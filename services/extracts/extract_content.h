// What a registry extract states, and how: the facts gathered as of a time,
// turned into the canonical JSON that is signed (core/canonical_json.h), and
// the extract file that carries it with its signature. Pure functions;
// thread-safe.
//
// The content's members (docs/API.md, "Registry extracts"): `type`
// ("biopolis.registry_extract.v1"), `number`, `issued_at`, `as_of`, `subject`,
// `key_id`, `organization` (as of then: names, identifiers, address),
// `registry_entry` (null when the organization held none then; else number,
// state, dates, agreement, commitments, open or last notice, termination),
// `violations` (every notice up to then), `plots` (leased then).
// Timestamps are RFC 3339 UTC; dates YYYY-MM-DD; money strings of kopecks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/canonical_json.h"
#include "model/land.h"
#include "model/organization.h"
#include "model/resident.h"

namespace biopolis {

inline constexpr char kExtractType[] = "biopolis.registry_extract.v1";

struct ExtractFacts {
  std::string number;
  TimeMicros issue_time = 0;
  TimeMicros as_of = 0;
  std::string subject;
  std::string key_id;
  OrganizationRecord organization;  // as of then
  std::optional<ResidentRecord> entry;
  // The entry's versions up to then, oldest first (for its notices).
  std::vector<ResidentVersionRecord> history;
  struct LeasedPlot {
    LeaseRecord lease;
    PlotRecord plot;
  };
  std::vector<LeasedPlot> plots;
};

// "43-EXT-2026-000123": the region, the year of issue, the number in the year.
std::string ExtractNumber(int year, std::int64_t number_in_year);
// Whether a lease was in use on `date`.
bool LeaseInUseOn(const LeaseRecord& lease, const Date& date);
JsonValue ExtractContent(const ExtractFacts& facts);
// The extract file: {"content":<content>,"key_id":...,"signature":...},
// canonical. `content` must be canonical JSON.
std::string ExtractDocument(const std::string& content, const std::string& key_id, const std::string& signature);

}  // namespace biopolis
