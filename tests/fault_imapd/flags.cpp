#include "flags.hpp"

#include <algorithm>

#include "text.hpp"

namespace fimapd {

namespace {
struct SystemFlagName {
  unsigned bit;
  const char* imap;
  char letter;
};
// In the order FLAGS lists them; the letters are Maildir's.
constexpr SystemFlagName kSystem[] = {
    {kAnswered, "\\Answered", 'R'}, {kFlagged, "\\Flagged", 'F'}, {kDeleted, "\\Deleted", 'T'},
    {kSeen, "\\Seen", 'S'},         {kDraft, "\\Draft", 'D'},
};
}  // namespace

bool Flags::has_keyword(std::string_view k) const {
  return std::any_of(keywords.begin(), keywords.end(), [&](const auto& x) { return iequals(x, k); });
}

void Flags::add(const Flags& other) {
  system |= other.system;
  for (const auto& k : other.keywords)
    if (!has_keyword(k)) keywords.push_back(k);
}

void Flags::remove(const Flags& other) {
  system &= ~other.system;
  std::erase_if(keywords, [&](const auto& k) { return other.has_keyword(k); });
}

bool Flags::operator==(const Flags& other) const {
  if (system != other.system || keywords.size() != other.keywords.size()) return false;
  return std::all_of(keywords.begin(), keywords.end(),
                     [&](const auto& k) { return other.has_keyword(k); });
}

std::optional<Flags> parse_flag(std::string_view token) {
  Flags f;
  if (!token.empty() && token[0] == '\\') {
    for (const auto& s : kSystem)
      if (iequals(token, s.imap)) {
        f.system = s.bit;
        return f;
      }
    return std::nullopt;  // \Recent or a flag-extension this server does not know
  }
  f.keywords.emplace_back(token);
  return f;
}

std::string maildir_letters(unsigned system) {
  std::string letters;
  for (char c : std::string_view("DFRST"))
    for (const auto& s : kSystem)
      if (s.letter == c && (system & s.bit)) letters += c;
  return letters;
}

unsigned system_from_letters(std::string_view letters) {
  unsigned bits = 0;
  for (char c : letters)
    for (const auto& s : kSystem)
      if (s.letter == c) bits |= s.bit;
  return bits;
}

std::string imap_flag_list(const Flags& f, bool recent) {
  std::string out;
  auto add = [&out](std::string_view name) {
    if (!out.empty()) out += ' ';
    out += name;
  };
  for (const auto& s : kSystem)
    if (f.has(s.bit)) add(s.imap);
  if (recent) add("\\Recent");
  for (const auto& k : f.keywords) add(k);
  return "(" + out + ")";
}

std::string defined_flags(const std::vector<std::string>& keywords) {
  Flags all;
  for (const auto& s : kSystem) all.system |= s.bit;
  all.keywords = keywords;
  return imap_flag_list(all, false);
}

std::string permanent_flags(const std::vector<std::string>& keywords) {
  std::string list = defined_flags(keywords);
  list.insert(list.size() - 1, " \\*");
  return list;
}

}  // namespace fimapd
