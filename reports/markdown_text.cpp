#include "reports/markdown_text.h"

#include <algorithm>

#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

constexpr std::size_t kShownBytes = 300;  // of a server's reply, per field

}  // namespace

std::string markdown_code(std::string_view raw) {
  std::string text = printable(raw);
  if (text.size() > kShownBytes) text = text.substr(0, kShownBytes) + "...";
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = text.empty() || text.front() == '`' || text.back() == '`';
  return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
}

std::string markdown_prose(std::string_view raw) {
  std::string out;
  for (char c : printable(raw)) {
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace rfcheck::reports
