// The FTP data channel of one control connection: active (we listen) or passive (we connect),
// then receive-all with checks, or send-and-close.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "net/stream.h"
#include "proto/reply.h"
#include "runner/recorder.h"

namespace rfcheck {

class DataChannel {
 public:
  DataChannel(net::Network& network, Recorder& recorder, std::string connection)
      : network_(network), recorder_(recorder), connection_(std::move(connection)) {}
  ~DataChannel() { close(); }

  struct Result {
    bool ok = true;
    std::string message, expected, actual;
    std::map<std::string, std::string> variables;  // listen: data.port_arg, data.eprt_arg
  };
  struct Checks {
    std::optional<std::string> sha256, size, text_regex, not_text_regex;
    bool crlf_lines = false;
  };

  // `control_local` is the control connection's local address, used unless `address` is set.
  Result listen(const std::string& control_local, const std::string& address,
                const std::string& mode);
  // Connects to the port the last 227/229 reply names, always at `control_peer`.
  Result connect(const std::string& control_peer, const std::optional<proto::Reply>& last,
                 const std::string& mode, net::Deadline deadline);
  Result receive(const Checks& checks, net::Deadline deadline);
  Result send(const std::string& payload, net::Deadline deadline);
  Result expect_no_connection(net::Deadline deadline);
  void close();

 private:
  // The connection, accepting it first in active mode.
  net::Stream* stream(net::Deadline deadline, Result& failure);
  void note(std::string text) { recorder_.add(TranscriptEntry::Kind::kData, connection_, std::move(text)); }

  net::Network& network_;
  Recorder& recorder_;
  std::string connection_;
  std::unique_ptr<net::Listener> listener_;
  std::unique_ptr<net::Stream> stream_;
};

}  // namespace rfcheck
