// Uses the installed SDK: lists the zone's available plots, or with a third
// argument "verify-audit", checks the audit log (biopolis/audit_verification.h,
// which also needs the installed audit-format library and its dependencies).
#include <biopolis/audit_verification.h>
#include <biopolis/client.h>
#include <biopolis/land.h>

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  biopolis::client::ClientOptions options;
  options.target = argc > 1 ? argv[1] : "127.0.0.1:50051";
  options.api_key = argc > 2 ? argv[2] : "";
  biopolis::client::Client client(options);
  if (argc > 3 && std::string(argv[3]) == "verify-audit") {
    auto verified = biopolis::client::VerifyAuditLog(client.audit());
    if (!verified) {
      std::cerr << verified.error().ToString() << "\n";
      return 1;
    }
    std::cout << (verified->intact ? "intact " : "BROKEN ") << verified->records_checked << " records\n";
    return verified->intact ? 0 : 1;
  }
  int n = 0;
  auto plots = client.land().ListPlots(biopolis::client::ListOptions().Filter("state = \"STATE_AVAILABLE\""));
  for (const auto& plot : plots) {
    if (!plot) {
      std::cerr << plot.error().ToString() << "\n";
      return 1;
    }
    std::cout << plot->name() << " " << plot->area_m2() << "\n";
    ++n;
  }
  std::cout << n << " available plots\n";
  return 0;
}
