// Pairs POP3 responses with commands: the greeting first, then each command in the order
// sent (RFC 2449 6.6: pipelined commands are answered in order). A "+" continuation keeps an
// AUTH outstanding, and the client's next line is its SASL answer, not a command (RFC 5034 4).
#include "runner/pop3_oracle.h"

#include <cctype>
#include <deque>
#include <string>

#include "proto/pop3_codec.h"

namespace rfcheck {
namespace {

// Enough of a line to hold any keyword; the rest of a long line is counted, not kept.
constexpr std::size_t kMaxKeywordBytes = 64;
// A client that pipelines more than this is flooding, not testing: later commands are not
// paired (they answer as "") rather than grow memory.
constexpr std::size_t kMaxPending = 10'000;

class Pop3Oracle final : public ReplyOracle {
 public:
  Pop3Oracle() { pending_.push_back(""); }  // the greeting

  void on_sent(std::string_view bytes) override {
    for (char c : bytes) {
      if (c == '\n') {
        end_line();
      } else if (c != '\r' && line_.size() < kMaxKeywordBytes) {
        line_ += c;
      }
    }
  }

  std::optional<Finding> on_reply(const proto::Reply& reply) override {
    if (pending_.empty()) return std::nullopt;
    if (reply.status == "+") {
      sasl_answers_ += 1;  // the client's next line answers the challenge
      return std::nullopt;
    }
    if (pending_.front() == "AUTH") sasl_answers_ = 0;
    pending_.pop_front();
    return std::nullopt;
  }

  void on_tls_started() override {
    // RFC 2595 4: after the handshake the session goes on, with no new greeting.
    pending_.clear();
    line_.clear();
    sasl_answers_ = 0;
  }

  std::string awaited_command() const override {
    return pending_.empty() ? std::string() : pending_.front();
  }
  std::size_t awaiting() const override { return pending_.size(); }

 private:
  void end_line() {
    std::string keyword = line_.substr(0, line_.find(' '));
    line_.clear();
    if (sasl_answers_ > 0) {
      sasl_answers_ -= 1;
      return;
    }
    for (auto& c : keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (pending_.size() < kMaxPending) pending_.push_back(std::move(keyword));
  }

  std::deque<std::string> pending_;  // keywords awaiting a final +OK/-ERR; "" = greeting
  std::string line_;
  int sasl_answers_ = 0;  // SASL response lines the client owes after "+" continuations
};

}  // namespace

std::unique_ptr<proto::ReplyCodec> make_pop3_codec() { return std::make_unique<proto::Pop3Codec>(); }
std::unique_ptr<ReplyOracle> make_pop3_oracle() { return std::make_unique<Pop3Oracle>(); }

}  // namespace rfcheck
