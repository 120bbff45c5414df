#include "core/canonical_json.h"

#include <cstdio>

#include "core/bounded_text.h"

namespace biopolis {
namespace {

constexpr std::int64_t kMaxSafeInteger = (std::int64_t{1} << 53);

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

namespace {

// A recursive-descent parser of the general grammar; canonical form is then
// checked by serializing what was parsed and comparing.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  bool ParseDocument(JsonValue& out) {
    if (!ParseValue(out, 0)) return false;
    return pos_ == text_.size();
  }

 private:
  static constexpr int kMaxDepth = 32;

  bool ParseValue(JsonValue& out, int depth) {
    if (depth > kMaxDepth || pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    if (c == '{') return ParseObject(out, depth);
    if (c == '[') return ParseArray(out, depth);
    if (c == '"') {
      std::string s;
      if (!ParseString(s)) return false;
      out = JsonValue(std::move(s));
      return true;
    }
    if (Literal("null")) {
      out = JsonValue();
      return true;
    }
    if (Literal("true")) {
      out = JsonValue(true);
      return true;
    }
    if (Literal("false")) {
      out = JsonValue(false);
      return true;
    }
    return ParseInteger(out);
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool ParseInteger(JsonValue& out) {
    const std::size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    const std::size_t digits = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9' && pos_ - digits < 17) ++pos_;
    if (pos_ == digits) return false;
    std::int64_t v = 0;
    for (std::size_t i = digits; i < pos_; ++i) v = v * 10 + (text_[i] - '0');
    if (v > kMaxSafeInteger) return false;
    out = JsonValue(text_[start] == '-' ? -v : v);
    return true;
  }

  bool ParseString(std::string& out) {
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_++]);
      if (c == '"') return IsValidUtf8(out);
      if (c < 0x20) return false;
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      if (pos_ >= text_.size()) return false;
      const char e = text_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          // Only control characters are written as \u00xx in canonical form.
          if (pos_ + 4 > text_.size() || text_.substr(pos_, 2) != "00") return false;
          unsigned v = 0;
          if (std::sscanf(std::string(text_.substr(pos_ + 2, 2)).c_str(), "%2x", &v) != 1) return false;
          out += static_cast<char>(v);
          pos_ += 4;
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  bool ParseArray(JsonValue& out, int depth) {
    ++pos_;
    JsonValue::Array items;
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      out = JsonValue(std::move(items));
      return true;
    }
    while (true) {
      JsonValue item;
      if (!ParseValue(item, depth + 1)) return false;
      items.push_back(std::move(item));
      if (pos_ >= text_.size()) return false;
      const char c = text_[pos_++];
      if (c == ']') break;
      if (c != ',') return false;
    }
    out = JsonValue(std::move(items));
    return true;
  }

  bool ParseObject(JsonValue& out, int depth) {
    ++pos_;
    JsonValue::Object members;
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      out = JsonValue(std::move(members));
      return true;
    }
    while (true) {
      std::string key;
      if (pos_ >= text_.size() || text_[pos_] != '"' || !ParseString(key)) return false;
      if (pos_ >= text_.size() || text_[pos_++] != ':') return false;
      JsonValue value;
      if (!ParseValue(value, depth + 1)) return false;
      if (!members.emplace(std::move(key), std::move(value)).second) return false;  // a duplicate key
      if (pos_ >= text_.size()) return false;
      const char c = text_[pos_++];
      if (c == '}') break;
      if (c != ',') return false;
    }
    out = JsonValue(std::move(members));
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

const JsonValue::Array& JsonValue::array() const {
  static const Array kEmpty;
  return is_array() ? std::get<Array>(value_) : kEmpty;
}

const JsonValue::Object& JsonValue::object() const {
  static const Object kEmpty;
  return is_object() ? std::get<Object>(value_) : kEmpty;
}

const JsonValue& JsonValue::operator[](const std::string& key) const {
  static const JsonValue kNull;
  const auto& members = object();
  auto it = members.find(key);
  return it == members.end() ? kNull : it->second;
}

std::string JsonValue::Serialize() const {
  std::string out;
  SerializeTo(out);
  return out;
}

void JsonValue::SerializeTo(std::string& out) const {
  if (is_null()) {
    out += "null";
  } else if (const auto* b = std::get_if<bool>(&value_)) {
    out += *b ? "true" : "false";
  } else if (const auto* i = std::get_if<std::int64_t>(&value_)) {
    out += std::to_string(*i);
  } else if (const auto* s = std::get_if<std::string>(&value_)) {
    AppendJsonString(out, *s);
  } else if (const auto* a = std::get_if<Array>(&value_)) {
    out += '[';
    for (std::size_t k = 0; k < a->size(); ++k) {
      if (k) out += ',';
      (*a)[k].SerializeTo(out);
    }
    out += ']';
  } else {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : std::get<Object>(value_)) {
      if (!first) out += ',';
      first = false;
      AppendJsonString(out, key);
      out += ':';
      value.SerializeTo(out);
    }
    out += '}';
  }
}

std::optional<JsonValue> JsonValue::Parse(std::string_view text) {
  JsonValue out;
  Parser parser(text);
  if (!parser.ParseDocument(out) || out.Serialize() != text) return std::nullopt;
  return out;
}

}  // namespace biopolis
