#include "proto/reply.h"

namespace rfcheck::proto {

std::string Reply::text() const {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += lines[i];
    // IMAP: a line part that announces a literal is followed by it, and the response goes on
    // right after the literal's last octet, as on the wire.
    if (i < literals.size()) {
      out += '\n';
      out += literals[i];
    } else if (i + 1 < lines.size()) {
      out += '\n';
    }
  }
  return out;
}

}  // namespace rfcheck::proto
