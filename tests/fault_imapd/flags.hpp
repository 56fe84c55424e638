// Message flags (RFC 3501 2.3.2): the five permanent system flags as bits, keywords as names,
// their Maildir form (the letters after ":2," in the file name) and their IMAP form. \Recent is
// not a stored flag: it belongs to a session's view (session_view.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fimapd {

enum SystemFlag : unsigned {
  kAnswered = 1u << 0,
  kFlagged = 1u << 1,
  kDeleted = 1u << 2,
  kSeen = 1u << 3,
  kDraft = 1u << 4,
};

struct Flags {
  unsigned system = 0;
  std::vector<std::string> keywords;  // no two equal ignoring case

  bool has(unsigned f) const { return (system & f) != 0; }
  bool has_keyword(std::string_view k) const;
  void add(const Flags& other);
  void remove(const Flags& other);
  bool operator==(const Flags& other) const;
};

// One flag of a flag list: a system flag or a keyword; nullopt for \Recent (not settable) and
// unknown "\..." flags, which the commands answer with BAD.
std::optional<Flags> parse_flag(std::string_view token);

// Maildir info letters in ASCII order: D(raft) F(lagged) R(eplied) S(een) T(rashed).
std::string maildir_letters(unsigned system);
unsigned system_from_letters(std::string_view letters);

// "(\Answered \Seen $Label)" with \Recent when recent. Order: system flags, \Recent, keywords.
std::string imap_flag_list(const Flags& f, bool recent);
// The FLAGS response's list: every system flag and the given keywords.
std::string defined_flags(const std::vector<std::string>& keywords);
// PERMANENTFLAGS of a read-write mailbox: the same plus "\*" (new keywords may be made).
std::string permanent_flags(const std::vector<std::string>& keywords);

}  // namespace fimapd
