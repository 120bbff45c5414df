// biopolisctl's output for people: aligned tables sized to the terminal,
// money in roubles, readable dates and times, nested messages as indented
// blocks, optional colour. Pure functions of their inputs (no terminal
// access), so tests can render fixed records against golden files.
// JSON output does not come here: it stays the proto's exact JSON mapping.
#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>
#include <vector>

namespace biopolis::cli {

struct RenderStyle {
  // ANSI bold headers and dimmed empty markers.
  bool color = false;
  // Terminal columns; 0 = no limit (not a terminal).
  int width = 0;
};

// 21000000000 -> "210 000 000,00 ₽" (a space between thousands, a comma before kopecks).
std::string FormatRoubles(std::int64_t kopecks);

// One field as people read it: money fields (`*_kopecks`) in roubles,
// google.type.Date as YYYY-MM-DD, Timestamp as "YYYY-MM-DD HH:MM:SS UTC",
// Duration as "3d 4h 5m", enums by name, other messages as compact
// key=value lists; "" when unset.
std::string HumanField(const google::protobuf::Message& m, const google::protobuf::FieldDescriptor* field);

// A column's heading: the field name without a `_kopecks` suffix (the cells say ₽).
std::string ColumnHeading(const std::string& field_name);

// The columns of a list: the chosen few per message type, or (`wide`) every field.
std::vector<std::string> TableColumns(const google::protobuf::Descriptor* d, bool wide);

// A list as an aligned table: a heading row and one row per item; when the
// rows are wider than style.width, the widest columns shrink and cells are
// cut with "…". "(none)" for an empty list.
std::string RenderTable(const std::vector<const google::protobuf::Message*>& items, bool wide,
                        const RenderStyle& style);

// One message as "field: value" lines, nested messages and repeated fields
// as indented blocks; unset fields left out.
std::string RenderBlock(const google::protobuf::Message& m, const RenderStyle& style);

// Display width of UTF-8 text (code points; the scripts used here are all one column wide).
std::size_t DisplayWidth(const std::string& text);

}  // namespace biopolis::cli
