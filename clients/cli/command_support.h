// What every biopolisctl command group shares: the Action a parsed command
// line leaves behind, printing results, and the shapes of common commands
// (`get NAME`, `verb NAME --text T`, `list`, CSV exports). One command group
// per file (*_commands.cc), each adding its subcommands to the app.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "biopolis/client.h"
#include "biopolis/service_client.h"
#include "biopolis/v1/documents.pb.h"
#include "google/type/date.pb.h"
#include "output.h"
#include "progress.h"

namespace biopolis::cli {

namespace v1 = ::biopolis::v1;
using Client = client::Client;
using ListOptions = client::ListOptions;

// The action chosen on the command line, run after parsing.
using Action = std::function<int(Client&, OutputFormat)>;

template <typename T>
int Print(const client::Result<T>& r, OutputFormat f) {
  if (!r.ok()) return ReportError(r.error());
  PrintMessage(*r, f);
  return 0;
}

template <typename T>
int PrintAll(client::Pager<T> pager, OutputFormat f) {
  auto all = pager.All();
  if (!all.ok()) return ReportError(all.error());
  std::vector<const google::protobuf::Message*> items;
  for (const auto& item : *all) items.push_back(&item);
  PrintList(items, f);
  return 0;
}

// "YYYY-MM-DD"; false when it is not one.
bool ParseDate(const std::string& text, google::type::Date* out);
// "YYYY-MM-DD", or "" for an unset date.
std::string DateText(const google::type::Date& d);
// Validates "YYYY-MM-DD" options at parse time.
extern const CLI::Validator kDate;

// An `--as-of` value: "YYYY-MM-DD" (the end of that day in the zone's time,
// UTC+3, or now when that is later: "as the registry stood on that date"),
// "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS+HH:MM"; nullopt when it is
// none of these.
std::optional<std::chrono::system_clock::time_point> ParseAsOf(const std::string& text);
// Validates `--as-of` options at parse time.
extern const CLI::Validator kAsOf;
// Adds `--as-of` to a command, into `target` (empty: not given).
CLI::Option* AsOfOption(CLI::App* app, std::string& target);

// An update command's field mask: the paths of the flags the user gave, so only
// those fields change. `flags` pairs each flag with its field path.
std::vector<std::string> MaskFromFlags(const CLI::App* command,
                                       std::initializer_list<std::pair<const char*, const char*>> flags);

template <typename Enum>
CLI::Option* EnumOption(CLI::App* app, const std::string& name, std::string& target,
                        bool (*parse)(const std::string&, Enum*), const std::string& help) {
  return app->add_option(name, target, help)
      ->check(CLI::Validator(
          [parse](std::string& s) {
            Enum e;
            return parse(s, &e) ? std::string() : "unknown value " + s;
          },
          "ENUM"));
}

// A repeatable `--require-document KIND` option (KIND_BUSINESS_PLAN, ...), checked at parse time.
CLI::Option* DocumentKindsOption(CLI::App* app, std::vector<std::string>& target, const std::string& help);
// Adds each kind named in `names` (already checked) through `add`.
template <typename AddFn>
void AddDocumentKinds(const std::vector<std::string>& names, AddFn add) {
  for (const auto& name : names) {
    v1::Document::Kind kind = v1::Document::KIND_UNSPECIFIED;
    v1::Document::Kind_Parse(name, &kind);
    add(kind);
  }
}

// `cmd NAME`: one resource by name.
template <typename T>
CLI::App* NameCommand(CLI::App* parent, Action& action, const char* cmd, const char* help, const char* what,
                      std::function<client::Result<T>(Client&, const std::string&)> fn) {
  auto* c = parent->add_subcommand(cmd, help);
  auto name = std::make_shared<std::string>();
  c->add_option("name", *name, what)->required();
  c->callback(
      [&action, name, fn] { action = [name, fn](Client& cl, OutputFormat f) { return Print(fn(cl, *name), f); }; });
  return c;
}

// `cmd NAME [--as-of WHEN]`: one resource by name, now or as it stood then.
template <typename T>
CLI::App* AsOfNameCommand(
    CLI::App* parent, Action& action, const char* cmd, const char* help, const char* what,
    std::function<client::Result<T>(Client&, const std::string&, std::optional<std::chrono::system_clock::time_point>)>
        fn) {
  auto* c = parent->add_subcommand(cmd, help);
  auto name = std::make_shared<std::string>();
  auto as_of = std::make_shared<std::string>();
  c->add_option("name", *name, what)->required();
  AsOfOption(c, *as_of);
  c->callback([&action, name, as_of, fn] {
    action = [name, as_of, fn](Client& cl, OutputFormat f) {
      return Print(fn(cl, *name, as_of->empty() ? std::nullopt : ParseAsOf(*as_of)), f);
    };
  });
  return c;
}

// `cmd NAME --flag TEXT`: a custom method with one text argument.
template <typename T>
CLI::App* NameTextCommand(CLI::App* parent, Action& action, const char* cmd, const char* help, const char* what,
                          const char* flag, bool required,
                          std::function<client::Result<T>(Client&, const std::string&, const std::string&)> fn) {
  auto* c = parent->add_subcommand(cmd, help);
  auto name = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  c->add_option("name", *name, what)->required();
  auto* opt = c->add_option(flag, *text, "Text");
  if (required) opt->required();
  c->callback([&action, name, text, fn] {
    action = [name, text, fn](Client& cl, OutputFormat f) { return Print(fn(cl, *name, *text), f); };
  });
  return c;
}

// `list [--filter F] [--order-by O]`.
template <typename T>
CLI::App* ListCommand(CLI::App* parent, Action& action, const char* help, const char* filter_help,
                      std::function<client::Pager<T>(Client&, const ListOptions&)> fn) {
  auto* c = parent->add_subcommand("list", help);
  auto o = std::make_shared<ListOptions>();
  c->add_option("--filter", o->filter, filter_help);
  c->add_option("--order-by", o->order_by, "Order, e.g. create_time desc");
  c->callback([&action, o, fn] { action = [o, fn](Client& cl, OutputFormat f) { return PrintAll(fn(cl, *o), f); }; });
  return c;
}

// One CSV field, with RFC 4180 quoting.
std::string CsvField(const std::string& s);

// Writes a CSV export as the pages arrive (constant memory, whatever the
// collection's size): to standard output, or to FILE through FILE.partial,
// renamed only once the last page is written, so a failed export never
// leaves a short file that looks complete.
template <typename T, typename RowFn>
int ExportCsv(client::Pager<T> pager, const std::string& out, const std::vector<std::string>& header, RowFn row) {
  std::ofstream file;
  std::ostream* os = &std::cout;
  const std::string partial = out + ".partial";
  if (out != "-") {
    file.open(partial, std::ios::trunc);
    if (!file) {
      std::cerr << "error: cannot write " << partial << "\n";
      return static_cast<int>(kExitOther);
    }
    os = &file;
  }
  auto write = [os](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) *os << (i ? "," : "") << CsvField(fields[i]);
    *os << "\r\n";
  };
  write(header);
  Progress progress("exported");
  long long rows = 0;
  for (const auto& item : pager) {
    if (!item) {
      if (out != "-") {
        file.close();
        std::remove(partial.c_str());
      }
      return ReportError(item.error());
    }
    write(row(*item));
    progress.Count(++rows);
  }
  progress.Done();
  if (out != "-") {
    file.close();
    if (!file || std::rename(partial.c_str(), out.c_str()) != 0) {
      std::cerr << "error: cannot write " << out << "\n";
      return static_cast<int>(kExitOther);
    }
  }
  return 0;
}

}  // namespace biopolis::cli
