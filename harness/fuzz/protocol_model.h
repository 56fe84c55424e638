// What the fuzzer knows of a protocol's grammar and sessions: the commands and what their
// arguments look like, hostile tokens, the phases of a session, which commands need a login,
// and which move data. One entry per protocol; POP3 and IMAP add theirs here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

struct ProtocolModel {
  std::string name;  // "ftp", "smtp"
  std::vector<CommandGrammar> commands;
  std::vector<std::string> tokens;  // dictionary: hostile and boundary arguments
  bool has_data_channel = false;

  const CommandGrammar* find(std::string_view verb) const;  // case-insensitive
  // The session phase after `code` answered `verb` in `phase`. The phases start at
  // initial_phase() after the greeting.
  std::string (*next_phase)(const std::string& phase, const std::string& verb, int code) = nullptr;
  std::string initial_phase = "pre-login";
  bool (*logged_in)(const std::string& phase) = nullptr;
};

const ProtocolModel* find_model(std::string_view protocol);

// A libFuzzer dictionary (-dict=FILE format) from the model's verbs and tokens.
std::string dictionary_text(const ProtocolModel& model);

}  // namespace rfcheck::fuzz
