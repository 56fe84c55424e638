#include "fuzz/protocol_model.h"

#include <algorithm>
#include <cctype>

namespace rfcheck::fuzz {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

}  // namespace

const std::vector<std::string>& common_tokens() {
  static const std::vector<std::string> tokens = {
      "0", "-1", "-2147483648", "2147483647", "2147483648", "4294967295", "4294967296",
      "65535", "65536", "18446744073709551615", "9999999999999999999999",
      "%s%s%s%s", "%n%n%n%n", "%x%x%x%x", "%999999d", "%.1024s",
      "..", "../", "../../../../../../etc/passwd", "/etc/passwd", "./.././../", "//",
      "....//....//", "%2e%2e%2f", "~", "~root", "*", "?", "[", "{", "\\",
      "\r\n", "\r\nNOOP", "\n", "\r", std::string("\0", 1), std::string("a\0b", 3),
      "\xff", "\xff\xfe", "\xc0\xaf", "\xe2\x80\xae", "\x7f", "\x1b[2J", " ", "\t",
      "'", "\"", "`", ";", "|", "&", "$(id)", "<", ">", "=", ",", ":", "@",
  };
  return tokens;
}

const CommandGrammar* ProtocolModel::find(std::string_view verb) const {
  for (const auto& c : commands) {
    if (iequals(c.verb, verb)) return &c;
  }
  return nullptr;
}

CommandWire frame_command(const ProtocolModel& model, std::string_view line, std::size_t index) {
  if (model.frame_command) return model.frame_command(line, index);
  return CommandWire{{std::string(line) + "\r\n"}, {}};
}

std::string dictionary_text(const ProtocolModel& model) {
  // libFuzzer's dictionary format: one "quoted" entry a line, \\, \" and \xNN escapes.
  auto quote = [](std::string_view bytes) {
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char c : bytes) {
      if (c == '\\' || c == '"') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out += static_cast<char>(c);
      } else {
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    return out + "\"";
  };
  std::string out = "# rfcheck fuzz: " + model.name + " commands and hostile arguments\n";
  for (const auto& c : model.commands) {
    out += quote(c.verb) + "\n";
    out += quote(c.verb + " ") + "\n";
    for (const auto& e : c.examples) {
      if (!e.empty()) out += quote(c.verb + " " + e) + "\n";
    }
  }
  for (const auto& t : model.tokens) out += quote(t) + "\n";
  return out;
}

}  // namespace rfcheck::fuzz
