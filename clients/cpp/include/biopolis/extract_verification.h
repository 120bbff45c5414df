// Checking a registry extract offline, with nothing but the file and the
// zone's published keys: for banks', courts' and customs' own programs (and
// `biopolisctl extracts verify`). No network, no API key.
//
// Two forms are accepted (docs/API.md, "Registry extracts"):
//   - the extract file: canonical JSON {"content":{...},"key_id":"k2",
//     "signature":"<hex>"}, the signature an Ed25519 signature of the
//     content's canonical bytes;
//   - the printable PDF: its last line `%biopolis-signature <key_id> <hex>`
//     signs every byte before it, and its metadata carries the extract file.
// A one-byte change anywhere fails. A key revoked before the extract was
// issued (or, for a PDF, at all) fails too.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace biopolis::client {

// The zone's published keys (PublicRegistry::SigningKeys().keys_file, or the
// keys file shipped with the zone): key id -> public key and revocation.
struct PublishedKey {
  std::string public_key_hex;
  std::string revoke_time;  // RFC 3339; empty when not revoked
};
using PublishedKeys = std::map<std::string, PublishedKey>;

// Parses a keys file; nullopt when it is not one.
std::optional<PublishedKeys> ParsePublishedKeys(std::string_view keys_file);

struct ExtractVerification {
  bool valid = false;
  // When not valid: what is wrong, for people.
  std::string problem;
  bool pdf = false;  // the file was the printable PDF
  // What the extract states (set when its content could be read).
  std::string number;
  std::string subject;
  std::string as_of;
  std::string issued_at;
  std::string key_id;
  std::string key_revoke_time;  // the signing key's revocation, if any
  std::string organization_name;
  std::string inn;
  std::string ogrn;
  std::string registry_number;  // empty when no registry entry then
  std::string state;
  // The signed content, canonical JSON, for programs to read every fact.
  std::string content;
};

// Never throws; any malformed input is an invalid result with a problem.
ExtractVerification VerifyExtract(std::string_view file, const PublishedKeys& keys);

// Checks an open-data export (PublicRegistry::Export, or the files of
// `biopolisctl export public-registry`): the manifest's signature by a
// published, unrevoked key, and that `files` (name -> bytes) are exactly the
// files it lists, by size and SHA-256. "" when it holds; else the problem.
std::string VerifyOpenData(std::string_view signed_manifest, const std::map<std::string, std::string>& files,
                           const PublishedKeys& keys);

}  // namespace biopolis::client
