// RFC 2821 4.3.2 as an oracle: every reply must be one the table lists for what it answers.
// Replies answer the greeting, then the client's commands in order, so pipelined commands
// (RFC 2920) pair up. Not every client line is a command: after a 354 to DATA the client
// sends the message up to <CRLF>.<CRLF> (RFC 2821 4.1.1.4), and after a 334 to AUTH one
// line of SASL response (RFC 4954 4); the reply after either is DATA's or AUTH's again.
// Whether the bytes after DATA or AUTH are commands is known only from its reply, so until
// that reply the oracle keeps them unread.
#include "runner/smtp_oracle.h"

#include <cctype>
#include <deque>
#include <string>

#include "proto/smtp_reply_codec.h"
#include "proto/smtp_reply_table.h"

namespace rfcheck {
namespace {

using proto::SmtpStage;

// What the client sends after a command's 3yz reply.
enum class FollowUp {
  kNone,
  kMessage,  // DATA: message content up to <CRLF>.<CRLF>, once (RFC 2821 4.1.1.4)
  kLine,     // AUTH: one response line per 334 challenge (RFC 4954 4)
};

FollowUp follow_up(const std::string& verb) {
  if (verb == "DATA") return FollowUp::kMessage;
  if (verb == "AUTH") return FollowUp::kLine;
  return FollowUp::kNone;
}

// Enough of a line to hold any verb; the rest of a long line is counted, not kept.
constexpr std::size_t kMaxVerbBytes = 64;
// Bytes written after DATA or AUTH before its reply came. A client that waits for the
// reply (as RFC 2920 3.1 asks for DATA's content) keeps this empty; past the bound the
// oracle no longer knows what the bytes were and stops judging rather than guess.
constexpr std::size_t kMaxUnread = 256 * 1024;

class SmtpOracle final : public ReplyOracle {
 public:
  SmtpOracle() { pending_.push_back({std::string(proto::kSmtpGreeting), SmtpStage::kCommand}); }

  void on_sent(std::string_view bytes) override {
    if (lost_) return;
    interpret(bytes);
  }

  void on_tls_started() override {
    tls_ = true;
    pending_.clear();
    mode_ = Mode::kCommand;
    blocked_ = false;
    line_.clear();
    unread_.clear();
    end_match_ = 0;
  }

  std::optional<Finding> on_reply(const proto::Reply& reply) override {
    // Unsolicited, framing (the codec reports it), or the oracle lost track.
    if (lost_ || pending_.empty() || reply.code == 0) return std::nullopt;
    Expected& e = pending_.front();
    const std::string verb = e.verb;
    auto violation = proto::check_smtp_reply_sequence(verb, e.stage, reply.code);
    // RFC 3207 4.1: a server unsatisfied with the TLS session "SHOULD reply to every SMTP
    // command from the client (other than a QUIT command) with the 554 reply code".
    if (violation && tls_ && reply.code == 554 && verb != "QUIT") violation.reset();
    // RFC 2821 3.1: after a 554 greeting the server "SHOULD respond to any intervening
    // commands with "503 bad sequence of commands"", so 503 answers any command but QUIT.
    if (verb == proto::kSmtpGreeting) refused_greeting_ = reply.code == 554;
    if (violation && refused_greeting_ && reply.code == 503 && verb != "QUIT") violation.reset();

    // The client's stream can only wait on the newest command: nothing is read after it.
    const bool newest = pending_.size() == 1;
    const FollowUp follow = follow_up(verb);
    // RFC 2821 4.3.2 asks clients to read the first digit: any 3yz goes on with the
    // exchange; DATA's second stage ends it whatever comes, AUTH's goes on with each 334.
    const bool goes_on = follow != FollowUp::kNone && proto::smtp_is_intermediate(reply.code) &&
                         (e.stage == SmtpStage::kCommand || follow == FollowUp::kLine);
    if (goes_on) {
      e.stage = SmtpStage::kAfterIntermediate;
      if (newest && blocked_) {
        mode_ = follow == FollowUp::kMessage ? Mode::kMessage : Mode::kResponse;
        end_match_ = kAtLineStart;
        resume();
      }
    } else {
      pending_.pop_front();
      if (newest && blocked_) {
        mode_ = Mode::kCommand;
        resume();
      } else if (newest && mode_ == Mode::kResponse) {
        // The exchange ended before the client answered the challenge: what it sends
        // next is a command.
        mode_ = Mode::kCommand;
      }
    }

    if (!violation) return std::nullopt;
    Finding f;
    f.kind = "reply-table";
    // RFC 2821 4.3.1, of the command-reply sequences: "These SHOULD be strictly adhered to".
    f.level = Level::kShould;
    f.ref = violation->ref;
    f.message = violation->message;
    return f;
  }

