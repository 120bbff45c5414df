#include "command_support.h"

#include <algorithm>

#include "biopolis/time_parsing.h"

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

namespace {
constexpr std::int64_t kZoneOffsetSeconds = 3 * 3600;  // Kirov: UTC+3, no daylight saving
}  // namespace

std::optional<std::chrono::system_clock::time_point> ParseAsOf(const std::string& text) {
  int y = 0, mo = 0, d = 0;
  char tail = 0;
  if (text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3) {
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    const std::int64_t seconds =
        (client::DaysFromCivil(y, mo, d) + 1) * 86400 - kZoneOffsetSeconds;  // the next day's start
    const auto next_day = std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
    const auto now = std::chrono::system_clock::now();
    // Today: as it stands now. A day not yet begun goes as asked (the server refuses it).
    if (now < next_day && now >= next_day - std::chrono::hours(24)) return now;
    return next_day - std::chrono::microseconds(1);
  }
  auto micros = client::ParseRfc3339Micros(text);
  if (!micros) return std::nullopt;
  return std::chrono::system_clock::time_point(std::chrono::microseconds(*micros));
}

const CLI::Validator kAsOf = CLI::Validator(
    [](std::string& s) {
      return ParseAsOf(s) ? std::string() : "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got " + s;
    },
    "AS_OF");

CLI::Option* AsOfOption(CLI::App* app, std::string& target) {
  return app
      ->add_option("--as-of", target,
                   "As the registry stood then: YYYY-MM-DD (that day's end, zone time) or an RFC 3339 time")
      ->check(kAsOf);
}

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
