#include "core/list_query.h"

#include <cctype>
#include <charconv>

#include "core/bounded_text.h"
#include "core/crypto.h"

namespace biopolis {
namespace {

Status FilterError(const std::string& description) {
  return Status::InvalidField("filter", description, "INVALID_FILTER");
}

struct Token {
  enum Kind { kWord, kString, kNumber, kOp, kEnd } kind = kEnd;
  std::string text;
  std::size_t pos = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Result<Token> Next() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    Token t;
    t.pos = i_;
    if (i_ >= s_.size()) return t;
    char c = s_[i_];
    if (c == '"' || c == '\'') {
      std::string out;
      ++i_;
      while (i_ < s_.size() && s_[i_] != c) {
        if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
        out.push_back(s_[i_++]);
      }
      if (i_ >= s_.size()) return FilterError("unterminated string at position " + std::to_string(t.pos));
      ++i_;
      t.kind = Token::kString;
      t.text = std::move(out);
      return t;
    }
    if (c == '=' || c == '!' || c == '<' || c == '>') {
      std::string op(1, c);
      ++i_;
      if (i_ < s_.size() && s_[i_] == '=') op.push_back(s_[i_++]);
      if (op == "!") return FilterError("expected != at position " + std::to_string(t.pos));
      t.kind = Token::kOp;
      t.text = op;
      return t;
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t start = i_++;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      t.kind = Token::kNumber;
      t.text = std::string(s_.substr(start, i_ - start));
      return t;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t start = i_;
      while (i_ < s_.size() &&
             (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '.' || s_[i_] == '/')) {
        ++i_;
      }
      t.kind = Token::kWord;
      t.text = std::string(s_.substr(start, i_ - start));
      return t;
    }
    return FilterError("unexpected character '" + QuoteInput(std::string_view(&c, 1)) + "' at position " +
                       std::to_string(i_));
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

std::optional<CompareOp> OpOf(const std::string& s) {
  if (s == "=") return CompareOp::kEq;
  if (s == "!=") return CompareOp::kNe;
  if (s == "<") return CompareOp::kLt;
  if (s == "<=") return CompareOp::kLe;
  if (s == ">") return CompareOp::kGt;
  if (s == ">=") return CompareOp::kGe;
  return std::nullopt;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Result<FilterValue> ConvertValue(const FilterField& field, const Token& t) {
  switch (field.type) {
    case FieldType::kInt: {
      auto v = t.kind == Token::kNumber ? ParseInt(t.text) : std::nullopt;
      if (!v) return FilterError("field `" + field.name + "` takes an integer, got `" + QuoteInput(t.text) + "`");
      return FilterValue(*v);
    }
    case FieldType::kString:
      if (t.kind == Token::kOp || t.kind == Token::kEnd) {
        return FilterError("field `" + field.name + "` takes a quoted string");
      }
      return FilterValue(t.text);
    case FieldType::kEnum: {
      auto it = field.enum_values.find(t.text);
      if (t.kind == Token::kNumber || t.kind == Token::kOp || it == field.enum_values.end()) {
        std::string names;
        for (const auto& [name, _] : field.enum_values) names += (names.empty() ? "" : ", ") + name;
        return FilterError("field `" + field.name + "` takes one of: " + names + "; got `" + QuoteInput(t.text) + "`");
      }
      return FilterValue(it->second);
    }
    case FieldType::kReference: {
      std::string prefix = field.collection + "/";
      auto id = t.text.rfind(prefix, 0) == 0 ? ParseInt(t.text.substr(prefix.size())) : std::nullopt;
      if (!id || *id <= 0) {
        return FilterError("field `" + field.name + "` takes a name like \"" + field.collection + "/1\"");
      }
      return FilterValue(*id);
    }
  }
  return FilterError("unsupported field type");
}

}  // namespace

Result<std::vector<Condition>> ParseFilter(const ListSpec& spec, std::string_view filter) {
  std::vector<Condition> out;
  Lexer lex(filter);
  BIOPOLIS_ASSIGN_OR_RETURN(auto first, lex.Next());
  Token t = first;
  if (t.kind == Token::kEnd) return out;
  while (true) {
    if (t.kind != Token::kWord) {
      return FilterError("expected a field name at position " + std::to_string(t.pos));
    }
    const FilterField* field = nullptr;
    for (const auto& f : spec.filter_fields) {
      if (f.name == t.text) field = &f;
    }
    if (field == nullptr) {
      std::string names;
      for (const auto& f : spec.filter_fields) names += (names.empty() ? "" : ", ") + f.name;
      return FilterError("unknown field `" + QuoteInput(t.text) + "`; filterable fields: " + names);
    }
    BIOPOLIS_ASSIGN_OR_RETURN(auto op_tok, lex.Next());
    auto op = op_tok.kind == Token::kOp ? OpOf(op_tok.text) : std::nullopt;
    if (!op) return FilterError("expected a comparison after `" + field->name + "`");
    if ((field->type == FieldType::kEnum || field->type == FieldType::kReference) && *op != CompareOp::kEq &&
        *op != CompareOp::kNe) {
      return FilterError("field `" + field->name + "` supports only = and !=");
    }
    BIOPOLIS_ASSIGN_OR_RETURN(auto value_tok, lex.Next());
    BIOPOLIS_ASSIGN_OR_RETURN(auto value, ConvertValue(*field, value_tok));
    out.push_back(Condition{field->name, *op, value});
    if (out.size() > 16) return FilterError("too many conditions (at most 16)");
    BIOPOLIS_ASSIGN_OR_RETURN(auto next, lex.Next());
    if (next.kind == Token::kEnd) break;
    if (next.kind != Token::kWord || next.text != "AND") {
      return FilterError("expected AND at position " + std::to_string(next.pos) + " (only AND is supported)");
    }
    BIOPOLIS_ASSIGN_OR_RETURN(auto after, lex.Next());
    t = after;
  }
  return out;
}

ListQueryParser::ListQueryParser(std::string secret) : secret_(std::move(secret)) {}

std::string ListQueryParser::Fingerprint(const ListParams& params, std::string_view scope) const {
  std::string material = std::string(scope);
  material += '\x1f';
  material += params.filter;
  material += '\x1f';
  material += params.order_by;
  return Sha256Hex(material).substr(0, 16);
}

Result<ListQuery> ListQueryParser::Parse(const ListSpec& spec, const ListParams& params, std::string_view scope) const {
  FieldErrors errors;
  ListQuery q;
  if (params.page_size < 0) {
    errors.Add("page_size", "must not be negative", "INVALID_PAGE_SIZE");
  } else if (params.page_size == 0) {
    q.page_size = kDefaultPageSize;
  } else {
    q.page_size = static_cast<int>(std::min<std::int64_t>(params.page_size, kMaxPageSize));
  }
  auto conditions = ParseFilter(spec, params.filter);
  if (conditions.ok()) {
    q.conditions = std::move(*conditions);
  } else {
    errors.Append(conditions.status().field_violations());
  }
  // order_by: "field" or "field desc" / "field asc".
  q.order_field = spec.default_order;
  q.descending = spec.default_descending;
  if (!params.order_by.empty()) {
    std::string_view ob = params.order_by;
    while (!ob.empty() && ob.front() == ' ') ob.remove_prefix(1);
    while (!ob.empty() && ob.back() == ' ') ob.remove_suffix(1);
    std::string_view field = ob.substr(0, ob.find(' '));
    std::string_view dir = field.size() < ob.size() ? ob.substr(field.size()) : std::string_view();
    while (!dir.empty() && dir.front() == ' ') dir.remove_prefix(1);
    bool known = false;
    for (const auto& f : spec.order_fields) known = known || f == field;
    if (!known || (dir != "" && dir != "asc" && dir != "desc")) {
      std::string names;
      for (const auto& f : spec.order_fields) names += (names.empty() ? "" : ", ") + f;
      errors.Add("order_by", "expected one of " + names + ", optionally followed by asc or desc", "INVALID_ORDER_BY");
    } else {
      q.order_field = std::string(field);
      q.descending = dir == "desc";
    }
  }
  if (!params.page_token.empty()) {
    auto cursor = DecodeToken(params.page_token, Fingerprint(params, scope));
    if (cursor.ok()) {
      q.after = *cursor;
    } else {
      errors.Append(cursor.status().field_violations());
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  return q;
}

std::string ListQueryParser::MakeToken(const ListParams& params, std::string_view scope, const Cursor& cursor) const {
  std::string payload = "1|" + Fingerprint(params, scope) + "|" + std::to_string(cursor.id) + "|";
  if (const auto* i = std::get_if<std::int64_t>(&cursor.sort_value)) {
    payload += "i" + std::to_string(*i);
  } else {
    payload += "s" + std::get<std::string>(cursor.sort_value);
  }
  std::string mac = HmacSha256(secret_, payload).substr(0, 16);
  return Base64UrlEncode(mac + payload);
}

Result<Cursor> ListQueryParser::DecodeToken(std::string_view token, const std::string& fingerprint) const {
  auto bad = [](const std::string& why) { return Status::InvalidField("page_token", why, "INVALID_PAGE_TOKEN"); };
  auto raw = Base64UrlDecode(token);
  if (!raw || raw->size() < 17) return bad("is not a token this server issued");
  std::string mac = raw->substr(0, 16);
  std::string payload = raw->substr(16);
  if (!ConstantTimeEquals(mac, HmacSha256(secret_, payload).substr(0, 16))) {
    return bad("is not a token this server issued");
  }
  // 1|fingerprint|id|value
  std::size_t a = payload.find('|');
  std::size_t b = payload.find('|', a + 1);
  std::size_t c = payload.find('|', b + 1);
  if (a == std::string::npos || b == std::string::npos || c == std::string::npos || payload.substr(0, a) != "1" ||
      c + 1 >= payload.size()) {
    return bad("is malformed");
  }
  if (payload.substr(a + 1, b - a - 1) != fingerprint) {
    return bad("belongs to another query or caller; send the same filter and order_by");
  }
  Cursor cursor;
  auto id = ParseInt(std::string_view(payload).substr(b + 1, c - b - 1));
  if (!id) return bad("is malformed");
  cursor.id = *id;
  std::string value = payload.substr(c + 1);
  if (value[0] == 'i') {
    auto v = ParseInt(std::string_view(value).substr(1));
    if (!v) return bad("is malformed");
    cursor.sort_value = *v;
  } else {
    cursor.sort_value = value.substr(1);
  }
  return cursor;
}

}  // namespace biopolis