  std::string awaited_command() const override {
    if (lost_ || pending_.empty() || pending_.front().verb == proto::kSmtpGreeting) return {};
    return pending_.front().verb;
  }
  std::size_t awaiting() const override { return lost_ ? 0 : pending_.size(); }

 private:
  enum class Mode { kCommand, kMessage, kResponse };
  struct Expected {
    std::string verb;
    SmtpStage stage;
  };

  // States of the match of "\r\n.\r\n": how many of its bytes the stream ends with.
  static constexpr int kAtLineStart = 2;  // right after CRLF: DATA's own counts (4.1.1.4)
  static constexpr int kEnded = 5;

  void interpret(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size() && !lost_) {
      if (blocked_) {
        keep_unread(bytes.substr(i));
        return;
      }
      if (mode_ == Mode::kMessage) {
        i = scan_message(bytes, i);
        continue;
      }
      const std::size_t eol = bytes.find('\n', i);
      const std::size_t end = eol == std::string_view::npos ? bytes.size() : eol;
      if (mode_ == Mode::kCommand && line_.size() < kMaxVerbBytes) {
        line_.append(bytes.substr(i, std::min(end - i, kMaxVerbBytes - line_.size())));
      }
      if (eol == std::string_view::npos) return;
      i = eol + 1;
      if (mode_ == Mode::kResponse) {
        // The SASL response is sent; its reply decides what comes next.
        blocked_ = true;
        continue;
      }
      const std::string verb = verb_of(line_);
      line_.clear();
      pending_.push_back({verb, SmtpStage::kCommand});
      const auto* row = proto::smtp_command_replies(verb);
      if (row && !row->intermediate.empty()) blocked_ = true;
    }
  }

  // Skips message content from bytes[i]; returns where the content ended, or bytes.size().
  std::size_t scan_message(std::string_view bytes, std::size_t i) {
    while (i < bytes.size()) {
      const char c = bytes[i++];
      switch (end_match_) {
        case 0: end_match_ = c == '\r' ? 1 : 0; break;
        case 1: end_match_ = c == '\n' ? 2 : c == '\r' ? 1 : 0; break;
        case 2: end_match_ = c == '.' ? 3 : c == '\r' ? 1 : 0; break;
        // A dot-stuffed line ("..", RFC 2821 4.5.2) is content.
        case 3: end_match_ = c == '\r' ? 4 : 0; break;
        // RFC 2821 4.1.1.4: "<LF>.<LF>" MUST NOT end the data; only CRLF.CRLF does.
        case 4: end_match_ = c == '\n' ? kEnded : c == '\r' ? 1 : 0; break;
        default: end_match_ = 0; break;
      }
      if (end_match_ == kEnded) {
        mode_ = Mode::kCommand;
        end_match_ = 0;
        return i;
      }
    }
    return i;
  }

  void keep_unread(std::string_view bytes) {
    if (unread_.size() + bytes.size() > kMaxUnread) {
      lost_ = true;
      unread_.clear();
      return;
    }
    unread_.append(bytes);
  }

  // The reply the stream waited on came: read what was kept in the light of it.
  void resume() {
    blocked_ = false;
    std::string kept;
    kept.swap(unread_);
    interpret(kept);
  }

  static std::string verb_of(std::string_view line) {
    std::string verb;
    for (char c : line) {
      if (c == ' ' || c == '\r') break;
      verb += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return verb;
  }

  std::deque<Expected> pending_;  // what the coming replies answer, oldest first
  Mode mode_ = Mode::kCommand;
  bool blocked_ = false;  // bytes wait in unread_ for the newest entry's reply
  bool lost_ = false;
  bool tls_ = false;
  bool refused_greeting_ = false;  // the greeting was 554 (RFC 2821 3.1)
  std::string line_;  // the start of the command line being read
  std::string unread_;
  int end_match_ = 0;
};

}  // namespace

std::unique_ptr<proto::ReplyCodec> make_smtp_codec() {
  return std::make_unique<proto::SmtpReplyCodec>();
}
std::unique_ptr<ReplyOracle> make_smtp_oracle() { return std::make_unique<SmtpOracle>(); }

}  // namespace rfcheck
