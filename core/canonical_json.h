// Canonical JSON for signed documents (registry extracts, open-data
// manifests, the published key list): the JSON Canonicalization Scheme
// (RFC 8785) restricted to what those documents hold, so that a document has
// exactly one serialization and a signature over those bytes can be checked
// by anyone with any JSON library:
//   - object members sorted by key (keys are ASCII here, so byte order is
//     RFC 8785's UTF-16 order), no whitespace;
//   - strings as UTF-8, escaping only `"`, `\` and control characters
//     (\b \f \n \r \t, others \u00xx);
//   - numbers only as integers of at most 2^53 in magnitude (money travels
//     as strings of kopecks): no floating point, which is where canonical
//     forms disagree.
// Parse() accepts only this form: Serialize(Parse(text)) == text, so a
// document re-indented or edited by hand no longer verifies.
//
// Thread-safety: values are plain; distinct values may be used from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace biopolis {

// Appends `s` as a JSON string in the canonical escaping (above). Also what
// the server's JSON log lines use. Bytes that are not UTF-8 pass through.
void AppendJsonString(std::string& out, std::string_view s);

class JsonValue {
 public:
  using Array = std::vector<JsonValue>;
  using Object = std::map<std::string, JsonValue>;

  JsonValue() = default;  // null
  JsonValue(std::nullptr_t) {}
  JsonValue(bool b) : value_(b) {}
  JsonValue(int v) : value_(static_cast<std::int64_t>(v)) {}
  JsonValue(std::int64_t v) : value_(v) {}
  JsonValue(const char* s) : value_(std::string(s)) {}
  JsonValue(std::string s) : value_(std::move(s)) {}
  JsonValue(Array a) : value_(std::move(a)) {}
  JsonValue(Object o) : value_(std::move(o)) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  bool is_string() const { return std::holds_alternative<std::string>(value_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(value_); }
  bool is_array() const { return std::holds_alternative<Array>(value_); }
  bool is_object() const { return std::holds_alternative<Object>(value_); }
  // The value as that type; an empty one when it is another type.
  std::string str() const { return is_string() ? std::get<std::string>(value_) : std::string(); }
  std::int64_t integer() const { return is_int() ? std::get<std::int64_t>(value_) : 0; }
  const Array& array() const;
  const Object& object() const;
  // A member of an object (null when absent or not an object).
  const JsonValue& operator[](const std::string& key) const;

  // The canonical serialization.
  std::string Serialize() const;
  // Parses canonical JSON only: nullopt for anything else, including valid
  // JSON in another form.
  static std::optional<JsonValue> Parse(std::string_view text);

 private:
  void SerializeTo(std::string& out) const;
  std::variant<std::monostate, bool, std::int64_t, std::string, Array, Object> value_;
};

}  // namespace biopolis
