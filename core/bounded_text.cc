#include "core/bounded_text.h"

#include <cstdint>

namespace biopolis {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

// Length of the valid UTF-8 sequence starting at text[i], or 0 when the
// bytes there are not one (overlong forms, surrogates and values past
// U+10FFFF count as invalid).
std::size_t Utf8Length(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char c = b(0);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

void AppendHex(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// Appends the printable form of the character at text[i]; returns the
// number of input bytes it consumed.
std::size_t AppendEscaped(std::string& out, std::string_view text, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  switch (c) {
    case '\n':
      out += "\\n";
      return 1;
    case '\r':
      out += "\\r";
      return 1;
    case '\t':
      out += "\\t";
      return 1;
    case '\\':
      out += "\\\\";
      return 1;
    default:
      break;
  }
  if (c < 0x20 || c == 0x7F) {
    AppendHex(out, c);
    return 1;
  }
  std::size_t n = Utf8Length(text, i);
  if (n == 0) {
    AppendHex(out, c);
    return 1;
  }
  out.append(text.substr(i, n));
  return n;
}

}  // namespace

std::string QuoteInput(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t i = 0;
  std::size_t chars = 0;
  while (i < text.size() && chars < max_chars) {
    i += AppendEscaped(out, text, i);
    ++chars;
  }
  if (i < text.size()) out += kEllipsis;
  return out;
}

std::string BoundText(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  std::string piece;
  while (i < text.size()) {
    piece.clear();
    std::size_t used = AppendEscaped(piece, text, i);
    // Keep room for the ellipsis unless this piece ends the text.
    std::size_t room = i + used < text.size() ? max_bytes - std::min(max_bytes, kEllipsis.size()) : max_bytes;
    if (out.size() + piece.size() > room) break;
    out += piece;
    i += used;
  }
  if (i < text.size()) {
    while (out.size() + kEllipsis.size() > max_bytes && !out.empty()) {
      // Drop whole characters (never half a UTF-8 sequence) until "…" fits.
      std::size_t cut = out.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
      out.resize(cut);
    }
    if (out.size() + kEllipsis.size() <= max_bytes) out += kEllipsis;
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = Utf8Length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string FoldCase(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if ((c == 0xD0 || c == 0xD1) && i + 1 < out.size()) {
      // Two-byte sequences of U+0400..U+047F.
      const auto d = static_cast<unsigned char>(out[i + 1]);
      const unsigned cp = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
      unsigned lower = cp;
      if (cp >= 0x410 && cp <= 0x42F) lower = cp + 0x20;  // А..Я -> а..я
      if (cp >= 0x400 && cp <= 0x40F) lower = cp + 0x50;  // Ѐ..Џ (Ё) -> ѐ..џ
      out[i] = static_cast<char>(0xC0 | (lower >> 6));
      out[i + 1] = static_cast<char>(0x80 | (lower & 0x3F));
      ++i;
    }
  }
  return out;
}

}  // namespace biopolis
