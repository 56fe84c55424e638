#include "behaviours.hpp"

#include <array>

#include "actions.hpp"

namespace hostile {
namespace {

constexpr auto F = Protocol::Ftp;
constexpr auto S = Protocol::Smtp;
constexpr auto P = Protocol::Pop3;
constexpr auto I = Protocol::Imap;
constexpr auto A = When::Accept;
constexpr auto G = When::Greeting;
constexpr auto C = When::Command;

// The rule each breaks, in one line; tests/hostile_server/README.md says more.
constexpr std::array kBehaviours{
    // FTP
    Behaviour{"ftp-no-greeting", F, A, "", silence, "RFC 959 5.4: a connection gets a 220 (or 120/421)"},
    Behaviour{"ftp-accept-close", F, A, "", accept_close, "RFC 959 5.4: closes without any reply"},
    Behaviour{"ftp-endless-greeting", F, A, "", endless_line, "RFC 959 4.2: a reply line ends in CRLF"},
    Behaviour{"ftp-endless-line-noop", F, C, "NOOP", endless_line, "RFC 959 4.2: a reply line ends in CRLF"},
    Behaviour{"ftp-10gb-help", F, C, "HELP", ten_gigabytes, "a 10 GB multi-line reply (no RFC limit; a sane one)"},
    Behaviour{"ftp-10gb-wide-help", F, C, "HELP", ten_gigabytes_wide, "a 10 GB multi-line reply in 60 KiB lines"},
    Behaviour{"ftp-100k-lines-help", F, C, "HELP", many_lines, "a 100 000-line multi-line reply"},
    Behaviour{"ftp-2mb-line-noop", F, C, "NOOP", two_mb_line, "a reply of one 2 MB line"},
    Behaviour{"ftp-drip-greeting", F, A, "", drip, "a greeting at one byte a second"},
    Behaviour{"ftp-unsolicited-noop", F, C, "NOOP", unsolicited, "RFC 959 4.2: one reply per command"},
    Behaviour{"ftp-reset-mid-greeting", F, A, "", reset_mid_reply, "half a greeting, then RST"},
    Behaviour{"ftp-reset-mid-reply", F, C, "NOOP", reset_mid_reply, "half a reply, then RST"},
    Behaviour{"ftp-half-close-after-greeting", F, G, "", half_close, "RFC 959 5.4: every command gets a reply"},
    Behaviour{"ftp-garbage-greeting", F, A, "", garbage_greeting, "RFC 959 4.2: replies are Telnet text lines"},
    Behaviour{"ftp-garbage-reply", F, C, "NOOP", garbage, "RFC 959 4.2: replies are Telnet text lines"},
    Behaviour{"ftp-cr-only", F, A, "", cr_only, "RFC 959 4.2: lines end in CRLF, not CR"},
    Behaviour{"ftp-421-always", F, C, "*", close_421, "answers every command 421 and closes"},
    Behaviour{"ftp-greeting-then-silence", F, G, "", silence, "RFC 959 5.4: every command gets a reply"},
    Behaviour{"ftp-fork-children", F, A, "", fork_children, "leaves a child that ignores SIGTERM"},
    Behaviour{"ftp-daemon-child", F, A, "", daemon_child, "leaves an orphan in a session of its own"},
    Behaviour{"ftp-227-other-host", F, C, "PASV", ftp_227_other_host, "RFC 2577 / 959 4.1.2: PASV names another host"},
    Behaviour{"ftp-pasv-port-0", F, C, "PASV", ftp_pasv_port_0, "RFC 959 4.1.2: PASV names port 0"},
    Behaviour{"ftp-epsv-bogus", F, C, "EPSV", ftp_epsv_bogus, "RFC 2428 3: the EPSV port is out of range"},
    Behaviour{"ftp-data-never-closes", F, C, "LIST", ftp_data_never_closes, "RFC 959 3.2: the data connection never ends"},
    Behaviour{"ftp-data-never-connects", F, C, "LIST", ftp_data_never_connects, "RFC 959 3.2: 150, then no connection"},
    // SMTP
    Behaviour{"smtp-no-greeting", S, A, "", silence, "RFC 2821 3.1: a connection gets a 220"},
    Behaviour{"smtp-endless-greeting", S, A, "", endless_line, "RFC 2821 4.5.3.1: 512-octet reply lines"},
    Behaviour{"smtp-10gb-ehlo", S, C, "EHLO", ten_gigabytes, "a 10 GB multi-line EHLO reply"},
    Behaviour{"smtp-10gb-wide-ehlo", S, C, "EHLO", ten_gigabytes_wide, "a 10 GB EHLO reply in 60 KiB lines"},
    Behaviour{"smtp-100k-lines-ehlo", S, C, "EHLO", many_lines, "a 100 000-line EHLO reply"},
    Behaviour{"smtp-2mb-line-noop", S, C, "NOOP", two_mb_line, "RFC 2821 4.5.3.1: 512-octet reply lines"},
    Behaviour{"smtp-drip-greeting", S, A, "", drip, "a greeting at one byte a second"},
    Behaviour{"smtp-unsolicited-noop", S, C, "NOOP", unsolicited, "RFC 2821 4.2: one reply per command"},
    Behaviour{"smtp-reset-mid-reply", S, C, "EHLO", reset_mid_reply, "half an EHLO reply, then RST"},
    Behaviour{"smtp-garbage-reply", S, C, "NOOP", garbage, "RFC 2821 4.2: replies are text lines"},
    Behaviour{"smtp-421-always", S, C, "*", close_421, "answers every command 421 and closes"},
    Behaviour{"smtp-starttls-plaintext", S, C, "STARTTLS", starttls_plaintext, "RFC 3207 4: 220, then plaintext"},
    Behaviour{"smtp-tls-garbage", S, A, "", tls_garbage, "implicit TLS answered with no TLS record"},
    Behaviour{"smtp-fork-children", S, A, "", fork_children, "leaves a child that ignores SIGTERM"},
    // POP3
    Behaviour{"pop3-no-greeting", P, A, "", silence, "RFC 1939 4: a connection gets a greeting"},
    Behaviour{"pop3-endless-line-retr", P, C, "RETR", endless_line, "RFC 2449 4: 512-octet status lines"},
    Behaviour{"pop3-10gb-retr", P, C, "RETR", ten_gigabytes, "a 10 GB message that never ends"},
    Behaviour{"pop3-100k-lines-list", P, C, "LIST", many_lines, "a 100 000-line scan listing"},
    Behaviour{"pop3-2mb-line-stat", P, C, "STAT", two_mb_line, "RFC 2449 4: 512-octet status lines"},
    Behaviour{"pop3-retr-no-terminator", P, C, "RETR", pop3_no_terminator, "RFC 1939 3: a multi-line response ends in CRLF.CRLF"},
    Behaviour{"pop3-list-no-terminator-close", P, C, "LIST", pop3_no_terminator_close, "RFC 1939 3: ends in CRLF.CRLF, not a close"},
    Behaviour{"pop3-half-close-after-greeting", P, G, "", half_close, "RFC 1939 3: every command gets a response"},
    Behaviour{"pop3-cr-only", P, A, "", cr_only, "RFC 1939 3: lines end in CRLF"},
    Behaviour{"pop3-reset-mid-greeting", P, A, "", reset_mid_reply, "half a greeting, then RST"},
    Behaviour{"pop3-stls-plaintext", P, C, "STLS", starttls_plaintext, "RFC 2595 4: +OK, then plaintext"},
    Behaviour{"pop3-tls-garbage", P, A, "", tls_garbage, "implicit TLS answered with no TLS record"},
    Behaviour{"pop3-daemon-child", P, A, "", daemon_child, "leaves an orphan in a session of its own"},
    // IMAP
    Behaviour{"imap-no-greeting", I, A, "", silence, "RFC 1730 7.1: a connection gets a greeting"},
    Behaviour{"imap-huge-literal", I, C, "FETCH", imap_huge_literal, "a literal of {9999999999} octets"},
    Behaviour{"imap-literal-longer", I, C, "FETCH", imap_literal_longer, "RFC 1730 4.3: more octets than announced"},
    Behaviour{"imap-literal-shorter", I, C, "FETCH", imap_literal_shorter, "RFC 1730 4.3: fewer octets than announced"},
    Behaviour{"imap-untagged-flood", I, C, "NOOP", imap_untagged_flood, "20 000 untagged responses to one NOOP"},
    Behaviour{"imap-10gb-noop", I, C, "NOOP", ten_gigabytes, "untagged responses without end"},
    Behaviour{"imap-10gb-wide-noop", I, C, "NOOP", ten_gigabytes_wide, "untagged 60 KiB responses without end"},
    Behaviour{"imap-endless-line-noop", I, C, "NOOP", endless_line, "a response line without CRLF"},
    Behaviour{"imap-garbage-greeting", I, A, "", garbage_greeting, "RFC 1730 7: responses are text lines"},
    Behaviour{"imap-bye-always", I, C, "*", close_421, "answers every command BYE and closes"},
    Behaviour{"imap-starttls-plaintext", I, C, "STARTTLS", starttls_plaintext, "RFC 2595 3.1: OK, then plaintext"},
    Behaviour{"imap-tls-garbage", I, A, "", tls_garbage, "implicit TLS answered with no TLS record"},
    Behaviour{"imap-drip-greeting", I, A, "", drip, "a greeting at one byte a second"},
};

}  // namespace

std::span<const Behaviour> behaviours() { return kBehaviours; }

const Behaviour* find_behaviour(std::string_view name) {
  for (const auto& b : kBehaviours)
    if (b.name == name) return &b;
  return nullptr;
}

std::string_view protocol_name(Protocol p) {
  switch (p) {
    case Protocol::Ftp: return "ftp";
    case Protocol::Smtp: return "smtp";
    case Protocol::Pop3: return "pop3";
    case Protocol::Imap: return "imap";
  }
  return "?";
}

}  // namespace hostile
