// What the runner needs to know of one protocol: how to frame its replies and which global
// oracle judges every reply. Adding a protocol means adding one entry here, not touching the
// runner.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "proto/reply.h"

namespace rfcheck {

// Judges every reply on one connection against the protocol's command-reply table.
class ReplyOracle {
 public:
  virtual ~ReplyOracle() = default;
  // The client wrote these bytes: each complete line is one command awaiting its reply.
  virtual void on_sent(std::string_view bytes) = 0;
  // A violation, or nullopt.
  virtual std::optional<Finding> on_reply(const proto::Reply& reply) = 0;
  // The TLS handshake completed: whatever the client wrote in plaintext after the command that
  // started it was discarded by a correct server (RFC 3207 4, RFC 4217 7), so no reply answers
  // it. The session continues as a new command stream.
  virtual void on_tls_started() = 0;
  // The verb (upper case) the next reply answers, as the oracle pairs them: "" for the
  // greeting or when nothing is awaited. The fuzzer's protocol-state feedback reads it.
  virtual std::string awaited_command() const = 0;
  // Commands (and the greeting) still waiting for their final reply.
  virtual std::size_t awaiting() const = 0;
};

struct ProtocolSupport {
  std::string name;
  std::unique_ptr<proto::ReplyCodec> (*make_codec)();
  std::unique_ptr<ReplyOracle> (*make_oracle)();
  bool has_data_channel;
};

// nullptr for a protocol rfcheck does not know.
const ProtocolSupport* find_protocol(std::string_view name);

}  // namespace rfcheck
