// RFC 959 5.4 as an oracle: every reply must be one the table lists for the command it
// answers. Commands are matched to replies in order, so pipelined commands work.
#include <algorithm>
#include <cctype>
#include <deque>

#include "proto/ftp_reply_codec.h"
#include "proto/ftp_reply_table.h"
#include "runner/ftp_oracle.h"

namespace rfcheck {
namespace {

class FtpOracle final : public ReplyOracle {
 public:
  FtpOracle() { pending_.push_back(std::string(proto::kFtpGreeting)); }

  void on_sent(std::string_view bytes) override {
    partial_.append(bytes);
    std::size_t eol;
    while ((eol = partial_.find('\n')) != std::string::npos) {
      const std::string line = partial_.substr(0, eol);
      std::string verb = verb_of(line);
      partial_.erase(0, eol + 1);
      // An empty line is no command, and a CR inside a line may end one: some servers answer
      // them (500) or split there, others ignore them, so from here on no reply can be paired
      // with its command for certain. Judge no more.
      const auto cr = line.find('\r');
      if (verb.empty() || (cr != std::string::npos && cr + 1 < line.size())) unpaired_ = true;
      if (verb.empty()) continue;
      if (verb == "USER" || verb == "REIN") logged_in_ = false;  // the login begins again
      // RFC 2428 3: after EPSV ALL "the server MUST reject all data connection setup commands
      // other than EPSV", with no code named: any 4yz/5yz refusal of them is right.
      if (verb == "EPSV" && argument_of(line) == "ALL") epsv_all_ = true;
      pending_.push_back(std::move(verb));
    }
    // A hostile spec or fuzzer can send without end of line; keep the buffer bounded.
    if (partial_.size() > 65536) partial_.clear();
  }

  void on_tls_started() override {
    pending_.clear();
    partial_.clear();
    after_preliminary_ = false;
  }

  std::optional<Finding> on_reply(const proto::Reply& reply) override {
    if (pending_.empty() || reply.code == 0) return std::nullopt;  // unsolicited, or framing
    const std::string verb = unpaired_ ? std::string() : pending_.front();
    const bool preliminary = reply.code >= 100 && reply.code < 200;
    std::optional<proto::ReplyViolation> violation;
    if (!verb.empty()) {
      violation = proto::check_ftp_reply_sequence(verb, after_preliminary_, reply.code);
      if (violation && excused(verb, reply.code)) violation.reset();
      if (reply.code == 230 || (reply.code == 202 && verb != "USER")) logged_in_ = true;
    }
    if (preliminary) {
      after_preliminary_ = true;
    } else {
      pending_.pop_front();
      after_preliminary_ = false;
    }
    if (!violation) return std::nullopt;
    Finding f;
    f.kind = "reply-table";
    f.ref = violation->ref;
    f.message = violation->message;
    return f;
  }

  std::string awaited_command() const override {
    return unpaired_ || pending_.empty() || pending_.front() == proto::kFtpGreeting
               ? std::string()
               : pending_.front();
  }
  std::size_t awaiting() const override { return pending_.size(); }

 private:
  // Replies the 5.4 table does not list that other sentences of the RFCs allow.
  bool excused(const std::string& verb, int code) const {
    // RFC 959 4.1.1: USER "will normally be the first command transmitted by the user after
    // the control connections are made (some servers may require this)"; such a server
    // refuses what comes before the login with 530 "Not logged in".
    if (code == 530 && !logged_in_) return true;
    const bool setup = verb == "PASV" || verb == "PORT" || verb == "EPRT";
    return epsv_all_ && setup && code >= 400 && code < 600;
  }

  static std::string argument_of(const std::string& line) {
    const auto space = line.find(' ');
    std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
    while (!arg.empty() && (arg.back() == '\r' || arg.back() == ' ')) arg.pop_back();
    for (auto& c : arg) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return arg;
  }

  static std::string verb_of(std::string line) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string verb;
    for (char c : line) {
      if (c == ' ') break;
      verb += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return verb;
  }

  std::deque<std::string> pending_;
  std::string partial_;
  bool after_preliminary_ = false;
  bool unpaired_ = false;  // an empty line was sent: pairing is no longer certain
  bool logged_in_ = false;  // a 230 (or PASS/ACCT's 202) since the last USER or REIN
  bool epsv_all_ = false;   // EPSV ALL was sent (RFC 2428 3)
};

}  // namespace

std::unique_ptr<proto::ReplyCodec> make_ftp_codec() {
  return std::make_unique<proto::FtpReplyCodec>();
}
std::unique_ptr<ReplyOracle> make_ftp_oracle() { return std::make_unique<FtpOracle>(); }

}  // namespace rfcheck
