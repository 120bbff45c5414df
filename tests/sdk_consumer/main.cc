// Uses the installed SDK: lists the zone's available plots.
#include <biopolis/client.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  biopolis::client::ClientOptions options;
  options.target = argc > 1 ? argv[1] : "127.0.0.1:50051";
  options.api_key = argc > 2 ? argv[2] : "";
  biopolis::client::Client client(options);
  int n = 0;
  auto plots = client.land().ListPlots(biopolis::client::ListOptions().Filter("state = \"STATE_AVAILABLE\""));
  for (const auto& plot : plots) {
    std::cout << plot.name() << " " << plot.area_m2() << "\n";
    ++n;
  }
  if (plots.error()) {
    std::cerr << plots.error()->ToString() << "\n";
    return 1;
  }
  std::cout << n << " available plots\n";
  return 0;
}
