#include "spec/rfc_text.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rfcheck {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Page furniture of the RFC Editor's text format: "Postel & Reynolds   [Page 12]" and
// "RFC 959          October 1985", and the form feed between pages.
bool is_page_furniture(const std::string& line) {
  static const RE2 footer("\\[Page [0-9ivx]+\\]\\s*$");
  static const RE2 header("^RFC [0-9]+ .*[0-9]{4}\\s*$");
  return line.find('\f') != std::string::npos || RE2::PartialMatch(line, footer) ||
         RE2::PartialMatch(line, header);
}

std::vector<int> parse_number(const std::string& dotted) {
  std::vector<int> parts;
  std::stringstream in(dotted);
  std::string part;
  while (std::getline(in, part, '.')) parts.push_back(std::stoi(part));
  return parts;
}

// The numbers a heading may take after `current`: its first child, or the next sibling of
// it or of any of its ancestors. Numbered list items ("2. The data connection ...") and the
// table of contents are not successors where they stand, so they are not taken for headings.
bool is_successor(const std::vector<int>& next, const std::vector<int>& current) {
  auto child = current;
  child.push_back(1);
  if (next == child) return true;
  for (std::size_t depth = current.size(); depth > 0; --depth) {
    std::vector<int> sibling(current.begin(), current.begin() + static_cast<long>(depth));
    ++sibling.back();
    if (next == sibling) return true;
  }
  return false;
}

// Headings are short, and a line with a run of dots is the table of contents.
bool may_be_heading(const std::string& line) {
  return line.size() < 80 && line.find("....") == std::string::npos;
}

// "4.1.1" of "   4.1.1.  ACCESS CONTROL COMMANDS" or "4.1.1.1  Extended HELLO", when the
// line is a heading at all.
std::optional<std::string> heading_number(const std::string& line) {
  // The title may start with a digit or in lower case ("4.3.1. 8-bit and Binary Strings",
  // "7. imaps and pop3s ports"); only a successor of the current section is taken.
  static const RE2 heading("^( *)([0-9]+(?:\\.[0-9]+)*)\\.?\\s{1,8}[A-Za-z0-9]");
  std::string indent, number;
  if (!may_be_heading(line) || !RE2::PartialMatch(line, heading, &indent, &number)) {
    return std::nullopt;
  }
  // A top-level heading starts the line; an indented "4. The ..." is a list item.
  if (number.find('.') == std::string::npos && !indent.empty()) return std::nullopt;
  return number;
}

// "A" of "A.      Obsolete Commands": an appendix heading, a capital letter at the start of
// the line.
std::optional<std::string> appendix_letter(const std::string& line) {
  static const RE2 heading("^([A-Z])\\.\\s{1,8}[A-Z]");
  std::string letter;
  if (!may_be_heading(line) || !RE2::PartialMatch(line, heading, &letter)) {
    return std::nullopt;
  }
  return letter;
}

}  // namespace

std::string RfcText::collapse(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

RfcText RfcText::from_string(std::string_view raw) {
  RfcText result;
  std::vector<int> current{0};
  std::string appendix;  // the last appendix heading taken; after one, numbers are no headings
  bool pending_space = false;
  std::istringstream in{std::string(raw)};
  std::string line;
  while (std::getline(in, line)) {
    if (is_page_furniture(line)) continue;
    if (auto letter = appendix_letter(line); letter && *letter > appendix) {
      // Appendices follow the numbered sections in letter order (RFC 1730 skips D).
      appendix = *letter;
      result.sections_.emplace_back(result.text_.size() + (pending_space ? 1 : 0), *letter);
    } else if (auto number = appendix.empty() ? heading_number(line) : std::nullopt) {
      auto parts = parse_number(*number);
      if (is_successor(parts, current)) {
        current = parts;
        result.sections_.emplace_back(result.text_.size() + (pending_space ? 1 : 0), *number);
      }
    }
    for (char c : line + "\n") {
      if (is_space(c)) {
        pending_space = !result.text_.empty();
        continue;
      }
      if (pending_space) result.text_ += ' ';
      pending_space = false;
      result.text_ += c;
    }
  }
  return result;
}

std::optional<RfcText> RfcText::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream raw;
  raw << in.rdbuf();
  return from_string(raw.str());
}

std::vector<std::size_t> RfcText::find_all(std::string_view excerpt) const {
  std::vector<std::size_t> found;
  const std::string needle = collapse(excerpt);
  if (needle.empty()) return found;
  for (auto pos = text_.find(needle); pos != std::string::npos;
       pos = text_.find(needle, pos + 1)) {
    found.push_back(pos);
  }
  return found;
}

std::string RfcText::section_at(std::size_t offset) const {
  std::string section;
  for (const auto& [start, number] : sections_) {
    if (start > offset) break;
    section = number;
  }
  return section;
}

std::optional<std::string> RfcText::misplaced(const std::vector<std::size_t>& starts,
                                              std::string_view section) const {
  static const RE2 marked("[0-9]+(?:\\.[0-9]+)*|[A-Z]");
  if (starts.empty() || !RE2::FullMatch(section, marked)) return std::nullopt;
  std::string found_in;
  for (auto start : starts) {
    found_in = section_at(start);
    if (section_within(found_in, section)) return std::nullopt;
  }
  return found_in;
}

std::vector<std::size_t> RfcText::keyword_offsets() const {
  static const char* const kKeywords[] = {"must", "shall", "required", "should", "recommended"};
  std::string lower = text_;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  std::vector<std::size_t> offsets;
  for (const char* keyword : kKeywords) {
    const std::string_view k(keyword);
    for (auto pos = lower.find(k); pos != std::string::npos; pos = lower.find(k, pos + 1)) {
      const bool starts = pos == 0 || !is_word(lower[pos - 1]);
      const bool ends = pos + k.size() == lower.size() || !is_word(lower[pos + k.size()]);
      if (starts && ends) offsets.push_back(pos);
    }
  }
  std::sort(offsets.begin(), offsets.end());
  return offsets;
}

bool section_within(std::string_view section, std::string_view container) {
  if (container == "*" || section == container) return true;
  return section.size() > container.size() && section.substr(0, container.size()) == container &&
         section[container.size()] == '.';
}

RfcTextSet load_rfc_texts(const std::string& rfc_dir) {
  namespace fs = std::filesystem;
  static const RE2 name("rfc([0-9]+)\\.txt");
  RfcTextSet texts;
  std::error_code ec;
  if (!fs::is_directory(rfc_dir, ec)) return texts;
  for (const auto& entry : fs::directory_iterator(rfc_dir, ec)) {
    int number = 0;
    if (!RE2::FullMatch(entry.path().filename().string(), name, &number)) continue;
    if (auto text = RfcText::load(entry.path().string())) texts.emplace(number, std::move(*text));
  }
  return texts;
}

}  // namespace rfcheck
