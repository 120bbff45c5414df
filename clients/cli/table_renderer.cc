#include "table_renderer.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace biopolis::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr const char* kBold = "\033[1m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kReset = "\033[0m";

bool IsMoney(const FieldDescriptor* f) {
  const std::string& n = f->name();
  return n.size() > 8 && n.compare(n.size() - 8, 8, "_kopecks") == 0 &&
         (f->cpp_type() == FieldDescriptor::CPPTYPE_INT64 || f->cpp_type() == FieldDescriptor::CPPTYPE_INT32);
}

std::string Two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v);
  return b;
}

std::string DateText(const Message& m) {
  const auto* d = m.GetDescriptor();
  const auto* r = m.GetReflection();
  int y = r->GetInt32(m, d->FindFieldByName("year"));
  int mo = r->GetInt32(m, d->FindFieldByName("month"));
  int day = r->GetInt32(m, d->FindFieldByName("day"));
  if (y == 0) return "";
  return std::to_string(y) + "-" + Two(mo) + "-" + Two(day);
}

std::string TimestampText(const Message& m) {
  const auto* d = m.GetDescriptor();
  std::int64_t seconds = m.GetReflection()->GetInt64(m, d->FindFieldByName("seconds"));
  if (seconds == 0) return "";
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return b;
}

std::string DurationText(const Message& m) {
  std::int64_t s = m.GetReflection()->GetInt64(m, m.GetDescriptor()->FindFieldByName("seconds"));
  if (s == 0) return "0s";
  std::string out;
  const std::int64_t parts[] = {s / 86400, s % 86400 / 3600, s % 3600 / 60, s % 60};
  const char* units[] = {"d", "h", "m", "s"};
  for (int i = 0; i < 4; ++i) {
    if (parts[i] != 0) out += (out.empty() ? "" : " ") + std::to_string(parts[i]) + units[i];
  }
  return out;
}

// A message inside a cell: its well-known form, or "key=value, ..." of its set fields.
std::string CompactMessage(const Message& m) {
  const std::string& type = m.GetDescriptor()->full_name();
  if (type == "google.type.Date") return DateText(m);
  if (type == "google.protobuf.Timestamp") return TimestampText(m);
  if (type == "google.protobuf.Duration") return DurationText(m);
  std::string out;
  const auto* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const auto* f = d->field(i);
    if (f->is_repeated()) continue;
    std::string v = HumanField(m, f);
    if (v.empty() || v == "0") continue;
    out += (out.empty() ? "" : ", ") + ColumnHeading(f->name()) + "=" + v;
  }
  return out;
}

std::string Scalar(const Message& m, const FieldDescriptor* f, int index) {
  const auto* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f);
    case FieldDescriptor::CPPTYPE_INT64: {
      std::int64_t v = rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f);
      return IsMoney(f) ? FormatRoubles(v) : std::to_string(v);
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      std::int32_t v = rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f);
      return IsMoney(f) ? FormatRoubles(v) : std::to_string(v);
    }
    case FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f))->name();
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "yes" : "no";
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      char b[32];
      std::snprintf(b, sizeof b, "%.4g", rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
      return b;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return CompactMessage(rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f));
    default:
      return "";
  }
}

bool IsUnset(const Message& m, const FieldDescriptor* f) {
  const auto* r = m.GetReflection();
  if (f->is_repeated()) return r->FieldSize(m, f) == 0;
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) return !r->HasField(m, f);
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) return r->GetEnum(m, f)->number() == 0;
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) return false;  // "no" is information
  std::string v = Scalar(m, f, 0);
  return v.empty() || v == "0";
}

// Cuts `text` to `width` display columns, ending with "…" when cut.
std::string Fit(const std::string& text, std::size_t width) {
  if (DisplayWidth(text) <= width) return text;
  if (width == 0) return "";
  std::string out;
  std::size_t cols = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    if (cols + 1 >= width) break;
    out.append(text, i, len);
    ++cols;
    i += len;
  }
  return out + "…";
}

