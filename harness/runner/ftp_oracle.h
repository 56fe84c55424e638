// FTP's entry in the protocol table: its reply codec and its RFC 959 5.4 oracle.
#pragma once

#include <memory>

#include "proto/reply.h"
#include "runner/protocol_support.h"

namespace rfcheck {

std::unique_ptr<proto::ReplyCodec> make_ftp_codec();
std::unique_ptr<ReplyOracle> make_ftp_oracle();

}  // namespace rfcheck
