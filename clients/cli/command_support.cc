#include "command_support.h"

#include <algorithm>

namespace biopolis::cli {

bool ParseDate(const std::string& text, google::type::Date* out) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return true;
}

std::string DateText(const google::type::Date& d) {
  if (d.year() == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return buf;
}

const CLI::Validator kDate = CLI::Validator(
    [](std::string& s) {
      google::type::Date d;
      return ParseDate(s, &d) ? std::string() : "expected YYYY-MM-DD, got " + s;
    },
    "DATE");

std::vector<std::string> MaskFromFlags(const CLI::App* command,
                                       std::initializer_list<std::pair<const char*, const char*>> flags) {
  std::vector<std::string> paths;
  for (const auto& [flag, path] : flags) {
    // Several flags may change one field (the eligibility rules): name it once.
    if (command->count(flag) > 0 && std::find(paths.begin(), paths.end(), path) == paths.end()) {
      paths.push_back(path);
    }
  }
  if (paths.empty()) throw CLI::ValidationError(command->get_name(), "give at least one field to change");
  return paths;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

CLI::Option* DocumentKindsOption(CLI::App* app, std::vector<std::string>& target, const std::string& help) {
  return app->add_option("--require-document", target, help)
      ->check(CLI::Validator(
          [](std::string& s) {
            v1::Document::Kind kind;
            return v1::Document::Kind_Parse(s, &kind) && kind != v1::Document::KIND_UNSPECIFIED
                       ? std::string()
                       : "unknown document kind " + s + " (KIND_BUSINESS_PLAN, KIND_INVOICE, ...)";
          },
          "KIND"));
}

}  // namespace biopolis::cli
