#include "services/residents/public_registry.h"

#include <algorithm>
#include <set>

#include "core/bounded_text.h"
#include "core/canonical_json.h"
#include "core/crypto.h"
#include "services/domain/as_of.h"
#include "services/extracts/extract_content.h"

namespace biopolis {
namespace {

// A name search reads at most this many entries per call, so one call's cost
// is bounded whatever it matches; the token goes on from where it stopped.
constexpr int kScanPerCall = 5000;
constexpr std::size_t kMaxNameQueryBytes = 200;

const ListSpec& Spec() {
  static const ListSpec kSpec{{}, {"registry_number"}, "registry_number", false};
  return kSpec;
}

PublicEntry Describe(Transaction& tx, const ResidentRecord& r, TimeMicros as_of) {
  PublicEntry e;
  e.registry_number = r.registry_number;
  auto org = tx.organizations().GetAsOf(r.organization_id, as_of);
  if (!org) org = tx.organizations().Get(r.organization_id);
  if (org) {
    e.full_name = org->full_name;
    e.short_name = org->short_name;
    e.inn = org->inn;
    e.ogrn = org->ogrn;
  }
  e.state = r.state;
  e.inclusion_date = r.registration_date;
  if (r.state == ResidentState::kTerminated) e.exclusion_date = r.termination_date;
  if (auto app = tx.applications().Get(r.application_id)) e.okved_codes = app->okved_codes;
  ListQuery leases;
  leases.order_field = "create_time";
  leases.page_size = kMaxPageSize;
  leases.conditions = {{"resident", CompareOp::kEq, r.id}};
  std::set<std::string> sites;
  const Date day = ZoneDateOf(as_of);
  for (const auto& lease : tx.leases().List(leases).items) {
    if (!LeaseInUseOn(lease, day)) continue;
    if (auto plot = tx.plots().Get(lease.plot_id)) sites.insert(plot->site);
  }
  e.sites.assign(sites.begin(), sites.end());
  return e;
}

// Every word of the folded query occurs in the folded name.
bool NameMatches(const std::string& name, const std::vector<std::string>& words) {
  const std::string folded = FoldCase(name);
  return std::all_of(words.begin(), words.end(),
                     [&](const std::string& w) { return folded.find(w) != std::string::npos; });
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : FoldCase(text) + " ") {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

Status ValidateSearch(const PublicSearch& s) {
  FieldErrors errors;
  if (s.name_contains.size() > kMaxNameQueryBytes || !IsValidUtf8(s.name_contains)) {
    errors.Add("name_contains", "at most 200 bytes of UTF-8", "FIELD_TOO_LONG");
  }
  auto digits = [](const std::string& v, std::size_t max) {
    return v.size() <= max && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(s.inn, 12)) errors.Add("inn", "10 or 12 digits", "INVALID_INN_FORMAT");
  if (!digits(s.ogrn, 15)) errors.Add("ogrn", "13 or 15 digits", "INVALID_OGRN_FORMAT");
  return errors.ToStatus();
}

std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ";") + i;
  return out;
}

JsonValue ToJson(const PublicEntry& e) {
  JsonValue::Array okved(e.okved_codes.begin(), e.okved_codes.end());
  JsonValue::Array sites(e.sites.begin(), e.sites.end());
  return JsonValue::Object{
      {"registry_number", e.registry_number},
      {"full_name", e.full_name},
      {"short_name", e.short_name},
      {"inn", e.inn},
      {"ogrn", e.ogrn},
      {"state", std::string(kResidentStates.Name(e.state))},
      {"inclusion_date", e.inclusion_date.IsValid() ? JsonValue(e.inclusion_date.ToString()) : JsonValue()},
      {"exclusion_date", e.exclusion_date.IsValid() ? JsonValue(e.exclusion_date.ToString()) : JsonValue()},
      {"okved_codes", std::move(okved)},
      {"sites", std::move(sites)}};
}

}  // namespace

