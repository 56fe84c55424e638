// RFC 2821 4.1.2 path syntax (Reverse-path / Forward-path).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "fault_common/base64.hpp"

namespace fsmtpd {

struct Path {
  bool null = false;     // "<>" (reverse path only)
  std::string local;     // as written (a Quoted-string keeps its quotes)
  std::string domain;    // empty for "<Postmaster>"
  std::string mailbox() const { return domain.empty() ? local : local + "@" + domain; }
};

// Parses "<" [A-d-l ":"] Mailbox ">" starting at s[pos] (source routes are accepted and
// dropped); on success pos is just after ">". reverse: "<>" allowed. Otherwise a Mailbox
// needs "@" Domain, except the forward path "<Postmaster>" (any case).
std::optional<Path> parse_path(std::string_view s, std::size_t& pos, bool reverse);

bool iequals(std::string_view a, std::string_view b);

using fcommon::base64_decode;  // RFC 4954 AUTH responses

}  // namespace fsmtpd
