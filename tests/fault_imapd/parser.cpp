#include "parser.hpp"

#include <algorithm>
#include <cctype>

#include "dates.hpp"
#include "text.hpp"

namespace fimapd {

namespace {
constexpr std::uint64_t kMaxNumber = 4294967295u;  // RFC 3501 9: number is 32 bits
}

bool SequenceSet::contains(std::uint32_t n, std::uint32_t max) const {
  for (const auto& r : ranges) {
    std::uint32_t a = r.first ? r.first : max, b = r.last ? r.last : max;
    if (a > b) std::swap(a, b);
    if (a <= n && n <= b) return true;
  }
  return false;
}

bool SequenceSet::within(std::uint32_t max) const {
  if (max == 0) return false;
  return std::all_of(ranges.begin(), ranges.end(),
                     [max](const Range& r) { return r.first <= max && r.last <= max; });
}

bool Parser::consume(char c) {
  if (!peek(c)) return false;
  ++pos_;
  return true;
}

bool Parser::keyword(std::string_view kw) {
  if (!istarts_with(s_.substr(pos_), kw)) return false;
  const std::size_t end = pos_ + kw.size();
  // "BODY" must not match the start of "BODYSTRUCTURE" or "BODY.PEEK"; "BODY[" ends by itself.
  const bool word_end = std::isalnum(static_cast<unsigned char>(kw.back())) != 0;
  if (word_end && end < s_.size() && is_atom_char(s_[end])) return false;
  pos_ = end;
  return true;
}

std::optional<std::string> Parser::tag() {
  const std::size_t start = pos_;
  while (pos_ < s_.size() && is_astring_char(s_[pos_]) && s_[pos_] != '+') ++pos_;
  if (pos_ == start) return std::nullopt;
  return std::string(s_.substr(start, pos_ - start));
}

std::optional<std::string> Parser::atom() {
  const std::size_t start = pos_;
  while (pos_ < s_.size() && is_atom_char(s_[pos_])) ++pos_;
  if (pos_ == start) return std::nullopt;
  return std::string(s_.substr(start, pos_ - start));
}

std::optional<std::string> Parser::quoted() {
  if (!consume('"')) return std::nullopt;
  std::string out;
  while (pos_ < s_.size()) {
    char c = s_[pos_++];
    if (c == '"') return out;
    if (c == '\\') {  // only \" and \\ may be escaped
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\\')) return std::nullopt;
      c = s_[pos_++];
    } else if (c == '\r' || c == '\n' || c == '\0') {
      return std::nullopt;  // TEXT-CHAR excludes CR and LF; CHAR excludes NUL
    }
    out += c;
  }
  return std::nullopt;
}

std::optional<std::string> Parser::literal() {
  if (!consume('{')) return std::nullopt;
  std::uint64_t n = 0;
  const std::size_t digits = pos_;
  while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9' && n <= kMaxNumber)
    n = n * 10 + static_cast<std::uint64_t>(s_[pos_++] - '0');
  if (pos_ == digits || n > kMaxNumber) return std::nullopt;
  consume('+');  // LITERAL+ (RFC 7888): the same literal, sent without waiting
  if (!consume('}') || !consume('\r') || !consume('\n') || s_.size() - pos_ < n) return std::nullopt;
  std::string out(s_.substr(pos_, static_cast<std::size_t>(n)));
  pos_ += static_cast<std::size_t>(n);
  return out;
}

std::optional<std::string> Parser::string() { return peek('{') ? literal() : quoted(); }

std::optional<std::string> Parser::astring() {
  if (peek('{') || peek('"')) return string();
  const std::size_t start = pos_;
  while (pos_ < s_.size() && is_astring_char(s_[pos_])) ++pos_;
  if (pos_ == start) return std::nullopt;
  return std::string(s_.substr(start, pos_ - start));
}

std::optional<std::string> Parser::list_mailbox() {
  if (peek('{') || peek('"')) return string();
  const std::size_t start = pos_;
  while (pos_ < s_.size() && (is_astring_char(s_[pos_]) || s_[pos_] == '%' || s_[pos_] == '*')) ++pos_;
  if (pos_ == start) return std::nullopt;
  return std::string(s_.substr(start, pos_ - start));
}

std::optional<std::uint32_t> Parser::number() {
  std::uint64_t n = 0;
  const std::size_t start = pos_;
  while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
    n = n * 10 + static_cast<std::uint64_t>(s_[pos_++] - '0');
    if (n > kMaxNumber) return std::nullopt;
  }
  if (pos_ == start) return std::nullopt;
  return static_cast<std::uint32_t>(n);
}

std::optional<std::uint32_t> Parser::nz_number() {
  if (peek('0')) return std::nullopt;
  return number();
}

std::optional<std::uint32_t> Parser::seq_number() {
  if (consume('*')) return 0u;
  return nz_number();
}

std::optional<SequenceSet> Parser::sequence_set() {
  SequenceSet set;
  do {
    auto first = seq_number();
    if (!first) return std::nullopt;
    std::uint32_t last = *first;
    if (consume(':')) {
      auto l = seq_number();
      if (!l) return std::nullopt;
      last = *l;
    }
    set.ranges.push_back({*first, last});
  } while (consume(','));
  return set;
}

std::optional<std::string> Parser::flag() {
  const bool system = consume('\\');
  auto a = atom();
  if (!a) return std::nullopt;
  return system ? "\\" + *a : *a;
}

std::optional<std::vector<std::string>> Parser::flag_list() {
  if (!consume('(')) return std::nullopt;
  std::vector<std::string> flags;
  if (consume(')')) return flags;
  do {
    auto f = flag();
    if (!f) return std::nullopt;
    flags.push_back(*f);
  } while (sp());
  if (!consume(')')) return std::nullopt;
  return flags;
}

std::optional<long> Parser::search_date() {
  const bool q = consume('"');
  const std::size_t start = pos_;
  while (pos_ < s_.size() && (is_atom_char(s_[pos_]))) ++pos_;
  auto day = parse_search_date(s_.substr(start, pos_ - start));
  if (q && !consume('"')) return std::nullopt;
  return day;
}

}  // namespace fimapd