Result<Page<PublicEntry>> PublicRegistry::List(const Caller&, const ListParams& params, const PublicSearch& search,
                                               std::optional<TimeMicros> as_of) {
  BIOPOLIS_RETURN_IF_ERROR(ValidateSearch(search));
  if (as_of) BIOPOLIS_RETURN_IF_ERROR(CheckAsOf(*as_of, env_.clock.Now()));
  const TimeMicros t = as_of.value_or(env_.clock.Now());
  // The token is bound to the whole search, not to a caller: the data is public.
  const std::string scope = "ListPublicResidents|" + (as_of ? std::to_string(*as_of) : std::string("now")) + "|" +
                            search.inn + "|" + search.ogrn + "|" + search.name_contains;
  BIOPOLIS_ASSIGN_OR_RETURN(ListQuery query, env_.lists.Parse(Spec(), params, scope));
  const std::vector<std::string> words = Words(search.name_contains);
  return ReadValue<Page<PublicEntry>>(env_.store, [&](Transaction& tx) -> Result<Page<PublicEntry>> {
    Page<PublicEntry> page;
    for (const auto* id : {&search.inn, &search.ogrn}) {
      if (id->empty()) continue;
      auto org = id == &search.inn ? tx.organizations().FindByInn(*id) : tx.organizations().FindByOgrn(*id);
      if (!org) return page;
      query.conditions.push_back({"organization", CompareOp::kEq, org->id});
    }
    const int wanted = query.page_size;
    ListQuery batch = query;
    batch.page_size = kMaxPageSize;
    int scanned = 0;
    bool exhausted = false;
    std::optional<Cursor> last;
    while (static_cast<int>(page.items.size()) < wanted && scanned < kScanPerCall && !exhausted) {
      Page<ResidentRecord> rows = tx.residents().ListAsOf(batch, t);
      exhausted = !rows.next.has_value();
      for (const auto& r : rows.items) {
        ++scanned;
        last = Cursor{r.registry_number, r.id};
        if (words.empty() || NameMatches(r.organization_display_name, words)) {
          page.items.push_back(Describe(tx, r, t));
        } else {
          auto org = tx.organizations().GetAsOf(r.organization_id, t);
          if (org && NameMatches(org->short_name, words)) page.items.push_back(Describe(tx, r, t));
        }
        if (static_cast<int>(page.items.size()) == wanted) {
          exhausted = exhausted && &r == &rows.items.back();
          break;
        }
      }
      batch.after = last;
    }
    if (!exhausted && last) page.next = last;
    env_.lists.FinishPage(page, params, scope);
    return page;
  });
}

Result<PublicEntry> PublicRegistry::Get(const std::string& registry_number, std::optional<TimeMicros> as_of) {
  if (registry_number.empty() || registry_number.size() > 40) {
    return Status::InvalidField("registry_number", "is required, e.g. 43-2026-0001", "FIELD_REQUIRED");
  }
  if (as_of) BIOPOLIS_RETURN_IF_ERROR(CheckAsOf(*as_of, env_.clock.Now()));
  const TimeMicros t = as_of.value_or(env_.clock.Now());
  return ReadValue<PublicEntry>(env_.store, [&](Transaction& tx) -> Result<PublicEntry> {
    ListQuery q;
    q.order_field = "registry_number";
    q.page_size = 1;
    q.conditions = {{"registry_number", CompareOp::kEq, registry_number}};
    auto rows = tx.residents().ListAsOf(q, t);
    if (rows.items.empty()) {
      return Status(StatusCode::kNotFound,
                    "no registry entry " + QuoteInput(registry_number) + " at " + FormatTimestamp(t), "NOT_FOUND");
    }
    return Describe(tx, rows.items.front(), t);
  });
}

Result<OpenDataExport> PublicRegistry::Export(std::optional<TimeMicros> as_of) {
  if (as_of) BIOPOLIS_RETURN_IF_ERROR(CheckAsOf(*as_of, env_.clock.Now()));
  const TimeMicros t = as_of.value_or(env_.clock.Now());
  std::vector<PublicEntry> entries;
  BIOPOLIS_RETURN_IF_ERROR(env_.store.Read([&](Transaction& tx) {
    ListQuery q;
    q.order_field = "registry_number";
    q.page_size = kMaxPageSize;
    while (true) {
      auto rows = tx.residents().ListAsOf(q, t);
      for (const auto& r : rows.items) entries.push_back(Describe(tx, r, t));
      if (!rows.next) break;
      q.after = rows.next;
    }
    return Status::Ok();
  }));
  OpenDataExport out;
  out.csv = "registry_number,full_name,short_name,inn,ogrn,state,inclusion_date,exclusion_date,okved_codes,sites\n";
  JsonValue::Array list;
  for (const auto& e : entries) {
    out.csv += CsvField(e.registry_number) + "," + CsvField(e.full_name) + "," + CsvField(e.short_name) + "," + e.inn +
               "," + e.ogrn + "," + kResidentStates.Name(e.state) + "," +
               (e.inclusion_date.IsValid() ? e.inclusion_date.ToString() : "") + "," +
               (e.exclusion_date.IsValid() ? e.exclusion_date.ToString() : "") + "," + CsvField(Joined(e.okved_codes)) +
               "," + CsvField(Joined(e.sites)) + "\n";
    list.push_back(ToJson(e));
  }
  out.json = JsonValue(JsonValue::Object{{"as_of", FormatTimestamp(t)},
                                         {"residents", std::move(list)},
                                         {"type", "biopolis.public_registry.v1"}})
                 .Serialize();
  auto file = [](const char* name, const std::string& bytes) {
    return JsonValue(JsonValue::Object{
        {"name", name}, {"sha256", Sha256Hex(bytes)}, {"size", static_cast<std::int64_t>(bytes.size())}});
  };
  out.manifest = JsonValue(JsonValue::Object{{"as_of", FormatTimestamp(t)},
                                             {"files", JsonValue::Array{file("public-registry.csv", out.csv),
                                                                        file("public-registry.json", out.json)}},
                                             {"generated_at", FormatTimestamp(env_.clock.Now())},
                                             {"residents", static_cast<std::int64_t>(entries.size())},
                                             {"type", "biopolis.open_data_manifest.v1"}})
                     .Serialize();
  BIOPOLIS_ASSIGN_OR_RETURN(out.signed_manifest, signer_.SignDocument(out.manifest));
  return out;
}

}  // namespace biopolis
