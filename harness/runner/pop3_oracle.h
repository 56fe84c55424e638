// POP3's reply codec and oracle for the runner. POP3 has no command-reply table (every command
// is answered +OK or -ERR, RFC 1939 3): the codec checks the framing and pairs responses with
// the commands they answer, so transcripts and the fuzzer's states name them.
#pragma once

#include <memory>

#include "proto/reply.h"
#include "runner/protocol_support.h"

namespace rfcheck {

std::unique_ptr<proto::ReplyCodec> make_pop3_codec();
std::unique_ptr<ReplyOracle> make_pop3_oracle();

}  // namespace rfcheck
