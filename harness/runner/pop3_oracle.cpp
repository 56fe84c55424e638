// POP3 has no command-reply table (every command is answered +OK or -ERR, RFC 1939 3): the
// codec judges the framing, and it pairs responses with commands itself, since its framing
// depends on the command a response answers (Reply::answers, ReplyCodec::awaiting). So the
// oracle has nothing to judge.
#include "runner/pop3_oracle.h"

#include "proto/pop3_codec.h"

namespace rfcheck {
namespace {

class Pop3Oracle final : public ReplyOracle {
 public:
  void on_sent(std::string_view) override {}
  std::optional<Finding> on_reply(const proto::Reply&) override { return std::nullopt; }
  void on_tls_started() override {}
  // Never asked: the codec's pairing answers these (ControlConnection).
  std::string awaited_command() const override { return {}; }
  std::size_t awaiting() const override { return 0; }
};

}  // namespace

std::unique_ptr<proto::ReplyCodec> make_pop3_codec() { return std::make_unique<proto::Pop3Codec>(); }
std::unique_ptr<ReplyOracle> make_pop3_oracle() { return std::make_unique<Pop3Oracle>(); }

}  // namespace rfcheck
