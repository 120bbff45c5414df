// Small conversions between record fields and SQL column values, shared by
// the repositories.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "model/document.h"
#include "storage/sql/sql_statement.h"

namespace biopolis {

// Dates are stored as "YYYY-MM-DD" ("" for none), which sorts correctly.
inline std::string DateText(const Date& d) { return d.ToString(); }
inline Date DateFrom(const SqlColumn& c) {
  auto d = Date::Parse(c.getString());
  return d ? *d : Date{};
}

// String lists are stored comma-separated (their items never hold commas).
std::string JoinList(const std::vector<std::string>& items);
std::vector<std::string> SplitList(const std::string& text);

// Document kinds are stored as their numbers, comma-separated.
std::string KindsText(const std::vector<DocumentKind>& kinds);
std::vector<DocumentKind> KindsFrom(const std::string& text);

}  // namespace biopolis
