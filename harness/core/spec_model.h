// The in-memory form of a YAML suite: cases made of steps. Produced by spec/ (the loader),
// consumed by runner/. Standard library only.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/code_set.h"
#include "core/level.h"

namespace rfcheck {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
  std::string describe() const;  // "file:line:col"
};

// A value captured from a reply's text into a variable: the first group of `regex`.
struct Capture {
  std::string variable;
  std::string regex;
};

// An untagged response (IMAP) the exchange must hold: at least one matching `regex`, or
// with `count` (a template, e.g. "{maildrop.count}") exactly that many.
struct UntaggedMatch {
  std::string regex;
  std::optional<std::string> count;
};

// What a reply (or the connection) must look like at an `expect` step.
struct Expectation {
  // kSilent: no reply may arrive before the step's timeout (the server waits for more input).
  enum class Kind { kReply, kClosed, kSilent };
  Kind kind = Kind::kReply;
  // The server may close the connection instead of replying (e.g. 421 or a silent close).
  bool or_closed = false;
  // What the reply's status must be: codes (FTP, SMTP) or status words in the protocol's own
  // terms ("+OK", "-ERR" for POP3). Both empty: any well-formed reply.
  CodeSet codes;
  std::vector<std::string> statuses;
  std::optional<std::string> text_regex;  // searched in the reply text, case-insensitive
  std::vector<Capture> captures;
  // Codes or statuses by which the server declines an optional feature: inconclusive.
  CodeSet unsupported;
  std::vector<std::string> unsupported_statuses;
  // When the reply text does not match, the server does not offer what the case checks (a
  // capability CAPA does not list, a greeting without an APOP timestamp): inconclusive.
  std::optional<std::string> offered_if;
  // A multi-line response's body (POP3) equals a maildrop message in its CRLF form, or with
  // body_top, what TOP returns: the header, the blank line and the first body_top body lines.
  std::optional<std::string> body_message;
  std::optional<int> body_top;
  // Every body line of a multi-line response matches (scan and unique-id listings).
  std::optional<std::string> each_line;
  // The first group of this regex, over the body lines it matches, never repeats (unique-ids).
  std::optional<std::string> unique;
  // IMAP: with body_message, the part of the message a string of the exchange equals
  // ("header": the header and the blank line; "text": what follows), and of that the octets
  // [first, first + second) (a partial fetch, BODY[]<o.n>).
  std::optional<std::string> body_part;
  std::optional<std::pair<std::uint64_t, std::uint64_t>> body_partial;
  // IMAP exchanges: untagged responses that must be there, and ones that must not.
  std::vector<UntaggedMatch> untagged;
  std::vector<std::string> forbid;
  // The final response's bracketed code starts with one of these words (TRYCREATE).
  std::vector<std::string> response_codes;
};

// One piece of a `send:` given as a list (IMAP): text as it is, or a literal (RFC 1730 4.3)
// the harness announces ("{n}" CRLF), waits for the server's continuation request, then sends.
struct SendPart {
  enum class Kind { kText, kLiteral, kMessage };
  Kind kind = Kind::kText;
  std::string text;   // kText, kLiteral: a template; kMessage: the maildrop message's key
  bool plus = false;  // RFC 2088 / 7888 LITERAL+: "{n+}", and no wait
};

// An action on the data channel of a connection (FTP).
struct DataAction {
  enum class Kind {
    kListen,        // harness listens (active mode); sets {data.port_arg}, {data.eprt_arg}
    kConnect,       // harness connects to the port named by the last 227/229 reply
    kReceive,       // read the data connection until the server closes it, then check
    kSend,          // write bytes, then close (end of file in stream mode)
    kClose,         // close the data connection early
    kNoConnection,  // assert the server did not connect to our listener
    // start reading it in the background (a transfer goes on while control replies are
    // awaited); the next kReceive collects what came and checks it
    kReceiveBackground,
  };
  Kind kind = Kind::kReceive;
  std::string mode;     // listen: "port" | "eprt"; connect: "pasv" | "epsv"
  std::string address;  // listen: the address to listen on and advertise (default: control's local)
  // receive checks (templates, expanded at run time)
  std::optional<std::string> sha256;
  std::optional<std::string> size;
  std::optional<std::string> text_regex;
  std::optional<std::string> not_text_regex;
  bool crlf_lines = false;  // every line ends in CRLF, none in a bare LF
  // send payload: a template, or a fixture file's bytes
  std::optional<std::string> payload;
  std::optional<std::string> payload_file;  // fixture file name (specs' files:)
  // how the transfer is done in ASCII type: turn LF into CRLF before sending
  bool payload_crlf = false;
  // receive: values taken from the data (a file name from NLST), as expect's captures
  std::vector<Capture> captures;
};

