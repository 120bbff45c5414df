// The one place where a domain Status becomes a grpc::Status, with the
// google.rpc details clients decode: ErrorInfo (stable reason, domain
// "biopolis.v1"), BadRequest (one FieldViolation per bad field) and
// PreconditionFailure (the current state); for RESOURCE_EXHAUSTED with reason
// RATE_LIMITED, SERVER_BUSY or AUTHENTICATION_RATE_LIMITED, RetryInfo (when to
// retry) and QuotaFailure (which limit).
//
// Every error is bounded on the wire, whatever the request that caused it:
// the message is cut to kMaxErrorMessageBytes, at most kMaxFieldViolations
// violations are sent (then one summarising violation names how many more
// there were), each text is escaped (no control characters) and cut, and the
// serialized details stay under kMaxErrorDetailsBytes. With grpc-message
// percent-encoded (at most 3x) and the details base64-encoded (4/3x), an
// error's trailers stay under 4 KiB, half of gRPC's default limit.
#pragma once

#include <grpcpp/support/status.h>

#include <cstddef>

#include "core/status.h"

namespace biopolis {

constexpr std::size_t kMaxErrorMessageBytes = 256;
constexpr std::size_t kMaxFieldViolations = 20;
constexpr std::size_t kMaxErrorDetailsBytes = 1900;

grpc::Status ToGrpcStatus(const Status& status);

}  // namespace biopolis
