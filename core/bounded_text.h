// Bounded, printable copies of text that reaches an error message, an error
// detail or the server log. Callers' input is echoed only through these: a
// hostile value can neither grow an error past its size budget nor put control
// characters (NUL, newlines, escape sequences) into a trailer or a log line.
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace biopolis {

// How many characters of a caller's value an error message quotes.
constexpr std::size_t kQuotedInputChars = 64;

// `text` with control characters, DEL and invalid UTF-8 bytes escaped as
// \n, \t, \r or \xNN (and a backslash as \\), cut after `max_chars`
// characters (UTF-8 sequences are kept whole) with "…" appended when cut.
// For echoing a caller's value inside a message.
std::string QuoteInput(std::string_view text, std::size_t max_chars = kQuotedInputChars);

// `text` escaped as QuoteInput does, cut to at most `max_bytes` bytes of
// output (on a character boundary; "…" included in the budget when cut).
// For whole messages and details, whose size on the wire is what matters.
std::string BoundText(std::string_view text, std::size_t max_bytes);

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or
// values past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// `text` with Latin and Cyrillic capitals lowered (А..Я, Ѐ..Џ, A..Z), for
// case-insensitive search of names; other characters as they are.
std::string FoldCase(std::string_view text);

}  // namespace biopolis
