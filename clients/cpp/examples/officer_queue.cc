// An officer's batch: accept every submitted application for review.
// Safe to re-run: each call carries a request id, and an application that
// moved on meanwhile is reported, not forced.
//
//   BIOPOLIS_ADDRESS=127.0.0.1:50051 BIOPOLIS_API_KEY=<officer key> ./officer_queue
#include <biopolis/applications.h>

#include <cstdlib>
#include <iostream>

int main() {
  biopolis::client::ClientOptions options;
  if (const char* address = std::getenv("BIOPOLIS_ADDRESS")) options.target = address;
  if (const char* key = std::getenv("BIOPOLIS_API_KEY")) options.api_key = key;
  // Only the service this program calls: its header alone compiles fast.
  biopolis::client::Applications applications(options);

  auto queue =
      applications.List(biopolis::client::ListOptions().Filter("state = \"STATE_SUBMITTED\"").OrderBy("create_time"));
  int accepted = 0;
  int skipped = 0;
  for (const auto& app : queue) {
    if (!app) {  // a failed page: the loop's last element carries the error
      std::cerr << app.error().ToString() << "\n";
      return 1;
    }
    // The etag makes the accept fail (ABORTED) if someone changed it since we listed it.
    auto r = applications.Accept(app->name(), app->etag());
    if (r) {
      ++accepted;
      std::cout << "accepted " << app->name() << " (" << app->project_name() << ")\n";
    } else {
      ++skipped;
      std::cout << "skipped " << app->name() << ": " << r.error().reason() << "\n";
    }
  }
  std::cout << accepted << " accepted, " << skipped << " skipped\n";
  return 0;
}
