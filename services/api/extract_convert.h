// Records <-> protos for registry extracts, signing keys and the public registry.
#pragma once

#include "biopolis/v1/admin.pb.h"
#include "biopolis/v1/extracts.pb.h"
#include "biopolis/v1/public_registry.pb.h"
#include "core/signing_keys.h"
#include "model/registry_extract.h"
#include "services/residents/public_registry.h"

namespace biopolis {

void ToProto(const RegistryExtractRecord& r, v1::RegistryExtract* out);
// `active`: whether this key signs now.
void ToProto(const PublicKey& k, bool active, v1::SigningKey* out);
// Only the public facts exist in a PublicEntry; all of them are copied.
void ToProto(const PublicEntry& e, v1::PublicResident* out);

}  // namespace biopolis
