// The printable registry extract: a PDF a person can read and print, stating
// the same facts as the signed content, in Russian (DejaVu fonts through
// cairo), with a QR code of the extract number, key id and signature
// (libqrencode). It carries the extract file (base64) in its metadata
// (the Keywords entry: `BiopolisExtract:<base64>`), and is signed as a whole: its last line is a PDF
// comment `%biopolis-signature <key_id> <hex>` whose Ed25519 signature covers
// every byte before that line, so a one-byte change anywhere in the file
// fails verification (clients/cpp/include/biopolis/extract_verification.h).
// Thread-safe (cairo surfaces are per call).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/canonical_json.h"

namespace biopolis {

inline constexpr char kPdfSignaturePrefix[] = "%biopolis-signature ";
inline constexpr char kPdfExtractMarker[] = "BiopolisExtract:";

// `content` is the extract's parsed content, `document` the extract file;
// `sign` signs bytes with the key `key_id` (hex signature).
std::string RenderExtractPdf(const JsonValue& content, const std::string& document, const std::string& key_id,
                             const std::function<std::string(std::string_view)>& sign);

}  // namespace biopolis
