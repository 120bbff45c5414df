// A back-office system in C++ without our SDK: a client generated from
// proto/ with Debian's protoc and grpc_cpp_plugin (the recipe in docs/API.md),
// calling a real biopolisd and decoding google.rpc.Status details by hand.
//
// Usage: cpp_client ADDRESS OFFICER_KEY   (prints one line per check)
#include <grpcpp/grpcpp.h>

#include <iostream>
#include <string>
#include <vector>

#include "biopolis/v1/organization.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace {

int passed = 0;
int failed = 0;

void Check(const std::string& name, bool ok, const std::string& detail = "") {
  (ok ? passed : failed)++;
  std::cout << (ok ? "ok: " : "FAIL: ") << name << (ok ? "" : " " + detail) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: cpp_client ADDRESS OFFICER_KEY\n";
    return 2;
  }
  auto channel = grpc::CreateChannel(argv[1], grpc::InsecureChannelCredentials());
  auto stub = biopolis::v1::OrganizationService::NewStub(channel);
  const std::string bearer = std::string("Bearer ") + argv[2];

  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", bearer);
    biopolis::v1::GetOrganizationRequest req;
    req.set_name("organizations/1");
    biopolis::v1::Organization org;
    grpc::Status status = stub->GetOrganization(&ctx, req, &org);
    Check("read an organization", status.ok() && org.name() == "organizations/1", status.error_message());
  }
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", bearer);
    biopolis::v1::CreateOrganizationRequest req;
    req.mutable_organization()->set_inn("4345215091");  // bad checksum
    req.mutable_organization()->set_ogrn("123");        // too short
    req.mutable_organization()->set_kpp("434501001");
    req.mutable_organization()->set_full_name("Bad");
    req.mutable_organization()->set_legal_address("Киров");
    biopolis::v1::Organization out;
    grpc::Status status = stub->CreateOrganization(&ctx, req, &out);
    Check("a bad organization is INVALID_ARGUMENT", status.error_code() == grpc::StatusCode::INVALID_ARGUMENT,
          std::to_string(status.error_code()));
    // The details travel as a serialized google.rpc.Status (grpc-status-details-bin).
    google::rpc::Status rich;
    Check("the details parse as google.rpc.Status", rich.ParseFromString(status.error_details()));
    std::string reason;
    std::vector<std::string> fields;
    for (const auto& any : rich.details()) {
      google::rpc::ErrorInfo info;
      google::rpc::BadRequest bad;
      if (any.UnpackTo(&info)) reason = info.reason();
      if (any.UnpackTo(&bad)) {
        for (const auto& v : bad.field_violations()) fields.push_back(v.field());
      }
    }
    Check("ErrorInfo.reason is decoded", reason == "INVALID_INN_CHECKSUM", reason);
    Check("one violation per bad field", fields == std::vector<std::string>{"organization.inn", "organization.ogrn"},
          fields.empty() ? "none" : fields.front());
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
