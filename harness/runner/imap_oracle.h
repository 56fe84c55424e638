// IMAP's reply codec and oracle for the runner. The codec frames responses and pairs each
// with the command it answers (by tag; Reply::answers); the oracle judges what depends on
// that pairing: when an untagged EXPUNGE or a continuation request may come (RFC 1730 7.3.3,
// 7.4).
#pragma once

#include <memory>

#include "proto/reply.h"
#include "runner/protocol_support.h"

namespace rfcheck {

std::unique_ptr<proto::ReplyCodec> make_imap_codec();
std::unique_ptr<ReplyOracle> make_imap_oracle();

}  // namespace rfcheck
