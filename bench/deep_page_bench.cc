// Walks List methods of a running biopolisd to their end, page by page, and
// prints what a page costs at the start, in the middle and at the end of the
// collection: a keyset page must cost the same at any depth (issue: deep
// pages). Talks to the server through the generated stubs, as any
// integrator's client would, one page at a time (no concurrency).
//
//   deep_page_bench --target 127.0.0.1:50051 --key bpk_bench_auditor_...
//                   [--page-size 500] [--lists audit,applications,plots]
//                   [--order-by "create_time desc"]
//
// Prints one line per list: pages, the median of the first 20 pages, page
// 1,000 (when there is one), the median of the last 20 pages, and their ratio.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "biopolis/v1/application.grpc.pb.h"
#include "biopolis/v1/audit.grpc.pb.h"
#include "biopolis/v1/land.grpc.pb.h"

namespace {

namespace v1 = biopolis::v1;

struct PageResult {
  bool ok = false;
  std::string next_token;
  int items = 0;
  std::string error;
};

using FetchPage = std::function<PageResult(const std::string& token)>;

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Walks one list to its end; false on an error.
bool Walk(const std::string& label, const FetchPage& fetch) {
  std::vector<double> ms;
  std::string token;
  long long items = 0;
  const auto started = std::chrono::steady_clock::now();
  while (true) {
    const auto t0 = std::chrono::steady_clock::now();
    PageResult page = fetch(token);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!page.ok) {
      std::fprintf(stderr, "%s: page %zu failed: %s\n", label.c_str(), ms.size(), page.error.c_str());
      return false;
    }
    items += page.items;
    if (page.next_token.empty()) break;
    token = page.next_token;
  }
  const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::size_t n = ms.size();
  const std::size_t edge = std::min<std::size_t>(20, n);
  const double first = Median(std::vector<double>(ms.begin(), ms.begin() + static_cast<long>(edge)));
  const double last = Median(std::vector<double>(ms.end() - static_cast<long>(edge), ms.end()));
  char middle[32] = "-";
  if (n >= 1000) std::snprintf(middle, sizeof(middle), "%.2fms", ms[999]);
  std::printf(
      "%-28s items=%lld pages=%zu page1=%.2fms first20_median=%.2fms page1000=%s last20_median=%.2fms "
      "last/first=%.2fx total=%.1fs\n",
      label.c_str(), items, n, ms[0], first, middle, last, first > 0 ? last / first : 0.0, total_s);
  std::fflush(stdout);
  return true;
}

template <typename Request>
void Prepare(Request& req, const std::string& token, int page_size, const std::string& order_by) {
  req.set_page_size(page_size);
  req.set_page_token(token);
  if constexpr (requires { req.set_order_by(order_by); }) {
    if (!order_by.empty()) req.set_order_by(order_by);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string target = "127.0.0.1:50051";
  std::string key;
  int page_size = 500;
  std::string lists = "audit,applications,plots";
  std::string order_by;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--target") {
      target = value;
    } else if (flag == "--key") {
      key = value;
    } else if (flag == "--page-size") {
      page_size = std::atoi(value.c_str());
    } else if (flag == "--lists") {
      lists = value;
    } else if (flag == "--order-by") {
      order_by = value;
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  auto channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  auto audit = v1::AuditService::NewStub(channel);
  auto applications = v1::ApplicationService::NewStub(channel);
  auto land = v1::LandService::NewStub(channel);
  auto call = [&](auto& stub, auto method, auto& req, auto& resp) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + key);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return ((*stub).*method)(&ctx, req, &resp);
  };
  bool ok = true;
  std::stringstream names(lists);
  std::string name;
  while (std::getline(names, name, ',')) {
    FetchPage fetch;
    if (name == "audit") {
      fetch = [&](const std::string& token) {
        v1::ListAuditRecordsRequest req;
        v1::ListAuditRecordsResponse resp;
        Prepare(req, token, page_size, "");
        grpc::Status st = call(audit, &v1::AuditService::Stub::ListAuditRecords, req, resp);
        return PageResult{st.ok(), resp.next_page_token(), resp.audit_records_size(), st.error_message()};
      };
    } else if (name == "applications") {
      fetch = [&](const std::string& token) {
        v1::ListApplicationsRequest req;
        v1::ListApplicationsResponse resp;
        Prepare(req, token, page_size, order_by);
        grpc::Status st = call(applications, &v1::ApplicationService::Stub::ListApplications, req, resp);
        return PageResult{st.ok(), resp.next_page_token(), resp.applications_size(), st.error_message()};
      };
    } else if (name == "plots") {
      fetch = [&](const std::string& token) {
        v1::ListPlotsRequest req;
        v1::ListPlotsResponse resp;
        Prepare(req, token, page_size, order_by);
        grpc::Status st = call(land, &v1::LandService::Stub::ListPlots, req, resp);
        return PageResult{st.ok(), resp.next_page_token(), resp.plots_size(), st.error_message()};
      };
    } else {
      std::fprintf(stderr, "unknown list %s (audit, applications, plots)\n", name.c_str());
      return 2;
    }
    std::string label = "List" + std::string(name == "audit"   ? "AuditRecords"
                                             : name == "plots" ? "Plots"
                                                               : "Applications");
    if (!order_by.empty() && name != "audit") label += " (" + order_by + ")";
    ok = Walk(label, fetch) && ok;
  }
  return ok ? 0 : 1;
}
