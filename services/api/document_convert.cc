#include "services/api/document_convert.h"

#include "core/resource_name.h"

namespace biopolis {

static_assert(static_cast<int>(DocumentKind::kOther) == v1::Document::KIND_OTHER);
static_assert(kDocumentKindCount == v1::Document::Kind_ARRAYSIZE);

void ToProto(const DocumentRecord& r, v1::Document* out) {
  out->set_name(DocumentName(r.parent, r.id));
  out->set_parent(DocumentParentName(r.parent));
  out->set_kind(static_cast<v1::Document::Kind>(r.kind));
  out->set_file_name(r.current.file_name);
  out->set_version(r.current.version);
  out->set_sha256(r.current.sha256);
  out->set_size_bytes(r.current.size_bytes);
  out->set_content_type(r.current.content_type);
  out->set_organization(FormatName("organizations", r.organization_id));
  out->set_uploaded_by(r.current.uploaded_by);
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.current.create_time, out->mutable_update_time());
}

void ToProto(const DocumentVersionRecord& v, const DocumentParent& parent, v1::DocumentVersion* out) {
  out->set_name(DocumentName(parent, v.document_id) + "/versions/" + std::to_string(v.version));
  out->set_version(v.version);
  out->set_file_name(v.file_name);
  out->set_sha256(v.sha256);
  out->set_size_bytes(v.size_bytes);
  out->set_content_type(v.content_type);
  out->set_uploaded_by(v.uploaded_by);
  SetTimestamp(v.create_time, out->mutable_create_time());
}

std::vector<DocumentKind> KindsFromProto(const google::protobuf::RepeatedField<int>& kinds) {
  std::vector<DocumentKind> out;
  for (int k : kinds) out.push_back(static_cast<DocumentKind>(k));
  return out;
}

void KindsToProto(const std::vector<DocumentKind>& kinds, google::protobuf::RepeatedField<int>* out) {
  for (auto k : kinds) out->Add(static_cast<int>(k));
}

}  // namespace biopolis
