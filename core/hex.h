// Lower-case hexadecimal text of raw bytes, and back. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace biopolis {

std::string ToHex(std::string_view bytes);
// False (and `bytes` unspecified) unless `hex` is an even number of hex digits (either case).
bool FromHex(std::string_view hex, std::string* bytes);

}  // namespace biopolis
