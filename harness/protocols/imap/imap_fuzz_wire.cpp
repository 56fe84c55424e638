#include "protocols/imap/imap_fuzz_wire.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "proto/imap_codec.h"

namespace rfcheck::fuzz {

std::string imap_fuzz_tag(std::size_t index) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "a%03zu", index + 1);
  return buffer;
}

CommandWire frame_imap_command(std::string_view line, std::size_t index) {
  CommandWire wire;
  std::string part = imap_fuzz_tag(index) + " ";
  std::size_t part_start = 0;  // where the part being built starts in `line`
  std::size_t line_start = 0;  // where the client line being read starts (after a literal)
  std::size_t at = 0;
  while (at < line.size()) {
    const std::size_t lf = line.find('\n', at);
    if (lf == std::string_view::npos) break;
    // The codec reads an announcement at the end of each LF-ended line (CRLF or bare LF).
    const proto::ImapLiteralSize literal =
        proto::imap_literal_size(line.substr(line_start, lf + 1 - line_start));
    at = lf + 1;
    line_start = at;
    if (!literal.valid) continue;
    if (!literal.non_synchronizing && at < line.size()) {
      part.append(line.substr(part_start, at - part_start));
      wire.parts.push_back(std::move(part));
      part.clear();
      part_start = at;
    }
    // The literal's octets: never a line, whatever they hold. An announcement longer than
    // what follows takes all of it (the server waits for the rest).
    at += static_cast<std::size_t>(std::min<std::uint64_t>(literal.size, line.size() - at));
    line_start = at;
  }
  part.append(line.substr(part_start));
  part += "\r\n";
  wire.parts.push_back(std::move(part));
  if (wire.parts.size() > 1) wire.go_ahead_status = "+";
  return wire;
}

bool imap_interim_reply(const proto::Reply& reply) {
  // The same rule as the runner's exchanges (ControlConnection::next_exchange): one command,
  // one exchange, one `expect` in an exported case.
  return reply.tag == "*" && reply.answers && !reply.answers->empty();
}

}  // namespace rfcheck::fuzz
