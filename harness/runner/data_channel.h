// The FTP data channel of one control connection: active (we listen) or passive (we connect),
// then receive-all with checks, or send-and-close.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

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
    std::string text;  // receive: the data's first bytes, as text checks see them
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
  // Reads until the server closes the data connection (or `deadline`), then checks what came.
  // After start_receive, it waits for the background reading and checks what that got.
  Result receive(const Checks& checks, net::Deadline deadline);
  // Starts reading in the background until `deadline`, so a transfer goes on while the
  // control connection's replies are awaited (ABOR: RFC 959 4.1.3). Until receive() or
  // close(), nothing else may use the data connection.
  Result start_receive(net::Deadline deadline);
  Result send(const std::string& payload, net::Deadline deadline);
  Result expect_no_connection(net::Deadline deadline);
  void close();

 private:
  // What a receive read: counted and hashed, the first bytes kept for text checks.
  struct Received {
    std::size_t total = 0, bare_lf = 0;
    std::string digest, kept;
    bool closed = false;  // end of file (or a reset), not the deadline
  };
  static Received read_all(net::Stream& stream, net::Deadline deadline, std::stop_token stop);
  static Result judge(const Received& got, const Checks& checks);
  // The connection, accepting it first in active mode.
  net::Stream* stream(net::Deadline deadline, Result& failure);
  void note(std::string text) { recorder_.add(TranscriptEntry::Kind::kData, connection_, std::move(text)); }

  net::Network& network_;
  Recorder& recorder_;
  std::string connection_;
  std::unique_ptr<net::Listener> listener_;
  std::unique_ptr<net::Stream> stream_;
  // A background receive: the thread owns stream_ until it is joined.
  std::optional<Received> background_result_;
  std::jthread background_;
};

}  // namespace rfcheck
