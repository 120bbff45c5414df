// What a file is, from its first bytes (libmagic, the database of file(1)),
// never from its name.
// Thread-safe: each thread has its own libmagic handle.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace biopolis {

struct SniffedType {
  // E.g. "application/pdf"; "application/octet-stream" when unknown.
  std::string mime;
  // E.g. "DER Encoded PKCS#7 Signed Data".
  std::string description;
};

// How many leading bytes SniffContent looks at (enough for the ZIP entries
// that tell DOCX and ODT apart from any ZIP).
constexpr std::size_t kSniffBytes = 256 * 1024;

SniffedType SniffContent(std::string_view head);

}  // namespace biopolis
