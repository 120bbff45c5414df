// Turns a ListQuery into SQL for keyset paging, against a whitelist of
// columns per repository. Shared by every repository's List.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/list_query.h"
#include "storage/sql/sql_connection.h"

namespace biopolis {

struct ListTable {
  // FROM clause, e.g. "applications a".
  std::string from;
  // SELECT list producing the columns `read` expects.
  std::string select;
  // The unique row id expression, e.g. "a.id".
  std::string id_column;
  // Filterable and sortable fields -> SQL expressions.
  std::map<std::string, std::string> columns;
  // Always-on condition, e.g. "" or "r.state <> 3". `base_binds` are bound
  // first, in order, to the parameters of `from` and then of
  // `base_condition` (values are always bound, never spliced into the text,
  // so one statement serves every value).
  std::string base_condition;
  std::vector<FilterValue> base_binds = {};
};

// Runs the query; reads up to page_size rows with `read` and sets page.next
// when more rows follow. Throws StorageError for a field the table does not map.
template <typename T>
Page<T> RunList(SqlConnection& conn, const ListTable& table, const ListQuery& query,
                const std::function<T(SqlStatement&)>& read);

// Non-template core of RunList: builds and binds the statement.
struct ListStatement {
  std::string sql;
  std::vector<FilterValue> binds;
  int sort_column_index = 0;
};
ListStatement BuildListStatement(const ListTable& table, const ListQuery& query,
                                 SqlDialect dialect = SqlDialect::kSqlite);
void BindAll(SqlStatement& st, const std::vector<FilterValue>& binds);
FilterValue ReadFilterValue(SqlStatement& st, int column);

template <typename T>
Page<T> RunList(SqlConnection& conn, const ListTable& table, const ListQuery& query,
                const std::function<T(SqlStatement&)>& read) {
  ListStatement ls = BuildListStatement(table, query, conn.dialect());
  CachedStatement st(conn, ls.sql);
  BindAll(st, ls.binds);
  Page<T> page;
  while (st.executeStep()) {
    if (static_cast<int>(page.items.size()) == query.page_size) {
      break;
    }
    page.items.push_back(read(st));
    page.next = Cursor{ReadFilterValue(st, ls.sort_column_index), st.getColumn(ls.sort_column_index + 1).getInt64()};
  }
  // No further row: this was the last page.
  if (static_cast<int>(page.items.size()) < query.page_size || !st.hasRow()) page.next.reset();
  return page;
}

}  // namespace biopolis