struct Step {
  enum class Kind {
    kSend, kSendRaw, kExpect, kData, kConnect, kDisconnect, kSleep,
    kSendMessage,  // SMTP DATA content: text dot-stuffed, then CRLF.CRLF
    kSendBase64,   // prefix + base64(text) + CRLF: SASL responses (RFC 4954)
    kStartTls,     // TLS handshake on the connection (after STARTTLS / STLS / AUTH TLS)
    kMailbox,      // a message ending in `text` was delivered to the target's Maildir
    kSendMd5,      // prefix + lower-case hex MD5(text) + CRLF: APOP's digest (RFC 1939 7)
    kSendSynch,    // Telnet IP, the Telnet Synch (TCP urgent data), then the line: RFC 959 4.1.3
    kMatch,        // `text` (a template) matches `match_regex`: relates values captured apart
  };
  Kind kind = Kind::kSend;
  SourceLocation where;
  // The protocol.yaml fixture (`uses:`) the step came from; empty for the case's own steps
  // and a suite's own fixtures. Such a fixture is the case's set-up: its failure means the
  // case's requirement was not reached.
  std::string fixture;
  // From the case's `cleanup:` list (removing what the case made): run only when the case's
  // steps passed, and a failure ends the clean-up with a note, never in the case's verdict.
  bool cleanup = false;
  std::string connection = "main";
  // Run only when the connection's last reply has one of these codes or statuses.
  std::optional<CodeSet> if_last;
  std::vector<std::string> if_last_status;
  std::optional<std::chrono::milliseconds> timeout;
  // send, send_synch: a template line (CRLF added); send_raw: exact bytes; send_message / mailbox: the
  // message (templates).
  std::string text;
  // match: the regex the expanded `text` must match (searched, case-insensitive)
  std::string match_regex;
  std::string prefix;  // send_base64 / send_md5: sent before the encoded text ("AUTH PLAIN ")
  // send given as a list: its parts, in order (text is then empty).
  std::vector<SendPart> parts;
  // tls: a failed handshake ends the case, passing: the server took what the client sent in
  // plaintext after its go-ahead for the start of the handshake, so it ran none of it (the
  // command-injection cases).
  bool tls_or_failed = false;
  Expectation expect;
  DataAction data;
  std::chrono::milliseconds sleep{0};
};

struct Case {
  std::string id;
  std::string title;
  std::string ref;    // "RFC 959 4.1.1"
  Level level = Level::kMust;
  std::vector<std::string> tags;
  std::string quote;  // the RFC sentence the case checks
  std::vector<std::string> covers;  // requirement ids of the catalogue (docs/requirements.md)
  std::vector<std::string> uses;  // fixture names, already expanded into `steps`
  // Policies the target must declare (variables set to yes/true/1), else the case is skipped:
  // for behaviour the RFC leaves to the server, once the server says it has chosen it.
  std::vector<std::string> requires_policies;
  std::optional<std::chrono::milliseconds> timeout;
  // `maildrop: fresh`: the case needs the account's maildrop to hold exactly the protocol's
  // maildrop messages, in order; the runner resets it first (or the case is inconclusive).
  bool fresh_maildrop = false;
  std::vector<Step> steps;
  SourceLocation where;
  std::string suite;  // the suite name it came from
  // protocol.yaml's variable defaults (SpecSet::variable_defaults), copied into each case by
  // the loader so that the runner, which sees cases and not the SpecSet, can apply them: a
  // value the target gives (profile vars/credentials, --var) wins over its default.
  std::map<std::string, std::string> variable_defaults;

  bool has_tag(const std::string& tag) const;
  // The variables its steps name ({user}, {password}, ...), whether or not a target has them.
  std::set<std::string> variables_used() const;
  // Those of variables_used() that the target must give: the ones without a default.
  std::set<std::string> variables_needed() const;
};

// A file the suite relies on: its content is generated by the harness, deterministically,
// so its checksum is known without a server.
struct FixtureFile {
  std::string key;   // "binary" -> variables files.binary.name, .size, .sha256
  std::string name;  // file name on the server
  std::string content;  // the exact bytes
};

// A message a fresh maildrop holds (POP3, IMAP), from specs/<protocol>/maildrop/. Its
// number is its position in SpecSet::maildrop, from 1.
struct MaildropMessage {
  std::string key;      // "plain" -> variables msg.plain.number, .octets, .lines
  std::string file;     // where it was read from
  std::string content;  // the message with LF line ends (the local form on disk)
  std::string crlf() const;      // the message as the protocol carries it: every line CRLF
  std::size_t body_lines() const;  // lines after the header's blank line
};

struct Suite {
  std::string name;
  std::string protocol;
  std::string file;
  std::vector<Case> cases;
};

// Everything loaded for one protocol: its suites, fixtures and declared variables.
struct SpecSet {
  std::string protocol;
  std::vector<Suite> suites;
  std::map<std::string, std::vector<Step>> fixtures;
  std::vector<FixtureFile> files;
  std::vector<MaildropMessage> maildrop;
  std::vector<std::string> variables;  // variables a target may provide (lint checks uses)
  // Defaults of some of them (protocol.yaml `- {name: sender, default: "..."}`): the value a
  // case gets when the target gives none. Literal text, never expanded.
  std::map<std::string, std::string> variable_defaults;
  // Variables the protocol's plug-in sets for every connection (FTP: passive_command).
  std::vector<std::string> harness_variables;

  std::vector<const Case*> all_cases() const;
};

}  // namespace rfcheck
