// SMTP's entry in the protocol table: its reply codec and its RFC 2821 4.3.2 oracle.
#pragma once

#include <memory>

#include "proto/reply.h"
#include "runner/protocol_support.h"

namespace rfcheck {

std::unique_ptr<proto::ReplyCodec> make_smtp_codec();
std::unique_ptr<ReplyOracle> make_smtp_oracle();

}  // namespace rfcheck
