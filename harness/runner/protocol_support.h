// What the runner needs to know of one protocol: how to frame its replies, which global
// oracle judges every reply, and the rest of ProtocolSupport. Adding a protocol means a
// plug-in folder (harness/protocols/<name>/) and one line in the registry, not touching the
// runner.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/spec_model.h"
#include "proto/reply.h"

namespace rfcheck {

// Judges every reply on one connection against the protocol's command-reply table.
class ReplyOracle {
 public:
  virtual ~ReplyOracle() = default;
  // The client wrote these bytes: each complete line is one command awaiting its reply.
  virtual void on_sent(std::string_view bytes) = 0;
  // A violation, or nullopt.
  virtual std::optional<Finding> on_reply(const proto::Reply& reply) = 0;
  // The TLS handshake completed: whatever the client wrote in plaintext after the command that
  // started it was discarded by a correct server (RFC 3207 4, RFC 4217 7), so no reply answers
  // it. The session continues as a new command stream.
  virtual void on_tls_started() = 0;
  // The verb (upper case) the next reply answers, as the oracle pairs them: "" for the
  // greeting or when nothing is awaited. The fuzzer's protocol-state feedback reads it.
  virtual std::string awaited_command() const = 0;
  // Commands (and the greeting) still waiting for their final reply.
  virtual std::size_t awaiting() const = 0;
};

// One command on a connection a plug-in keeps house on, and its exchange (the untagged
// responses and the completion); nullopt when the connection failed.
using HousekeepingCommand =
    std::function<std::optional<std::vector<proto::Reply>>(const std::string& command)>;

// Everything the runner knows of one protocol. Each protocol's plug-in
// (harness/protocols/<name>/) fills one; harness/protocols/registry lists them. Nothing
// outside a plug-in compares protocol names: layers below read these fields.
struct ProtocolSupport {
  std::string name;                 // "ftp": what profiles and protocol.yaml say
  std::string default_rfc;          // "RFC 959": what exported cases cite (the fuzz model's rfc)
  std::unique_ptr<proto::ReplyCodec> (*make_codec)() = nullptr;
  std::unique_ptr<ReplyOracle> (*make_oracle)() = nullptr;
  bool has_data_channel = false;    // FTP's second connection per transfer
  // The control connection is a Telnet stream (FTP, RFC 959 4.2): send_synch can put the
  // Telnet IP and Synch before a command.
  bool telnet_control = false;
  bool reserves_data_ports = false; // the launcher keeps a block of ports for passive mode
  // The RFC sentence that puts the TLS handshake right after the server's go-ahead (data the
  // server sends in between is a finding).
  std::string tls_ref;
  // Variables the plug-in sets for each case (declared in protocol.yaml harness_variables),
  // from the harness's own address on the case's main connection ("127.0.0.1", "::1"), once
  // it is open: FTP's passive_command is PASV on IPv4 and EPSV on IPv6.
  std::map<std::string, std::string> (*connection_variables)(const std::string& local_address) =
      nullptr;
  // Against a server rfcheck did not launch: a case that puts the suite's fixture files on
  // it (FTP: STOR), or nullopt when the protocol has no way to.
  std::optional<Case> (*provision_case)(const SpecSet& specs) = nullptr;
  // The command that ends a session politely (QUIT; IMAP's LOGOUT): the login check sends it
  // so that the account is free (POP3's lock released) before the first case logs in.
  std::string logout_command = "QUIT";
  // A logged-in session holds its account exclusively (POP3's maildrop lock, RFC 1939 8): a
  // case that logs in then holds one of the target's accounts for its whole run.
  bool exclusive_logins = false;
  // Every command carries a tag of the client's choosing (IMAP, RFC 1730 2.2.1): a spec's
  // `send:` gets the connection's next tag (a001, a002, ...) in front, and {tag} names it.
  bool tags_commands = false;
  // The mailbox a reset maildrop is (IMAP: INBOX): {maildrop.mailbox}. Empty: the protocol
  // has no mailbox names (POP3).
  std::string maildrop_mailbox;
  // Against a target whose maildrops cannot be reset: steps (on a connection of their own,
  // from the greeting on, logged in as {user}) that create the mailbox {maildrop.mailbox} and
  // put `messages` in it, in order (IMAP: CREATE, APPEND). nullptr: the protocol has no way
  // to (POP3), and cases that need the messages are inconclusive there.
  std::vector<Step> (*provision_mailbox)(const std::vector<MaildropMessage>& messages) = nullptr;
  // Removes, after such a case, every mailbox whose name holds `token` (the case's {uniq}):
  // the provisioned one and any the case created. `command` sends one command on a logged-out
  // connection past its greeting and returns its exchange (nullopt: the connection failed);
  // the result says what was removed or why not, for the transcript.
  std::string (*remove_case_mailboxes)(const HousekeepingCommand& command,
                                       const std::map<std::string, std::string>& variables,
                                       const std::string& token) = nullptr;
};

}  // namespace rfcheck
