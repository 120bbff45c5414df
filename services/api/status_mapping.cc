#include "services/api/status_mapping.h"

#include <grpcpp/support/error_details.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace biopolis {

grpc::Status ToGrpcStatus(const Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(status.code()));
  rich.set_message(status.message());
  if (!status.reason().empty()) {
    google::rpc::ErrorInfo info;
    info.set_reason(status.reason());
    info.set_domain("biopolis.v1");
    rich.add_details()->PackFrom(info);
  }
  if (!status.field_violations().empty()) {
    google::rpc::BadRequest bad;
    for (const auto& v : status.field_violations()) {
      auto* fv = bad.add_field_violations();
      fv->set_field(v.field);
      fv->set_description(v.description + (v.reason.empty() ? "" : " [" + v.reason + "]"));
    }
    rich.add_details()->PackFrom(bad);
  }
  if (status.precondition()) {
    google::rpc::PreconditionFailure failure;
    auto* v = failure.add_violations();
    v->set_type(status.precondition()->type);
    v->set_subject(status.precondition()->subject);
    v->set_description(status.precondition()->description);
    rich.add_details()->PackFrom(failure);
  }
  grpc::Status out;
  grpc::SetErrorDetails(rich, &out);
  return out;
}

}  // namespace biopolis
