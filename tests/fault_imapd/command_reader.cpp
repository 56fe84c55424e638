#include "command_reader.hpp"

#include <optional>
#include <string_view>

namespace fimapd {

namespace {
struct LiteralSpec {
  std::size_t size;
  bool synchronizing;
};

// "{n}" or "{n+}" at the end of a line; the size is capped just over kMaxLiteral.
std::optional<LiteralSpec> trailing_literal(std::string_view line) {
  if (line.size() < 3 || line.back() != '}') return std::nullopt;
  std::size_t i = line.size() - 1;
  bool plus = false;
  if (line[i - 1] == '+') {
    plus = true;
    --i;
  }
  const std::size_t digits_end = i;
  while (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9') --i;
  if (i == 0 || i == digits_end || line[i - 1] != '{') return std::nullopt;
  std::size_t n = 0;
  for (std::size_t k = i; k < digits_end; ++k) {
    n = n * 10 + static_cast<std::size_t>(line[k] - '0');
    if (n > kMaxLiteral) n = kMaxLiteral + 1;  // too large either way; no overflow
  }
  return LiteralSpec{n, !plus};
}
}  // namespace

bool CommandReader::read_octets(std::size_t n, std::string& out) {
  std::string& buf = reader_.buffer();
  while (buf.size() < n)
    if (!reader_.fill()) return false;
  out.append(buf, 0, n);
  buf.erase(0, n);
  return true;
}

CommandReader::Result CommandReader::read(std::string& text) {
  text.clear();
  while (true) {
    std::string line;
    switch (reader_.read_line(line, kMaxLine)) {
      case fcommon::LineReader::Read::Closed:
        return Result::Closed;
      case fcommon::LineReader::Read::TooLong:
        return Result::TooLong;
      case fcommon::LineReader::Read::Line:
        break;
    }
    text += line;
    auto lit = trailing_literal(line);
    if (!lit) return Result::Command;
    if (lit->size > kMaxLiteral || text.size() + lit->size > kMaxCommand)
      return lit->synchronizing ? Result::LiteralRefused : Result::LiteralPlusTooLarge;
    // RFC 3501 7.5: the server is ready for the literal. Sent only after the whole line up to
    // it was received, so a command is never "in progress" before its continuation.
    if (lit->synchronizing) continuation_();
    text += "\r\n";
    if (!read_octets(lit->size, text)) return Result::Closed;
  }
}

}  // namespace fimapd
