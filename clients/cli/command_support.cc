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

namespace {
// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = static_cast<int>(y - era * 400);
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
constexpr std::int64_t kZoneOffsetSeconds = 3 * 3600;  // Kirov: UTC+3, no daylight saving
}  // namespace

std::optional<std::chrono::system_clock::time_point> ParseAsOf(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, oh = 0, om = 0;
  char sign = 0, tail = 0;
  std::int64_t seconds = 0;
  auto valid_date = [&] { return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31; };
  if (text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3) {
    if (!valid_date()) return std::nullopt;
    seconds = (DaysFromCivil(y, mo, d) + 1) * 86400 - kZoneOffsetSeconds;  // the next day's start
    const auto next_day = std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
    const auto now = std::chrono::system_clock::now();
    // Today: as it stands now. A day not yet begun goes as asked (the server refuses it).
    if (now < next_day && now >= next_day - std::chrono::hours(24)) return now;
    return next_day - std::chrono::microseconds(1);
  }
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%c", &y, &mo, &d, &h, &mi, &s, &tail) == 6 &&
      text.back() == 'Z') {
    sign = '+';
  } else if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &sign, &oh, &om,
                         &tail) != 9 ||
             (sign != '+' && sign != '-')) {
    return std::nullopt;
  }
  if (!valid_date() || h > 23 || mi > 59 || s > 60 || oh > 23 || om > 59 || h < 0 || mi < 0 || s < 0 || oh < 0 ||
      om < 0) {
    return std::nullopt;
  }
  const std::int64_t offset = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  seconds = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
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
