// A fuzzing input: one session with a server, as a list of actions. Sessions are what the
// mutator edits, what the executor plays and what triage minimizes; libFuzzer only ever sees
// their serialized bytes.
//
// Serialized form (compact, and total: every byte string decodes to some session, so
// libFuzzer's own byte mutations never produce an input we cannot play):
//   repeated { kind: 1 byte (taken modulo the number of kinds), length: 2 bytes little-endian
//              (cut to what remains), payload: `length` bytes }
// at most kMaxActions actions; anything after is ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rfcheck::fuzz {

struct Action {
  enum class Kind : std::uint8_t {
    kCommand,      // payload is one command line without its CRLF: "VERB argument"
    kRaw,          // payload sent exactly as is (may hold CR, LF, NUL or no line end at all)
    kPassive,      // FTP: send PASV (payload "EPSV": EPSV) and connect to the port it names
    kActive,       // FTP: listen on loopback, send PORT (payload "EPRT": EPRT) naming it
    kDataSend,     // FTP: write payload on the data connection, then close it (end of file)
    kDataReceive,  // FTP: read the data connection until the server closes it
    kDataClose,    // FTP: close the data connection early
    kReconnect,    // close the control connection and open a new one to the same server
    kMessage,      // SMTP: payload as message content, dot-stuffed, then CRLF.CRLF
  };
  static constexpr std::size_t kKinds = 9;

  Kind kind = Kind::kCommand;
  std::string payload;

  bool operator==(const Action&) const = default;

  // kCommand only: the verb (up to the first space) and the argument (after it).
  std::string_view verb() const;
  std::string_view argument() const;
  static Action command(std::string_view verb, std::string_view argument = {});
};

struct Session {
  std::vector<Action> actions;
  bool operator==(const Session&) const = default;
};

inline constexpr std::size_t kMaxActions = 64;
inline constexpr std::size_t kMaxPayload = 65535;

std::string encode(const Session& session);
Session decode(std::string_view bytes);

std::string_view to_string(Action::Kind kind);  // "command", "raw", "passive", ...
// One line per action, bytes escaped: how sessions appear in logs and finding reports.
std::string describe(const Session& session);
// The bytes of a command or raw action before any protocol framing: CRLF added to commands.
// The executor writes commands in the model's wire form (ProtocolModel::frame_command).
std::string control_bytes(const Action& action);

}  // namespace rfcheck::fuzz
