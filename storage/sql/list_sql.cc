#include "storage/sql/list_sql.h"

#include "storage/repositories.h"

namespace biopolis {
namespace {

const char* OpSql(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return " = ?";
    case CompareOp::kNe:
      return " <> ?";
    case CompareOp::kLt:
      return " < ?";
    case CompareOp::kLe:
      return " <= ?";
    case CompareOp::kGt:
      return " > ?";
    case CompareOp::kGe:
      return " >= ?";
  }
  return " = ?";
}

const std::string& ColumnOf(const ListTable& table, const std::string& field) {
  auto it = table.columns.find(field);
  if (it == table.columns.end()) {
    throw StorageError(StatusCode::kInternal, "storage does not map list field " + field, "INTERNAL");
  }
  return it->second;
}

}  // namespace

ListStatement BuildListStatement(const ListTable& table, const ListQuery& query, SqlDialect dialect) {
  ListStatement out;
  const std::string& sort = ColumnOf(table, query.order_field);
  std::string where;
  auto add = [&where](const std::string& cond) {
    where += where.empty() ? " WHERE " : " AND ";
    where += cond;
  };
  if (!table.base_condition.empty()) add(table.base_condition);
  out.binds = table.base_binds;
  for (const auto& c : query.conditions) {
    // A range on another field than the sort field is checked row by row
    // (the unary + keeps SQLite from seeking an index on it): otherwise SQLite
    // guesses a range keeps a quarter of the rows, seeks the range's index
    // and sorts every match to return one page, which on 100,000 plots cost
    // 2.5x the page read in order from the equality-and-sort index.
    // PostgreSQL plans with statistics instead (and has no unary + on text).
    bool range = dialect == SqlDialect::kSqlite && c.op != CompareOp::kEq && c.field != query.order_field;
    add((range ? "+" : "") + ColumnOf(table, c.field) + OpSql(c.op));
    out.binds.push_back(c.value);
  }
  if (query.after) {
    // The keyset condition as one row-value comparison, which SQLite turns
    // into a seek on the (sort, id) order of the index it reads: the page
    // after a cursor costs the same at any depth. The equivalent
    // `sort > ? OR (sort = ? AND id > ?)` gave SQLite 3.40 no range to seek
    // on the sort column, so every page scanned from the collection's start.
    const char* cmp = query.descending ? " < " : " > ";
    if (sort == table.id_column) {
      add(table.id_column + cmp + "?");
    } else {
      add("(" + sort + ", " + table.id_column + ")" + cmp + "(?, ?)");
      out.binds.push_back(query.after->sort_value);
    }
    out.binds.push_back(query.after->id);
  }
  const char* dir = query.descending ? " DESC" : " ASC";
  // The sort value and id ride along as the last two columns, for the cursor.
  std::string select = table.select + ", " + sort + ", " + table.id_column;
  out.sql = "SELECT " + select + " FROM " + table.from + where + " ORDER BY " + sort + dir + ", " + table.id_column +
            dir + " LIMIT " + std::to_string(query.page_size + 1);
  // Count the columns of table.select: the sort column follows them.
  int columns = 1;
  int depth = 0;
  for (char ch : table.select) {
    if (ch == '(') ++depth;
    if (ch == ')') --depth;
    if (ch == ',' && depth == 0) ++columns;
  }
  out.sort_column_index = columns;
  return out;
}

void BindAll(SqlStatement& st, const std::vector<FilterValue>& binds) {
  int i = 1;
  for (const auto& v : binds) {
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
      st.bind(i++, static_cast<int64_t>(*n));
    } else {
      st.bind(i++, std::get<std::string>(v));
    }
  }
}

FilterValue ReadFilterValue(SqlStatement& st, int column) {
  SqlColumn c = st.getColumn(column);
  if (c.isInteger()) return FilterValue(static_cast<std::int64_t>(c.getInt64()));
  return FilterValue(c.getString());
}

}  // namespace biopolis
