// The IMAP oracle: rules about when a response may come, judged from what the codec says each
// response answers. Framing (tags, literals, the greeting, OK/NO/BAD) is the codec's.
#include "runner/imap_oracle.h"

#include "proto/imap_codec.h"

namespace rfcheck {
namespace {

// RFC 1730 7.3.3 (and RFC 3501 7.4.1, word for word): "An EXPUNGE response MUST NOT be sent
// when no command is in progress; nor while responding to a FETCH, STORE, or SEARCH
// command." Message numbers would shift under the client's feet.
bool expunge_forbidden_during(const std::string& command) {
  for (const char* c : {"FETCH", "STORE", "SEARCH", "UID FETCH", "UID STORE", "UID SEARCH"}) {
    if (command == c) return true;
  }
  return false;
}

class ImapOracle final : public ReplyOracle {
 public:
  void on_sent(std::string_view) override {}
  void on_tls_started() override {}
  // Never asked: the codec's pairing answers these (ControlConnection).
  std::string awaited_command() const override { return {}; }
  std::size_t awaiting() const override { return 0; }

  std::optional<Finding> on_reply(const proto::Reply& reply) override {
    if (!reply.answers) return std::nullopt;
    const std::string& command = *reply.answers;
    if (reply.tag == "*" && reply.status == "EXPUNGE") {
      if (command.empty()) {
        return Finding{"expunge-no-command",
                       "an untagged EXPUNGE arrived while no command was in progress", "RFC 1730 7.3.3",
                       "", Level::kMust};
      }
      if (expunge_forbidden_during(command)) {
        return Finding{"expunge-during-" + lower(command),
                       "an untagged EXPUNGE arrived while the server was answering " + command,
                       "RFC 1730 7.3.3", "", Level::kMust};
      }
    }
    if (reply.tag == "+" && command.empty()) {
      // RFC 1730 7.4: the continuation request "indicates that the server is ready to accept
      // the continuation of a command from the client" - with no command in progress there
      // is nothing to continue.
      return Finding{"continuation-no-command",
                     "a command continuation request arrived while no command was in progress",
                     "RFC 1730 7.4", "", Level::kMust};
    }
    return std::nullopt;
  }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
};

}  // namespace

std::unique_ptr<proto::ReplyCodec> make_imap_codec() { return std::make_unique<proto::ImapCodec>(); }
std::unique_ptr<ReplyOracle> make_imap_oracle() { return std::make_unique<ImapOracle>(); }

}  // namespace rfcheck
