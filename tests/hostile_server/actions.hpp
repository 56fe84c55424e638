// The hostile actions, protocol-generic where the hostility is (silence, resets, endless
// bytes) and protocol-specific where it needs the protocol's framing (POP3 terminators, IMAP
// literals, FTP data connections, STARTTLS). Each returns true when the session goes on.
#pragma once

#include "session.hpp"

namespace hostile {

// Generic.
bool silence(Session& s, const Command& c);           // read and drop until the peer leaves
bool accept_close(Session& s, const Command& c);      // close before a byte
bool endless_line(Session& s, const Command& c);      // a status, then bytes and never CRLF
bool ten_gigabytes(Session& s, const Command& c);     // a 10 GB multi-line reply, streamed
bool ten_gigabytes_wide(Session& s, const Command& c);  // the same in 60 KiB lines
bool drip(Session& s, const Command& c);              // the greeting at one byte a second
bool unsolicited(Session& s, const Command& c);       // 50 replies nobody asked for, then one
bool reset_mid_reply(Session& s, const Command& c);   // half a reply, then RST (SO_LINGER 0)
bool half_close(Session& s, const Command& c);        // FIN, then keep reading
bool garbage(Session& s, const Command& c);           // NUL, binary, invalid UTF-8 as a reply
bool garbage_greeting(Session& s, const Command& c);  // the same before the greeting
bool many_lines(Session& s, const Command& c);        // a 100 000-line multi-line reply
bool two_mb_line(Session& s, const Command& c);       // a reply of one 2 MB line
bool cr_only(Session& s, const Command& c);           // greeting and reply with CR-only ends
bool close_421(Session& s, const Command& c);         // 421 (or -ERR, BYE) to all, then close
bool fork_children(Session& s, const Command& c);     // a child that ignores SIGTERM
bool daemon_child(Session& s, const Command& c);      // setsid + double fork: an orphan
bool tls_garbage(Session& s, const Command& c);       // implicit TLS answered with garbage
bool starttls_plaintext(Session& s, const Command& c);  // "go ahead", then plaintext

// POP3.
bool pop3_no_terminator(Session& s, const Command& c);        // body, no ".", then silence
bool pop3_no_terminator_close(Session& s, const Command& c);  // body, no ".", then close

// IMAP.
bool imap_huge_literal(Session& s, const Command& c);     // {9999999999}
bool imap_literal_longer(Session& s, const Command& c);   // more octets than announced
bool imap_literal_shorter(Session& s, const Command& c);  // fewer, then silence
bool imap_untagged_flood(Session& s, const Command& c);   // 20 000 untagged, then OK

// FTP.
bool ftp_227_other_host(Session& s, const Command& c);
bool ftp_pasv_port_0(Session& s, const Command& c);
bool ftp_epsv_bogus(Session& s, const Command& c);
bool ftp_data_never_closes(Session& s, const Command& c);
bool ftp_data_never_connects(Session& s, const Command& c);

}  // namespace hostile
