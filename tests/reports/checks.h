// Independent checks of reporter output: UTF-8 validity and a tiny XML well-formedness check.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rfcheck::reports::testing {

// Well-formed UTF-8 per Unicode Table 3-7 (no overlongs, surrogates or past U+10FFFF).
inline bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < s.size()) {
    unsigned char c = at(i);
    std::size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
                   : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((at(i + k) & 0xc0) != 0x80) return false;
    }
    if (c == 0xe0 && at(i + 1) < 0xa0) return false;
    if (c == 0xed && at(i + 1) > 0x9f) return false;
    if (c == 0xf0 && at(i + 1) < 0x90) return false;
    if (c == 0xf4 && at(i + 1) > 0x8f) return false;
    i += n;
  }
  return true;
}

// True when s has a byte below 0x20 other than those in `allowed`, or DEL.
inline bool has_raw_control(std::string_view s, std::string_view allowed) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 || c == 0x7f) && allowed.find(ch) == std::string_view::npos) return true;
  }
  return false;
}

struct XmlCheck {
  std::string error;                          // empty when well-formed
  std::map<std::string, int> element_counts;  // by element name
};

// Enough of XML 1.0 for our reports: declaration, nested elements, attributes, text with
// the five entities and numeric references. Rejects stray '<', '&', "]]>", unbalanced tags,
// invalid UTF-8 and control characters XML forbids.
inline XmlCheck check_xml(std::string_view doc) {
  XmlCheck result;
  auto fail = [&](std::string message, std::size_t at) {
    result.error = message + " at offset " + std::to_string(at);
    return result;
  };
  if (!is_valid_utf8(doc)) return fail("invalid UTF-8", 0);
  if (has_raw_control(doc, "\t\n\r")) return fail("control character", 0);
  auto check_text = [&](std::string_view text, std::size_t base, bool attribute) -> bool {
    if (text.find("]]>") != std::string_view::npos) { fail("]]> in text", base); return false; }
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '<') { fail("raw < in text", base + i); return false; }
      if (attribute && text[i] == '"') { fail("raw quote in attribute", base + i); return false; }
      if (text[i] != '&') continue;
      std::size_t semi = text.find(';', i);
      if (semi == std::string_view::npos) { fail("unterminated entity", base + i); return false; }
      std::string_view name = text.substr(i + 1, semi - i - 1);
      bool numeric = name.size() > 1 && name[0] == '#' &&
                     name.find_first_not_of("0123456789", 1) == std::string_view::npos;
      if (!numeric && name != "amp" && name != "lt" && name != "gt" && name != "quot" &&
          name != "apos") {
        fail("unknown entity &" + std::string(name) + ";", base + i);
        return false;
      }
    }
    return true;
  };
  std::size_t i = 0;
  if (doc.substr(0, 5) == "<?xml") {
    i = doc.find("?>");
    if (i == std::string_view::npos) return fail("unterminated declaration", 0);
    i += 2;
  }
  std::vector<std::string> open;
  bool seen_root = false;
  while (i < doc.size()) {
    std::size_t lt = doc.find('<', i);
    std::string_view text = doc.substr(i, (lt == std::string_view::npos ? doc.size() : lt) - i);
    if (!check_text(text, i, false)) return result;
    if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      return fail("text outside the root", i);
    }
    if (lt == std::string_view::npos) break;
    std::size_t gt = lt + 1;
    bool in_quote = false;  // '>' is legal inside an attribute value
    while (gt < doc.size() && (in_quote || doc[gt] != '>')) {
      if (doc[gt] == '"') in_quote = !in_quote;
      ++gt;
    }
    if (gt >= doc.size()) return fail("unterminated tag", lt);
    std::string_view tag = doc.substr(lt + 1, gt - lt - 1);
    if (!tag.empty() && tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return fail("mismatched end tag", lt);
      open.pop_back();
    } else {
      bool self_closing = !tag.empty() && tag.back() == '/';
      if (self_closing) tag.remove_suffix(1);
      std::size_t name_end = tag.find_first_of(" \t\r\n");
      std::string name(tag.substr(0, name_end));
      if (name.empty() || name.find_first_of("<&\"'=") != std::string::npos) {
        return fail("bad element name", lt);
      }
      if (open.empty() && seen_root) return fail("second root element", lt);
      seen_root = true;
      ++result.element_counts[name];
      // Attributes: name="value" pairs separated by whitespace.
      std::size_t k = name_end == std::string_view::npos ? tag.size() : name_end;
      while (k < tag.size()) {
        k = tag.find_first_not_of(" \t\r\n", k);
        if (k == std::string_view::npos) break;
        std::size_t eq = tag.find('=', k);
        if (eq == std::string_view::npos || eq + 1 >= tag.size() || tag[eq + 1] != '"') {
          return fail("bad attribute", lt + 1 + k);
        }
        std::size_t close = tag.find('"', eq + 2);
        if (close == std::string_view::npos) return fail("unterminated attribute", lt + 1 + k);
        if (!check_text(tag.substr(eq + 2, close - eq - 2), lt + 1 + eq + 2, true)) return result;
        k = close + 1;
      }
      if (!self_closing) open.push_back(name);
    }
    i = gt + 1;
  }
  if (!open.empty()) return fail("unclosed element " + open.back(), doc.size());
  if (!seen_root) return fail("no root element", 0);
  return result;
}

}  // namespace rfcheck::reports::testing
