// Conversions between document records and their proto messages. Pure functions.
#pragma once

#include <google/protobuf/repeated_field.h>

#include <vector>

#include "biopolis/v1/documents.pb.h"
#include "model/document.h"
#include "services/api/proto_convert.h"

namespace biopolis {

void ToProto(const DocumentRecord& r, v1::Document* out);
void ToProto(const DocumentVersionRecord& v, const DocumentParent& parent, v1::DocumentVersion* out);

// Required-kind lists of policies and measures. A number outside the enum is
// kept as is, for the rules to refuse by name.
std::vector<DocumentKind> KindsFromProto(const google::protobuf::RepeatedField<int>& kinds);
void KindsToProto(const std::vector<DocumentKind>& kinds, google::protobuf::RepeatedField<int>* out);

}  // namespace biopolis
