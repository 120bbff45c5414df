// List requests: the small filter language, order_by, page sizes and
// tamper-checked keyset page tokens, shared by every List method.
//
// Filter grammar (a subset of AIP-160):
//   filter := term { "AND" term }
//   term   := field op value
//   op     := "=" | "!=" | "<" | "<=" | ">" | ">="
//   value  := "quoted string" | 'quoted string' | integer | BARE_WORD
// Only fields listed in the method's ListSpec are accepted; enum fields take
// the enum value's name, reference fields a resource name.
//
// A page token encodes the keyset position (sort value and id of the last row
// delivered) and a fingerprint of the query and the caller; it is signed with
// HMAC-SHA256 under a server secret, so a forged, edited or foreign token is
// INVALID_ARGUMENT. Paging stays stable under concurrent inserts.
//
// Thread-safety: ListQueryParser is immutable after construction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace biopolis {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

enum class FieldType { kInt, kString, kEnum, kReference };

struct FilterField {
  std::string name;
  FieldType type = FieldType::kInt;
  // kEnum: accepted names and their numbers.
  std::map<std::string, std::int64_t, std::less<>> enum_values;
  // kReference: the collection, e.g. "organizations".
  std::string collection;
};

// What one List method accepts.
struct ListSpec {
  std::vector<FilterField> filter_fields;
  // Fields order_by may name (each sortable in storage).
  std::vector<std::string> order_fields;
  std::string default_order;
  bool default_descending = false;
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

using FilterValue = std::variant<std::int64_t, std::string>;

struct Condition {
  std::string field;
  CompareOp op = CompareOp::kEq;
  FilterValue value;
};

// Keyset position: the sort value and id of the last row delivered.
struct Cursor {
  FilterValue sort_value;
  std::int64_t id = 0;
};

// A parsed, validated List request, ready for storage.
struct ListQuery {
  std::vector<Condition> conditions;
  std::string order_field;
  bool descending = false;
  int page_size = kDefaultPageSize;
  std::optional<Cursor> after;
};

// The list parameters of a request, as received.
struct ListParams {
  std::int64_t page_size = 0;
  std::string page_token;
  std::string filter;
  std::string order_by;
};

template <typename T>
struct Page {
  std::vector<T> items;
  // Set when more rows follow; storage fills it.
  std::optional<Cursor> next;
  // The token for the next page; the domain fills it from `next`.
  std::string next_page_token;
};

// Parses filter expressions only (no paging); exposed for tests.
Result<std::vector<Condition>> ParseFilter(const ListSpec& spec, std::string_view filter);

class ListQueryParser {
 public:
  // `secret` signs page tokens; at least 16 bytes.
  explicit ListQueryParser(std::string secret);

  // Validates and parses `params`. `scope` binds page tokens to one method and
  // caller (e.g. "ListApplications|apiKeys/3").
  Result<ListQuery> Parse(const ListSpec& spec, const ListParams& params, std::string_view scope) const;

  // The token for the page after `cursor` of the same query.
  std::string MakeToken(const ListParams& params, std::string_view scope, const Cursor& cursor) const;

  // Fills page.next_page_token from page.next.
  template <typename T>
  void FinishPage(Page<T>& page, const ListParams& params, std::string_view scope) const {
    if (page.next) page.next_page_token = MakeToken(params, scope, *page.next);
  }

 private:
  std::string Fingerprint(const ListParams& params, std::string_view scope) const;
  Result<Cursor> DecodeToken(std::string_view token, const std::string& fingerprint) const;

  std::string secret_;
};

}  // namespace biopolis
