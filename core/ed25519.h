// Ed25519 signature checks through libsodium: what an auditor's program needs
// to check the zone's signatures (audit checkpoints, and registry extracts),
// without any of the server's key handling (core/signing_keys.h signs).
// Thread-safe.
#pragma once

#include <string_view>

namespace biopolis {

// Initialises libsodium once; false when it cannot be (no usable RNG).
bool InitSodium();

// True when `signature_hex` (64 bytes, hex) is a valid Ed25519 signature of
// `message` by `public_key_hex` (32 bytes, hex); false for any malformed input.
bool Ed25519Verify(std::string_view message, std::string_view signature_hex, std::string_view public_key_hex);

}  // namespace biopolis
