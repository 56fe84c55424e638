// The written form of the command-reply tables: code lists as the RFCs print them
// ("226, 250; 425, 426", classes "4xx"), read at compile time for validation and once at
// run time into CodeSets. Shared by the FTP and SMTP tables. Standard library only.
#pragma once

#include <string>
#include <string_view>

#include "core/code_set.h"

namespace rfcheck::proto {

constexpr bool is_code_list_separator(char c) { return c == ' ' || c == ',' || c == ';'; }

// Visits each item ("226", "4xx", or a verb in an exception list) of a list; stops early
// when f returns false, and returns whether it went through.
template <typename F>
constexpr bool for_each_list_item(std::string_view list, F f) {
  std::size_t i = 0;
  while (i < list.size()) {
    if (is_code_list_separator(list[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < list.size() && !is_code_list_separator(list[end])) ++end;
    if (!f(list.substr(i, end - i))) return false;
    i = end;
  }
  return true;
}

// A reply the command-reply table does not allow: the row's RFC section and what is wrong.
struct ReplyViolation {
  std::string ref;      // "RFC 959 5.4"
  std::string message;  // "257 is not an allowed reply to CWD as the first reply (allowed: ...)"
  std::string describe() const { return ref + ": " + message; }
};

// The codes of a list that the table's static_assert has already validated.
CodeSet parse_code_list(std::string_view list);

// Command verbs are case-insensitive in both protocols (RFC 959 5.3, RFC 2821 2.4).
bool verb_equals(std::string_view a, std::string_view b);

}  // namespace rfcheck::proto
