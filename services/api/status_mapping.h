// The one place where a domain Status becomes a grpc::Status, with the
// google.rpc details clients decode: ErrorInfo (stable reason, domain
// "biopolis.v1"), BadRequest (one FieldViolation per bad field) and
// PreconditionFailure (the current state).
#pragma once

#include <grpcpp/support/status.h>

#include "services/core/status.h"

namespace biopolis {

grpc::Status ToGrpcStatus(const Status& status);

}  // namespace biopolis
