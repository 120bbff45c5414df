// libFuzzer target: arbitrary list requests (filter, order_by, page token,
// page size) against the domain's List methods over a real SQLite database
// seeded with the demo zone. Rules and storage only, no gRPC.
//
// Input: byte 0 picks the List method, byte 1 the caller (officer, or the
// resident of organizations/1), bytes 2-3 the page size; the rest is split at
// the first two 0x00 bytes into filter, order_by and page_token.
//
// Invariants after every input: the answer is a page or INVALID_ARGUMENT
// (any other status is a bug: storage refusing SQL the parser let through, an
// exception); a page holds at most the clamped page size; a resident's page
// holds only its own organization's records.
//
//   build-asan/tests/fuzz/list_fuzzer -max_total_time=60 CORPUS_DIR
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "seed_corpus.h"
#include "services/domain/domain.h"
#include "services/server/demo_data.h"
#include "storage/sqlite/sqlite_store.h"

namespace {

namespace bp = ::biopolis;

struct World {
  std::unique_ptr<bp::SqliteStore> store;
  std::unique_ptr<bp::ManualClock> clock;
  std::unique_ptr<bp::Domain> domain;
};

World* world = nullptr;

void Fail(const std::string& what) {
  std::fprintf(stderr, "list_fuzzer invariant broken: %s\n", what.c_str());
  std::abort();
}

// kOwned: the records belong to one organization (organization_id), and a
// resident may see only its own.
template <bool kOwned, typename Record>
void Check(const bp::Result<bp::Page<Record>>& page, const bp::Caller& caller, const bp::ListParams& params,
           const char* method) {
  if (!page.ok()) {
    if (page.status().code() != bp::StatusCode::kInvalidArgument) {
      Fail(std::string(method) + " answered " + page.status().ToString());
    }
    return;
  }
  std::int64_t limit = params.page_size <= 0 ? 50 : std::min<std::int64_t>(params.page_size, 500);
  if (static_cast<std::int64_t>(page->items.size()) > limit) Fail(std::string(method) + " returned too many items");
  if constexpr (kOwned) {
    if (!caller.is_resident()) return;
    for (const auto& item : page->items) {
      if (item.organization_id != caller.organization_id) {
        Fail(std::string(method) + " leaked another organization's record");
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  if (std::string corpus = bp::fuzz::CorpusToSeed(*argc, *argv); !corpus.empty()) {
    const char* filters[] = {"", "state = 2", "create_time > 0 AND state != 1", "organization = \"organizations/1\"",
                             "area_m2 >= 1000 AND state = \"STATE_AVAILABLE\""};
    const char* orders[] = {"", "create_time desc", "area_m2", "sequence"};
    int n = 0;
    for (int method = 0; method < 10; ++method) {
      for (const char* filter : filters) {
        for (const char* order : orders) {
          std::string input{static_cast<char>(method), static_cast<char>(n % 2), 50, 0};
          input += filter;
          input += '\0';
          input += order;
          bp::fuzz::WriteSeed(corpus, n++, input);
        }
      }
    }
  }
  static const auto dir =
      std::filesystem::temp_directory_path() / ("biopolis-list-fuzzer-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  });
  world = new World;
  auto store = bp::SqliteStore::Open({(dir / "fuzz.db").string(), 2, 5000});
  if (!store.ok()) Fail("cannot open the database: " + store.status().ToString());
  world->store = std::move(*store);
  world->clock = std::make_unique<bp::ManualClock>(bp::ZoneStartOf({2026, 11, 27}));
  world->domain = std::make_unique<bp::Domain>(*world->store, *world->clock);
  auto seeded = bp::SeedDemoData(*world->domain);
  if (!seeded.ok()) Fail("cannot seed the demo zone: " + seeded.status().ToString());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  const bp::Caller officer{"apiKeys/2", bp::Role::kOfficer, 0};
  const bp::Caller resident{"apiKeys/4", bp::Role::kResident, 1};
  const bp::Caller& caller = data[1] % 2 ? resident : officer;
  bp::ListParams params;
  params.page_size = static_cast<std::int16_t>(data[2] | (data[3] << 8));
  std::string_view rest(reinterpret_cast<const char*>(data + 4), size - 4);
  auto take = [&rest]() {
    auto end = rest.find('\0');
    std::string part(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    return part;
  };
  params.filter = take();
  params.order_by = take();
  params.page_token = std::string(rest);

  bp::Domain& d = *world->domain;
  switch (data[0] % 10) {
    case 0:
      Check<true>(d.applications.List(caller, params), caller, params, "ListApplications");
      break;
    case 1:
      Check<false>(d.land.ListPlots(caller, params), caller, params, "ListPlots");
      break;
    case 2:
      Check<true>(d.land.ListLeases(caller, params), caller, params, "ListLeases");
      break;
    case 3:
      Check<false>(d.organizations.List(caller, params), caller, params, "ListOrganizations");
      break;
    case 4:
      Check<true>(d.residents.List(caller, params), caller, params, "ListResidents");
      break;
    case 5:
      Check<true>(d.reporting.List(caller, params), caller, params, "ListReports");
      break;
    case 6:
      Check<true>(d.support.ListRequests(caller, params), caller, params, "ListSupportRequests");
      break;
    case 7:
      Check<true>(d.service_desk.ListRequests(caller, params, data[1] & 2), caller, params, "ListServiceRequests");
      break;
    case 8:
      Check<false>(d.audit.List(caller, params), caller, params, "ListAuditRecords");
      break;
    default:
      Check<false>(d.support.ListMeasures(caller, params, data[1] & 2), caller, params, "ListSupportMeasures");
      break;
  }
  return 0;
}
