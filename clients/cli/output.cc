#include "output.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "table_renderer.h"

namespace biopolis::cli {
namespace {

// The proto's JSON with its own field names; `compact` for one table cell.
std::string Json(const google::protobuf::Message& m, bool compact = false) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = !compact;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, options);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

int ExitCodeFor(client::StatusCode code) {
  switch (code) {
    case client::StatusCode::OK:
      return kExitOk;
    case client::StatusCode::INVALID_ARGUMENT:
    case client::StatusCode::OUT_OF_RANGE:
      return kExitInvalid;
    case client::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case client::StatusCode::PERMISSION_DENIED:
    case client::StatusCode::UNAUTHENTICATED:
      return kExitDenied;
    case client::StatusCode::UNAVAILABLE:
    case client::StatusCode::DEADLINE_EXCEEDED:
      return kExitUnavailable;
    case client::StatusCode::FAILED_PRECONDITION:
    case client::StatusCode::ABORTED:
    case client::StatusCode::ALREADY_EXISTS:
      return kExitConflict;
    default:
      return kExitOther;
  }
}

bool ParseOutputFormat(const std::string& text, OutputFormat* out) {
  if (text == "table")
    *out = OutputFormat::kTable;
  else if (text == "wide")
    *out = OutputFormat::kWide;
  else if (text == "name")
    *out = OutputFormat::kName;
  else if (text == "json")
    *out = OutputFormat::kJson;
  else
    return false;
  return true;
}

bool ColorOn(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(fd) == 1 && (no_color == nullptr || *no_color == '\0');
}

int TerminalWidth(int fd) {
  if (isatty(fd) != 1) return 0;
  if (const char* columns = std::getenv("COLUMNS")) {
    int n = std::atoi(columns);
    if (n > 0) return n;
  }
  winsize ws{};
  return ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
}

namespace {

RenderStyle StdoutStyle() { return RenderStyle{ColorOn(STDOUT_FILENO), TerminalWidth(STDOUT_FILENO)}; }

std::string NameOf(const google::protobuf::Message& m) {
  const auto* f = m.GetDescriptor()->FindFieldByName("name");
  return f != nullptr && f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING
             ? m.GetReflection()->GetString(m, f)
             : "";
}

}  // namespace

void PrintMessage(const google::protobuf::Message& message, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      std::cout << Json(message) << "\n";
      return;
    case OutputFormat::kName:
      std::cout << NameOf(message) << "\n";
      return;
    case OutputFormat::kTable:
    case OutputFormat::kWide:
      std::cout << RenderBlock(message, StdoutStyle());
      return;
  }
}

void PrintList(const std::vector<const google::protobuf::Message*>& items, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      std::cout << "[";
      for (std::size_t i = 0; i < items.size(); ++i) std::cout << (i ? ",\n" : "\n") << Json(*items[i]);
      std::cout << (items.empty() ? "]\n" : "\n]\n");
      return;
    case OutputFormat::kName:
      for (const auto* item : items) std::cout << NameOf(*item) << "\n";
      return;
    case OutputFormat::kTable:
    case OutputFormat::kWide:
      std::cout << RenderTable(items, format == OutputFormat::kWide, StdoutStyle());
      return;
  }
}

int ReportError(const client::Error& error) {
  const bool color = ColorOn(STDERR_FILENO);
  std::cerr << (color ? "\033[1;31merror:\033[0m " : "error: ") << error.ToString() << "\n";
  for (const auto& p : error.precondition_violations()) {
    std::cerr << "  precondition " << p.type << " " << p.subject << ": " << p.description << "\n";
  }
  return ExitCodeFor(error.code());
}

}  // namespace biopolis::cli
