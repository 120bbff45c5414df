#include "biopolis/extract_verification.h"

#include <sodium.h>

#include <cstdio>

#include "biopolis/time_parsing.h"
#include "core/canonical_json.h"
#include "core/crypto.h"
#include "core/ed25519.h"

namespace biopolis::client {
namespace {

constexpr std::string_view kPdfSignature = "%biopolis-signature ";
constexpr std::string_view kPdfExtractMarker = "BiopolisExtract:";
constexpr std::string_view kExtractType = "biopolis.registry_extract.v1";

ExtractVerification Invalid(ExtractVerification v, std::string problem) {
  v.valid = false;
  v.problem = std::move(problem);
  return v;
}

ExtractVerification VerifyDocument(std::string_view file, const PublishedKeys& keys, ExtractVerification v) {
  auto doc = JsonValue::Parse(file);
  if (!doc || !doc->is_object() || doc->object().size() != 3 || !(*doc)["content"].is_object()) {
    return Invalid(std::move(v),
                   "not an extract file: expected canonical JSON {\"content\":{...},\"key_id\":..,\"signature\":..}, "
                   "byte for byte as issued");
  }
  const JsonValue& content = (*doc)["content"];
  v.content = content.Serialize();
  v.key_id = (*doc)["key_id"].str();
  v.number = content["number"].str();
  v.subject = content["subject"].str();
  v.as_of = content["as_of"].str();
  v.issued_at = content["issued_at"].str();
  v.organization_name = content["organization"]["full_name"].str();
  v.inn = content["organization"]["inn"].str();
  v.ogrn = content["organization"]["ogrn"].str();
  v.registry_number = content["registry_entry"]["registry_number"].str();
  v.state = content["registry_entry"]["state"].str();
  if (content["type"].str() != kExtractType) return Invalid(std::move(v), "not a registry extract (type)");
  if (content["key_id"].str() != v.key_id) return Invalid(std::move(v), "the key id inside and outside differ");
  auto key = keys.find(v.key_id);
  if (key == keys.end()) return Invalid(std::move(v), "signed with " + v.key_id + ", which is not a published key");
  if (!Ed25519Verify(v.content, (*doc)["signature"].str(), key->second.public_key_hex)) {
    return Invalid(std::move(v), "the signature does not match the content: the extract was altered");
  }
  v.key_revoke_time = key->second.revoke_time;
  if (!v.key_revoke_time.empty()) {
    auto revoked = ParseRfc3339Micros(v.key_revoke_time);
    auto issued = ParseRfc3339Micros(v.issued_at);
    if (!revoked || !issued || *issued >= *revoked) {
      return Invalid(std::move(v), "signed with " + v.key_id + ", revoked at " + v.key_revoke_time +
                                       ", at or before the stated issue time");
    }
  }
  v.valid = true;
  return v;
}

ExtractVerification VerifyPdf(std::string_view file, const PublishedKeys& keys) {
  ExtractVerification v;
  v.pdf = true;
  // The signature line is the file's last line.
  if (file.empty() || file.back() != '\n') return Invalid(std::move(v), "the PDF carries no signature line at its end");
  const std::size_t line = file.rfind('\n', file.size() - 2);
  const std::size_t start = line == std::string_view::npos ? 0 : line + 1;
  const std::string_view last = file.substr(start, file.size() - 1 - start);
  if (!last.starts_with(kPdfSignature)) return Invalid(std::move(v), "the PDF carries no signature line at its end");
  const std::string_view rest = last.substr(kPdfSignature.size());
  const std::size_t space = rest.find(' ');
  if (space == std::string_view::npos) return Invalid(std::move(v), "the PDF's signature line is malformed");
  const std::string key_id(rest.substr(0, space));
  const std::string signature(rest.substr(space + 1));
  const std::string_view signed_bytes = file.substr(0, start);
  auto key = keys.find(key_id);
  if (key == keys.end()) return Invalid(std::move(v), "the PDF is signed with " + key_id + ", not a published key");
  if (!key->second.revoke_time.empty()) {
    return Invalid(std::move(v), "the PDF is signed with " + key_id + ", revoked at " + key->second.revoke_time +
                                     "; ask for the extract again");
  }
  if (!Ed25519Verify(signed_bytes, signature, key->second.public_key_hex)) {
    return Invalid(std::move(v), "the PDF's signature does not match its bytes: the file was altered");
  }
  // The extract it carries, checked on its own.
  const std::size_t marker = signed_bytes.find(kPdfExtractMarker);
  if (marker == std::string_view::npos) return Invalid(std::move(v), "the PDF carries no extract in its metadata");
  std::size_t end = marker + kPdfExtractMarker.size();
  while (end < signed_bytes.size() &&
         (std::isalnum(static_cast<unsigned char>(signed_bytes[end])) || signed_bytes[end] == '+' ||
          signed_bytes[end] == '/' || signed_bytes[end] == '=')) {
    ++end;
  }
  const std::string_view b64 =
      signed_bytes.substr(marker + kPdfExtractMarker.size(), end - marker - kPdfExtractMarker.size());
  std::string document(b64.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(document.data()), document.size(), b64.data(), b64.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Invalid(std::move(v), "the PDF's embedded extract is not base64");
  }
  document.resize(length);
  return VerifyDocument(document, keys, std::move(v));
}

}  // namespace

std::optional<PublishedKeys> ParsePublishedKeys(std::string_view keys_file) {
  auto doc = JsonValue::Parse(keys_file);
  if (!doc || (*doc)["type"].str() != "biopolis.signing_keys.v1") return std::nullopt;
  PublishedKeys out;
  for (const auto& k : (*doc)["keys"].array()) {
    if (k["key_id"].str().empty() || k["public_key"].str().size() != 64) return std::nullopt;
    out[k["key_id"].str()] = PublishedKey{k["public_key"].str(), k["revoke_time"].str()};
  }
  return out;
}

ExtractVerification VerifyExtract(std::string_view file, const PublishedKeys& keys) {
  if (!InitSodium()) return Invalid({}, "libsodium could not be initialised");
  if (file.starts_with("%PDF-")) return VerifyPdf(file, keys);
  return VerifyDocument(file, keys, ExtractVerification());
}

std::string VerifyOpenData(std::string_view signed_manifest, const std::map<std::string, std::string>& files,
                           const PublishedKeys& keys) {
  if (!InitSodium()) return "libsodium could not be initialised";
  auto doc = JsonValue::Parse(signed_manifest);
  if (!doc || !(*doc)["content"].is_object()) return "the manifest is not a signed canonical JSON document";
  const JsonValue& manifest = (*doc)["content"];
  if (manifest["type"].str() != "biopolis.open_data_manifest.v1") return "not an open-data manifest (type)";
  auto key = keys.find((*doc)["key_id"].str());
  if (key == keys.end()) return "the manifest is signed with an unpublished key";
  if (!key->second.revoke_time.empty()) return "the manifest is signed with a revoked key";
  if (!Ed25519Verify(manifest.Serialize(), (*doc)["signature"].str(), key->second.public_key_hex)) {
    return "the manifest's signature does not match: it was altered";
  }
  const auto& listed = manifest["files"].array();
  if (listed.size() != files.size()) return "the files are not the ones the manifest lists";
  for (const auto& f : listed) {
    auto it = files.find(f["name"].str());
    if (it == files.end()) return "missing " + f["name"].str();
    if (static_cast<std::int64_t>(it->second.size()) != f["size"].integer() ||
        Sha256Hex(it->second) != f["sha256"].str()) {
      return it->first + " does not match the manifest (size or SHA-256)";
    }
  }
  return "";
}

}  // namespace biopolis::client