std::string Pad(const std::string& text, std::size_t width) {
  std::size_t w = DisplayWidth(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

void Block(const Message& m, int indent, const RenderStyle& style, std::string& out) {
  const auto* d = m.GetDescriptor();
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  for (int i = 0; i < d->field_count(); ++i) {
    const auto* f = d->field(i);
    if (IsUnset(m, f)) continue;
    const std::string key = pad + (style.color ? kBold : "") + ColumnHeading(f->name()) + (style.color ? kReset : "");
    const auto* r = m.GetReflection();
    // Our own messages nest as blocks; google.* ones (dates, times) read as one value.
    const bool nested =
        f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && f->message_type()->full_name().rfind("google.", 0) != 0;
    if (f->is_repeated()) {
      out += key + ":\n";
      for (int k = 0; k < r->FieldSize(m, f); ++k) {
        if (nested) {
          std::string inner;
          Block(r->GetRepeatedMessage(m, f, k), indent + 4, style, inner);
          // "  - first: line" then the rest aligned under it.
          inner.replace(static_cast<std::size_t>(indent), 4, "  - ");
          out += inner;
        } else {
          out += pad + "  - " + Scalar(m, f, k) + "\n";
        }
      }
    } else if (nested) {
      out += key + ":\n";
      Block(r->GetMessage(m, f), indent + 2, style, out);
    } else {
      out += key + ": " + Scalar(m, f, 0) + "\n";
    }
  }
}

}  // namespace

std::string FormatRoubles(std::int64_t kopecks) {
  const bool negative = kopecks < 0;
  std::uint64_t v = negative ? static_cast<std::uint64_t>(-(kopecks + 1)) + 1 : static_cast<std::uint64_t>(kopecks);
  std::string roubles = std::to_string(v / 100);
  std::string grouped;
  for (std::size_t i = 0; i < roubles.size(); ++i) {
    if (i > 0 && (roubles.size() - i) % 3 == 0) grouped += ' ';
    grouped += roubles[i];
  }
  return (negative ? "-" : "") + grouped + "," + Two(static_cast<int>(v % 100)) + " ₽";
}

std::string HumanField(const Message& m, const FieldDescriptor* field) {
  if (IsUnset(m, field)) return "";
  if (!field->is_repeated()) return Scalar(m, field, 0);
  std::string out;
  for (int k = 0; k < m.GetReflection()->FieldSize(m, field); ++k) {
    out += (k ? "; " : "") + Scalar(m, field, k);
  }
  return out;
}

std::string ColumnHeading(const std::string& field_name) {
  const std::string suffix = "_kopecks";
  if (field_name.size() > suffix.size() &&
      field_name.compare(field_name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return field_name.substr(0, field_name.size() - suffix.size());
  }
  return field_name;
}

std::vector<std::string> TableColumns(const Descriptor* d, bool wide) {
  if (wide) {
    std::vector<std::string> all;
    for (int i = 0; i < d->field_count(); ++i) all.push_back(d->field(i)->name());
    return all;
  }
  const std::string& type = d->name();
  if (type == "Organization") return {"name", "inn", "ogrn", "kpp", "short_name"};
  if (type == "Application") return {"name", "state", "organization", "project_name", "planned_investment_kopecks"};
  if (type == "Resident") return {"name", "registry_number", "state", "organization", "organization_display_name"};
  if (type == "ZonePolicy") return {"name", "effective_from", "min_investment_kopecks", "info_request_days"};
  if (type == "ApiKey") return {"name", "role", "state", "organization", "display_name"};
  if (type == "Plot") return {"name", "cadastral_number", "state", "area_m2", "permitted_use", "site"};
  if (type == "Lease") return {"name", "plot", "resident", "state", "start_date", "end_date", "annual_rent_kopecks"};
  if (type == "SupportMeasure") return {"name", "kind", "title", "total_budget_kopecks", "committed_kopecks"};
  if (type == "SupportRequest") return {"name", "measure", "resident", "state", "requested_kopecks", "granted_kopecks"};
  if (type == "ServiceType") return {"name", "category", "title", "sla_working_days", "responsible_unit"};
  if (type == "ServiceRequest") return {"name", "state", "service_type", "organization", "due_time", "overdue"};
  if (type == "ServiceMessage") return {"create_time", "author", "from_resident", "text"};
  if (type == "Report")
    return {"name", "year", "quarter", "version", "state", "investment_kopecks", "jobs_at_period_end"};
  if (type == "OverdueReport") return {"resident", "year", "quarter", "due_date"};
  if (type == "ResidentCompliance")
    return {"resident", "status", "investment_made_kopecks", "expected_investment_kopecks", "jobs"};
  if (type == "AuditRecord") return {"sequence", "create_time", "actor", "action", "resource", "summary"};
  if (type == "Event") return {"sequence", "create_time", "type", "resource", "organization", "summary"};
  if (type == "AuditCheckpoint") return {"sequence", "create_time", "key_id", "hash"};
  if (type == "Document") return {"name", "kind", "file_name", "version", "size_bytes", "update_time"};
  if (type == "SigningKey") return {"key_id", "active", "revoke_time", "public_key"};
  if (type == "PublicResident")
    return {"registry_number", "state", "full_name", "inn", "ogrn", "inclusion_date", "exclusion_date"};
  if (type == "RegistryExtract") return {"name", "number", "subject", "as_of", "issue_time", "key_id"};
  if (type == "ResidentVersion")
    return {"version", "effective_time", "record_time", "resident.state", "resident.organization_display_name"};
  if (type == "DocumentVersion") return {"name", "file_name", "size_bytes", "content_type", "sha256", "create_time"};
  return {"name"};
}

std::string RenderTable(const std::vector<const Message*>& items, bool wide, const RenderStyle& style) {
  if (items.empty()) return std::string(style.color ? kDim : "") + "(none)" + (style.color ? kReset : "") + "\n";
  const Descriptor* d = items.front()->GetDescriptor();
  // A column is a field, or a nested message's field ("resident.state"):
  // `fields` holds the last one, `parents` the message fields leading to it.
  std::vector<const FieldDescriptor*> fields;
  std::vector<std::vector<const FieldDescriptor*>> parents;
  for (const auto& column : TableColumns(d, wide)) {
    std::vector<const FieldDescriptor*> path;
    const Descriptor* in = d;
    std::size_t start = 0;
    while (in != nullptr) {
      const std::size_t dot = column.find('.', start);
      const auto* f = in->FindFieldByName(column.substr(start, dot == std::string::npos ? dot : dot - start));
      if (f == nullptr) break;
      path.push_back(f);
      if (dot == std::string::npos) break;
      in = f->message_type();
      start = dot + 1;
    }
    if (path.empty() || path.size() != static_cast<std::size_t>(std::count(column.begin(), column.end(), '.') + 1)) {
      continue;
    }
    fields.push_back(path.back());
    path.pop_back();
    parents.push_back(std::move(path));
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> heading;
  for (const auto* f : fields) heading.push_back(ColumnHeading(f->name()));
  std::vector<std::size_t> widths;
  for (const auto& h : heading) widths.push_back(DisplayWidth(h));
  for (const auto* item : items) {
    std::vector<std::string> row;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const Message* holder = item;
      for (const auto* p : parents[c]) holder = &holder->GetReflection()->GetMessage(*holder, p);
      row.push_back(HumanField(*holder, fields[c]));
      widths[c] = std::max(widths[c], DisplayWidth(row.back()));
    }
    rows.push_back(std::move(row));
  }
  // Too wide for the terminal: shrink the widest column that can still give,
  // one column at a time, down to its heading or 6, whichever is wider.
  if (style.width > 0) {
    auto total = [&] {
      std::size_t t = widths.empty() ? 0 : 2 * (widths.size() - 1);
      for (auto w : widths) t += w;
      return t;
    };
    // Identifiers, states and money are read whole: free text gives first,
    // and only when it cannot give enough do the others shrink.
    std::vector<bool> keep(fields.size());
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const auto* f = fields[c];
      bool identifier = f->cpp_type() == FieldDescriptor::CPPTYPE_STRING;
      for (const auto& row : rows) identifier = identifier && row[c].find(' ') == std::string::npos;
      keep[c] = identifier || f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM || IsMoney(f);
    }
    auto floor = [&](std::size_t c) { return std::max<std::size_t>(6, DisplayWidth(heading[c])); };
    for (bool any : {false, true}) {
      while (total() > static_cast<std::size_t>(style.width)) {
        std::size_t widest = widths.size();
        for (std::size_t c = 0; c < widths.size(); ++c) {
          if ((any || !keep[c]) && widths[c] > floor(c) && (widest == widths.size() || widths[c] > widths[widest])) {
            widest = c;
          }
        }
        if (widest == widths.size()) break;  // nothing left to give in this pass
        --widths[widest];
      }
    }
  }
  std::string out;
  // Numbers and money are right-aligned, so their digits line up; the rest left-aligned.
  std::vector<bool> right(fields.size());
  for (std::size_t c = 0; c < fields.size(); ++c) {
    const auto t = fields[c]->cpp_type();
    right[c] =
        !fields[c]->is_repeated() && (t == FieldDescriptor::CPPTYPE_INT64 || t == FieldDescriptor::CPPTYPE_INT32 ||
                                      t == FieldDescriptor::CPPTYPE_DOUBLE);
  }
  auto line = [&](const std::vector<std::string>& cells, bool head) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string cell = Fit(cells[c], widths[c]);
      if (right[c]) {
        text += std::string(widths[c] - DisplayWidth(cell), ' ') + cell + (c + 1 == cells.size() ? "" : "  ");
      } else {
        text += c + 1 == cells.size() ? cell : Pad(cell, widths[c]) + "  ";
      }
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += head && style.color ? kBold + text + kReset + "\n" : text + "\n";
  };
  line(heading, true);
  for (const auto& row : rows) line(row, false);
  return out;
}

std::string RenderBlock(const Message& m, const RenderStyle& style) {
  std::string out;
  Block(m, 0, style, out);
  return out;
}

std::size_t DisplayWidth(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace biopolis::cli
