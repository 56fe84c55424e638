// One control connection of a case: the stream, the protocol's codec and oracle, and the
// replies decoded but not yet expected.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/stream.h"
#include "proto/reply.h"
#include "runner/protocol_support.h"
#include "runner/recorder.h"

namespace rfcheck {

class ControlConnection {
 public:
  ControlConnection(std::string name, std::unique_ptr<net::Stream> stream,
                    const ProtocolSupport& protocol, Recorder& recorder);

  enum class Status { kOk, kClosed, kTimeout, kError };
  struct Next {
    Status status = Status::kOk;
    proto::Reply reply;  // kOk
    std::string answers;  // kOk: the command verb the oracle paired the reply with
    std::string error;   // kError
  };

  // An exchange (IMAP): the untagged responses to the command in progress and then its
  // completion (tagged, or a continuation request); without a command in progress, one
  // response. For protocols without untagged responses, one reply. kOk: the last response is
  // the final one; otherwise `responses` holds what arrived before the close or timeout.
  struct Exchange {
    Status status = Status::kOk;
    std::vector<proto::Reply> responses;
    std::string error;  // kError
  };

  // How the server answered a synchronizing literal's announcement (RFC 1730 7.4).
  enum class GoAhead { kContinue, kAnswered, kClosed, kTimeout, kError };

  // `shown` is what the transcript records (the command as written in the spec).
  Status send(std::string_view bytes, const std::string& shown, net::Deadline deadline,
              std::string* error);
  // Signals before a command line: `urgent` goes as TCP urgent data, `marker` after it in the
  // normal stream, then `line` (send() is this without signals). The signals are no command: the oracle and the codec see only
  // `line` (RFC 959 4.1.3's Telnet IP and Synch before ABOR).
  Status send_after_urgent(std::string_view urgent, std::string_view marker,
                           std::string_view line, const std::string& shown,
                           net::Deadline deadline, std::string* error);
  // The next complete reply; framing findings and oracle violations are recorded.
  Next next_reply(net::Deadline deadline);
  Exchange next_exchange(net::Deadline deadline);
  // Waits for a continuation request and takes it off the queue (kContinue); untagged
  // responses stay queued for the next expect. kAnswered: a tagged response came first (the
  // server refused the command; it stays queued too).
  GoAhead await_continuation(net::Deadline deadline);
  // The next tag for a command on this connection: a001, a002, ...
  std::string next_tag();
  // Waits for the server to close the connection; a reply that arrives first is returned.
  Next wait_closed(net::Deadline deadline);
  void close();
  // Ends our side and reads (discarding) until the server closes, or the deadline: a server
  // that finishes a session's work before it closes (a POP3 maildrop's lock and indexes) has
  // finished it when this returns true.
  bool finish_and_wait_closed(net::Deadline deadline);
  // Starts TLS on the connection. Anything the server sent after the reply that preceded the
  // handshake is a finding: RFC 3207 4 / RFC 2595 3.1 put the handshake next, and plaintext
  // accepted across it is how command injection into TLS sessions works.
  // `implicit`: TLS from the first byte (POP3S, SMTPS): the greeting still comes, inside TLS.
  Status start_tls(const std::string& server_name, net::Deadline deadline, std::string* error,
                   bool implicit = false);

  const std::string& name() const { return name_; }
  std::optional<int> last_code() const { return last_code_; }
  // The last reply's status in the protocol's own terms ("+OK"), nullopt before any.
  const std::optional<std::string>& last_status() const { return last_status_; }
  void forget_last_code() {
    last_code_.reset();
    last_status_.reset();
  }
  const std::optional<proto::Reply>& last_reply() const { return last_reply_; }
  net::Stream& stream() { return *stream_; }
  bool closed_by_server() const { return eof_; }
  // The server has begun a reply (a line, or lines of a multi-line one) it has not finished.
  bool reply_in_progress() const { return codec_->in_reply(); }
  // The server closed the connection with a command (or the greeting) still unanswered:
  // RFC 959 4.2 and its peers give every command a reply, even the one before a close (421),
  // so this is how a crash looks from the client's side.
  bool hung_up_mid_command() const { return eof_ && oracle_->awaiting() > 0; }
  // Commands sent (and the greeting) whose final reply has not arrived yet.
  std::size_t awaiting() const { return codec_->awaiting().value_or(oracle_->awaiting()); }

 private:
  void absorb(const proto::CodecOutput& out);
  void read_more(net::Deadline deadline, Next& failure, bool& failed);

  std::string name_;
  std::unique_ptr<net::Stream> stream_;
  const ProtocolSupport& protocol_;
  std::unique_ptr<proto::ReplyCodec> codec_;
  std::unique_ptr<ReplyOracle> oracle_;
  Recorder& recorder_;
  // Replies a case may have framed but not read yet, and responses one exchange keeps: a
  // server that floods replies (10 GB of IMAP untagged data, endless unsolicited 200s) meets
  // this bound before the step's deadline; the rest are read, shown to the oracle and dropped,
  // with a framing finding (docs/robustness.md).
  static constexpr std::size_t kMaxQueuedReplies = 10'000;
  void too_many_replies();

  std::deque<std::pair<proto::Reply, std::string>> ready_;  // reply, the verb it answers
  bool flooded_ = false;  // too_many_replies() reported it
  std::optional<int> last_code_;
  std::optional<std::string> last_status_;
  std::optional<proto::Reply> last_reply_;
  bool eof_ = false;
  unsigned tags_sent_ = 0;
};

}  // namespace rfcheck
