// Plays one session against a live server, the way the runner plays a case: through a
// ControlConnection (the protocol's codec and reply-table oracle on every reply) and, for FTP,
// a DataChannel. It knows from the protocol when a reply is complete, so it never waits on a
// timer for a server that has answered; silence is cut short by an adaptive timeout.
//
// Semantics of each action (the YAML export in case_export.h reproduces exactly these):
//   command      write the model's wire form of the payload (frame_command: "payload\r\n", or
//                for IMAP "a001 payload\r\n" cut after each synchronizing literal's
//                announcement, the next part written after the server's go-ahead "+"); read
//                replies until a final (non-1yz) one, or silence. Replies the model calls
//                interim (IMAP's untagged responses) are read on past: the tagged completion
//                ends the command, a continuation request hands the turn back to the client.
//   raw          write payload as is (no tag); read replies until every complete line sent is
//                answered
//   passive      "PASV" (payload "EPSV": "EPSV"); on 227/229 connect to the named port at the
//                control connection's peer
//   active       listen on the control connection's local address; "PORT h1,..,p2" (payload
//                "EPRT": "EPRT |1|addr|port|"); the server's connection is accepted when a data
//                action needs it
//   data-send    write payload on the data connection, close it, then read the pending reply
//   data-receive read the data connection to its end (bounded), then read the pending reply
//   data-close   close the data connection
//   reconnect    close the control (and data) connection, connect again, read the greeting
//   message      SMTP: write payload dot-stuffed and ended by CRLF.CRLF; read the reply
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "fuzz/protocol_model.h"
#include "fuzz/session.h"
#include "net/stream.h"
#include "runner/protocol_support.h"

namespace rfcheck::fuzz {

struct ExecutorOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  // Silence: how long to wait for a reply before moving on. The executor adapts it to the
  // server's reply latency between `min_silence` and `max_silence`.
  std::chrono::milliseconds min_silence{20};
  std::chrono::milliseconds max_silence{500};
  std::chrono::milliseconds connect_timeout{2'000};
  // The path-escape oracle: a secret that lives only in a file outside the server's root.
  std::string canary_secret;
  // The auth-bypass oracle, for servers whose profile declares policy.login_required.
  bool check_auth = true;
};

// One reply, attributed to the command it answers (the oracle's pairing).
struct Transition {
  std::string phase;    // the session phase before the reply ("pre-login", "logged-in", ...)
  std::string command;  // the verb it answers (upper case), "" for the greeting
  int code = 0;         // 0: a reply that broke the framing rules
};

struct PlayedAction {
  std::vector<int> codes;  // the final replies read for this action, in order (interim ones
                           // are not counted: one IMAP command, one code)
  bool silent = false;     // the action waited for a reply and none came within the silence
  // A command written in parts (frame_command): how many of `codes` each part sent got.
  // Parts after a refused go-ahead were not sent and have no entry. Empty for one part.
  std::vector<std::size_t> part_replies;
};

struct Observation {
  enum class Kind { kFraming, kReplyTable, kAuthBypass, kPathEscape, kSilence };
  Kind kind = Kind::kFraming;
  std::string message;
  std::string ref;
  std::string command;  // the command line it concerns (escaped)
  std::string phase;
  std::size_t action = 0;  // index into the session
  Level level = Level::kMust;
};

struct Execution {
  bool connected = false;        // false: the server did not accept the first connection
  std::string connect_error;
  std::vector<Transition> transitions;
  std::vector<PlayedAction> played;   // one per action of the session
  std::vector<Observation> observations;
  std::string transcript;        // human-readable: "> USER x" / "< 331 ..." / "* event"
  std::string last_command;      // the last command line written, as the session has it
                                 // (escaped; no tag: finding keys must not depend on it)
  std::string last_phase;
  bool closed_by_server = false;  // the control connection ended from the server's side
  std::chrono::microseconds elapsed{0};
};

class SessionExecutor {
 public:
  SessionExecutor(const ProtocolSupport& protocol, const ProtocolModel& model,
                  net::Network& network, ExecutorOptions options);
  Execution play(const Session& session);
  void set_port(int port) { options_.port = port; }
  const ExecutorOptions& options() const { return options_; }
  // The adaptive silence timeout for a command: a few times the latency this server has
  // shown for that verb (a password check is slower than NOOP), within the options' bounds.
  std::chrono::milliseconds silence(const std::string& verb) const;
  void learn_latency(const std::string& verb, std::chrono::microseconds latency);
  void learn_silence(const std::string& verb);  // no reply came within silence(verb)

 private:
  std::string latency_key(const std::string& verb) const;

  const ProtocolSupport& protocol_;
  const ProtocolModel& model_;
  net::Network& network_;
  ExecutorOptions options_;
  std::map<std::string, double> latency_ewma_us_;  // by verb
};

}  // namespace rfcheck::fuzz
