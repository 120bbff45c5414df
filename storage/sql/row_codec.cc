#include "storage/sql/row_codec.h"

namespace biopolis {

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string KindsText(const std::vector<DocumentKind>& kinds) {
  std::vector<std::string> numbers;
  for (auto k : kinds) numbers.push_back(std::to_string(static_cast<int>(k)));
  return JoinList(numbers);
}

std::vector<DocumentKind> KindsFrom(const std::string& text) {
  std::vector<DocumentKind> kinds;
  for (const auto& item : SplitList(text)) kinds.push_back(static_cast<DocumentKind>(std::stoi(item)));
  return kinds;
}

}  // namespace biopolis
