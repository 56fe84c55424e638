#include "address.hpp"

#include <cstddef>

namespace fimapd {

namespace {
struct Token {
  enum Kind { Word, Quoted, Special } kind;
  std::string text;  // the word, the unescaped quoted content, or the special character
};

bool is_special(char c) { return std::string_view("()<>[]:;@\\,.\"").find(c) != std::string_view::npos; }

// Words, quoted strings and specials; comments and white space dropped. A domain literal
// "[...]" is one word.
std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '(') {  // comment, nested
      int depth = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == '(') ++depth;
        else if (s[i] == ')' && --depth == 0) break;
      }
      ++i;
    } else if (c == '"') {
      std::string q;
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        if (s[i] != '\r' && s[i] != '\n') q += s[i];
      }
      ++i;
      out.push_back({Token::Quoted, q});
    } else if (c == '[') {
      const auto end = s.find(']', i);
      const std::size_t stop = end == std::string_view::npos ? s.size() : end + 1;
      out.push_back({Token::Word, std::string(s.substr(i, stop - i))});
      i = stop;
    } else if (is_special(c)) {
      out.push_back({Token::Special, std::string(1, c)});
      ++i;
    } else {
      std::size_t j = i;
      while (j < s.size() && !is_special(s[j]) && s[j] != ' ' && s[j] != '\t' && s[j] != '\r' && s[j] != '\n') ++j;
      out.push_back({Token::Word, std::string(s.substr(i, j - i))});
      i = j;
    }
  }
  return out;
}

class AddressParser {
 public:
  explicit AddressParser(std::vector<Token> t) : t_(std::move(t)) {}

  std::vector<Address> list() {
    std::vector<Address> out;
    while (pos_ < t_.size()) {
      if (special(",") || special(";")) {
        ++pos_;
        continue;
      }
      const std::size_t start = pos_;
      std::vector<const Token*> phrase = words();
      if (special(":")) {  // group: name ":" [mailbox-list] ";"
        ++pos_;
        out.push_back({std::nullopt, std::nullopt, as_phrase(phrase), std::nullopt});
        while (pos_ < t_.size() && !special(";")) {
          if (special(",")) {
            ++pos_;
            continue;
          }
          const std::size_t before = pos_;
          mailbox(words(), out);
          if (pos_ == before) ++pos_;  // a stray special inside the group
        }
        if (special(";")) ++pos_;
        out.push_back({});
      } else {
        mailbox(std::move(phrase), out);
      }
      if (pos_ == start) ++pos_;  // a stray special: skip it, never loop
    }
    return out;
  }

 private:
  bool special(const char* c) const {
    return pos_ < t_.size() && t_[pos_].kind == Token::Special && t_[pos_].text == c;
  }
  // Words, quoted strings and dots up to the next other special.
  std::vector<const Token*> words() {
    std::vector<const Token*> w;
    while (pos_ < t_.size() && (t_[pos_].kind != Token::Special || t_[pos_].text == "."))
      w.push_back(&t_[pos_++]);
    return w;
  }
  static std::optional<std::string> as_phrase(const std::vector<const Token*>& w) {
    std::string s;
    for (const Token* t : w) {
      if (!s.empty() && t->text != ".") s += ' ';
      s += t->text;
    }
    if (s.empty()) return std::nullopt;
    return s;
  }
  // Local part or domain: the words as written (quoted words keep their quotes).
  static std::string as_dot_atom(const std::vector<const Token*>& w) {
    std::string s;
    for (const Token* t : w) s += t->kind == Token::Quoted ? "\"" + t->text + "\"" : t->text;
    return s;
  }
  // phrase "<" [route ":"] local "@" domain ">"  or  local "@" domain  (phrase = local part).
  void mailbox(std::vector<const Token*> phrase, std::vector<Address>& out) {
    Address a;
    if (special("<")) {
      ++pos_;
      a.name = as_phrase(phrase);
      if (special("@")) {  // obsolete source route
        std::string route;
        while (pos_ < t_.size() && !special(":") && !special(">")) route += t_[pos_++].text;
        if (special(":")) ++pos_;
        a.adl = route;
      }
      a.mailbox = as_dot_atom(words());
      if (special("@")) {
        ++pos_;
        a.host = as_dot_atom(words());
      }
      while (pos_ < t_.size() && !special(">")) ++pos_;
      if (special(">")) ++pos_;
    } else {
      if (phrase.empty()) return;
      a.mailbox = as_dot_atom(phrase);
      if (special("@")) {
        ++pos_;
        a.host = as_dot_atom(words());
      }
    }
    if (!a.host) a.host = "";  // NIL would mean a group marker (RFC 3501 7.4.2)
    out.push_back(std::move(a));
  }

  std::vector<Token> t_;
  std::size_t pos_ = 0;
};
}  // namespace

std::vector<Address> parse_address_list(std::string_view value) {
  return AddressParser(tokenize(value)).list();
}

}  // namespace fimapd
