// What the fuzzer knows of a protocol's grammar and sessions: the commands and what their
// arguments look like, hostile tokens, the phases of a session, which commands need a login,
// and which move data. Each protocol's plug-in (harness/protocols/<name>/) builds its own.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/session.h"
#include "proto/reply.h"

namespace rfcheck::fuzz {

enum class ArgumentShape {
  kNone,      // NOOP, PWD, QUIT
  kPath,      // RETR, CWD, MKD
  kName,      // USER, PASS, HELO domain
  kNumber,    // REST, ALLO
  kWord,      // TYPE A, MODE S, STRU F
  kHostPort,  // PORT, EPRT
  kMailbox,   // SMTP MAIL FROM:<...>, RCPT TO:<...>
  kFree,      // HELP, SITE, AUTH
};

struct CommandGrammar {
  std::string verb;
  ArgumentShape shape = ArgumentShape::kNone;
  std::vector<std::string> examples;  // valid arguments ("A", "I", "FROM:<a@b>")
  bool needs_login = false;   // answered 1yz/2yz/3yz before login: an auth-bypass finding
  bool moves_data = false;    // FTP: uses the data connection (RETR, STOR, LIST, ...)
  // Starts a command sequence the next command completes (RNFR then RNTO, REST then RETR,
  // USER then PASS, MAIL then RCPT): what is sent in between is where order bugs live.
  bool opens_sequence = false;
  std::string completed_by;  // the verb that completes the sequence ("RNTO" for RNFR)
};

// How one command action goes on the wire. Most protocols write the line and CRLF at once;
// IMAP puts a tag in front and cuts the line after each synchronizing literal's announcement,
// since the literal may follow only the server's go-ahead (RFC 3501 7.5).
struct CommandWire {
  // The bytes to write, in order, the last ending in CRLF. Each part after the first is
  // written only once the server has answered the one before with a go-ahead (a reply of
  // class 3yz); a refusal or silence instead ends the command there, as the runner does.
  std::vector<std::string> parts;
  // The go-ahead's status, for an exported case's conditions (IMAP "+"); empty with one part.
  std::string go_ahead_status;
};

struct ProtocolModel {
  std::string name;  // "ftp", "smtp"
  std::string rfc;   // "RFC 959": what an exported case cites when the finding names no
                     // section (the plug-in sets its default RFC here)
  std::vector<CommandGrammar> commands;
  std::vector<std::string> tokens;  // dictionary: hostile and boundary arguments
  bool has_data_channel = false;
  // The session's message action (SMTP: content after DATA's 354) means something here; the
  // mutator inserts it nowhere else (an IMAP message goes as an APPEND literal).
  bool sends_messages = false;

  const CommandGrammar* find(std::string_view verb) const;  // case-insensitive
  // The session phase after `code` answered `verb` in `phase`. The phases start at
  // initial_phase() after the greeting.
  std::string (*next_phase)(const std::string& phase, const std::string& verb, int code) = nullptr;
  std::string initial_phase = "pre-login";
  bool (*logged_in)(const std::string& phase) = nullptr;
  std::string login_ref = "RFC 959 4.1.1";  // what an auth-bypass finding cites
  // How an exported case says "refused": status words for protocols without codes (POP3:
  // -ERR); empty: any 4yz or 5yz code.
  std::vector<std::string> refusal_statuses;
  // A reply's class as the executor, the phases and the feedback reason about it: the code of
  // FTP and SMTP, and for protocols without codes their status mapped onto the same classes
  // (POP3: +OK 200, -ERR 500, a SASL continuation 334). 0: no readable status.
  int (*reply_class_of)(const proto::Reply& reply) = nullptr;
  int reply_class(const proto::Reply& reply) const {
    return reply_class_of ? reply_class_of(reply) : reply.code;
  }
  // How a command action is written (IMAP: tagged, literals after the go-ahead). `index`
  // counts the commands sent on the connection from 0 (a reconnect starts again), which is
  // all a tag needs: the executor and an exported case tag alike. nullptr: the line + CRLF.
  CommandWire (*frame_command)(std::string_view line, std::size_t index) = nullptr;
  // A response that belongs to a command's answer without ending it (IMAP's untagged
  // responses while the command is in progress, RFC 3501 7): the executor reads on, and it
  // moves no phase, makes no transition and is no played code, so one command still makes
  // one reply, as one `expect` of the runner reads it. nullptr: every reply ends one.
  bool (*interim_reply)(const proto::Reply& reply) = nullptr;
  // Edits only this protocol's grammar knows (IMAP: tags, lying literal lengths, sequence
  // sets, nested lists), one of the mutator's edits; false when it changed nothing.
  bool (*protocol_edit)(Session& session, std::mt19937& rng) = nullptr;
};

// The wire form of a command action: the model's frame_command, else the line and CRLF.
CommandWire frame_command(const ProtocolModel& model, std::string_view line, std::size_t index);

// Hostile and boundary arguments every protocol shares: numbers at type edges, format
// specifiers, traversal, injected line ends, NUL and high bytes.
const std::vector<std::string>& common_tokens();

// A libFuzzer dictionary (-dict=FILE format) from the model's verbs and tokens.
std::string dictionary_text(const ProtocolModel& model);

}  // namespace rfcheck::fuzz
