// The zone's demo data, for a newcomer's first run: a zone policy, a few
// organizations with valid identifiers, applications in several states, one
// registered resident, and a well-known API key per role.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace biopolis {

class Domain;

struct DemoKey {
  std::string role;
  std::string holder;
  std::string secret;
};

// The demo keys (well-known secrets: demo mode only, loopback only).
const std::vector<DemoKey>& DemoKeys();

// Seeds the demo data when the database holds no zone policy yet; does
// nothing on a database that has one. Returns whether it seeded.
Result<bool> SeedDemoData(Domain& domain);

}  // namespace biopolis
