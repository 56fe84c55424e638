#include "runner/data_channel.h"

#include <re2/re2.h>

#include <algorithm>
#include <chrono>

#include "runner/ftp_address.h"
#include "runner/sha256.h"

namespace rfcheck {
namespace {

DataChannel::Result failed(std::string message, std::string expected = {},
                           std::string actual = {}) {
  DataChannel::Result r;
  r.ok = false;
  r.message = std::move(message);
  r.expected = std::move(expected);
  r.actual = std::move(actual);
  return r;
}

// What receive keeps for text checks; the rest is only counted and hashed.
constexpr std::size_t kKeptBytes = 1 << 20;
// A server that never stops sending is cut off here.
constexpr std::size_t kMaxBytes = std::size_t{1} << 30;

}  // namespace

DataChannel::Result DataChannel::listen(const std::string& control_local,
                                        const std::string& address, const std::string& mode) {
  close();
  const std::string where = address.empty() ? control_local : address;
  std::string err;
  listener_ = network_.listen(where, &err);
  if (!listener_) return failed("cannot listen for the data connection: " + err);
  Result r;
  const int port = listener_->port();
  const auto port_arg = port_argument(where, port);
  if (port_arg) r.variables["data.port_arg"] = *port_arg;
  r.variables["data.eprt_arg"] = eprt_argument(where, port);
  // PORT cannot name an IPv6 address: RFC 2428 2 gives EPRT for that.
  r.variables["data.active_command"] = port_arg ? "PORT" : "EPRT";
  r.variables["data.active_arg"] = port_arg ? *port_arg : eprt_argument(where, port);
  note("listening on " + where + " port " + std::to_string(port) + " (" + mode + ")");
  return r;
}

DataChannel::Result DataChannel::connect(const std::string& control_peer,
                                         const std::optional<proto::Reply>& last,
                                         const std::string& mode, net::Deadline deadline) {
  close();
  // "passive" takes whichever the last reply is: 227 (PASV) or 229 (EPSV).
  const bool pasv = mode == "pasv" || (mode == "passive" && last && last->code == 227);
  const int wanted_code = pasv ? 227 : 229;
  if (!last || last->code != wanted_code) {
    return failed("no " + std::to_string(wanted_code) + " reply to take the data port from",
                  "a " + std::to_string(wanted_code) + " reply",
                  last ? last->text() : "no reply yet");
  }
  int port = 0;
  if (pasv) {
    auto hp = parse_pasv_reply(last->text());
    if (!hp) {
      return failed("the 227 reply names no host and port (h1,h2,h3,h4,p1,p2)",
                    "227 ... h1,h2,h3,h4,p1,p2", last->text());
    }
    port = hp->port;
    // RFC 2577 and issue policy: connect only to the control peer, never elsewhere.
    if (hp->host != control_peer) {
      recorder_.finding({"pasv-address",
                         "the 227 reply names " + hp->host + " but the control connection's peer is " +
                             control_peer + "; connected to the peer instead",
                         "RFC 959 4.1.2", connection_});
    }
  } else {
    auto p = parse_epsv_reply(last->text());
    if (!p) return failed("the 229 reply has no (|||port|)", "229 ... (|||port|)", last->text());
    port = *p;
  }
  if (port <= 0 || port > 65535) return failed("the reply names port " + std::to_string(port));
  std::string err;
  stream_ = network_.connect(control_peer, port, deadline, &err);
  if (!stream_) {
    return failed("cannot open the data connection to " + control_peer + " port " +
                      std::to_string(port) + ": " + err,
                  "a listening data port", err);
  }
  note("connected to " + control_peer + " port " + std::to_string(port));
  return {};
}

net::Stream* DataChannel::stream(net::Deadline deadline, Result& failure) {
  if (stream_) return stream_.get();
  if (!listener_) {
    failure = failed("no data connection: open one with data: {connect: ...} or {listen: ...}");
    return nullptr;
  }
  std::string err;
  stream_ = listener_->accept(deadline, &err);
  if (!stream_) {
    failure = failed("the server did not open the data connection (" + err + ")",
                     "a connection to our port", err);
    return nullptr;
  }
  note("the server connected from " + stream_->peer_address() + " port " +
       std::to_string(stream_->peer_port()));
  return stream_.get();
}

DataChannel::Received DataChannel::read_all(net::Stream& stream, net::Deadline deadline,
                                            std::stop_token stop) {
  // A background read looks up from the socket this often to see whether it is called off.
  constexpr auto kSlice = std::chrono::milliseconds(100);
  Received got;
  Sha256 hash;
  char previous = 0;
  while (got.total < kMaxBytes && !stop.stop_requested()) {
    const auto now = net::Clock::now();
    if (now >= deadline) break;
    auto read = stream.read_some(stop.stop_possible() ? std::min(deadline, now + kSlice) : deadline);
    if (read.status == net::IoStatus::kTimeout) continue;
    if (read.status != net::IoStatus::kOk) {
      got.closed = true;  // a reset ends the transfer too; the checks judge what arrived
      break;
    }
    hash.update(read.data);
    for (char c : read.data) {
      if (c == '\n' && previous != '\r') ++got.bare_lf;
      previous = c;
    }
    if (got.kept.size() < kKeptBytes) got.kept.append(read.data.substr(0, kKeptBytes - got.kept.size()));
    got.total += read.data.size();
  }
  got.digest = hash.hex();
  return got;
}

DataChannel::Result DataChannel::start_receive(net::Deadline deadline) {
  if (background_.joinable()) return failed("the data connection is already being received");
  Result failure;
  net::Stream* s = stream(deadline, failure);
  if (!s) return failure;
  note("receiving in the background");
  background_ = std::jthread([this, s, deadline](std::stop_token stop) {
    background_result_ = read_all(*s, deadline, stop);
  });
  return {};
}

DataChannel::Result DataChannel::receive(const Checks& checks, net::Deadline deadline) {
  Received got;
  if (background_.joinable()) {
    background_.join();
    got = std::move(*background_result_);
    background_result_.reset();
  } else {
    Result failure;
    net::Stream* s = stream(deadline, failure);
    if (!s) return failure;
    got = read_all(*s, deadline, {});
  }
  note("received " + std::to_string(got.total) + " bytes, sha256 " + got.digest +
       (got.kept.empty() ? "" : ": " + escape_bytes(got.kept, 300)));
  stream_.reset();
  listener_.reset();
  Result r = judge(got, checks);
  if (r.ok) r.text = std::move(got.kept);
  return r;
}

DataChannel::Result DataChannel::judge(const Received& got, const Checks& checks) {
  const std::string total = std::to_string(got.total);
  if (!got.closed) {
    return failed("the server did not close the data connection (end of file) in time",
                  "end of file after the data", total + " bytes, still open");
  }
  if (checks.size && *checks.size != total) {
    return failed("the data has the wrong size", *checks.size + " bytes", total + " bytes");
  }
  if (checks.sha256 && *checks.sha256 != got.digest) {
    return failed("the data differs from what was expected (sha256)", "sha256 " + *checks.sha256,
                  "sha256 " + got.digest + " (" + total + " bytes)");
  }
  if (checks.crlf_lines && got.bare_lf > 0) {
    return failed("lines end in a bare LF, not CRLF", "every line ending in CRLF",
                  std::to_string(got.bare_lf) + " bare LF");
  }
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  if (checks.text_regex) {
    RE2 re(*checks.text_regex, options);
    if (!RE2::PartialMatch(got.kept, re)) {
      return failed("the data does not match", "data matching /" + *checks.text_regex + "/",
                    escape_bytes(got.kept, 500));
    }
  }
  if (checks.not_text_regex) {
    RE2 re(*checks.not_text_regex, options);
    if (RE2::PartialMatch(got.kept, re)) {
      return failed("the data matches what it must not",
                    "data not matching /" + *checks.not_text_regex + "/", escape_bytes(got.kept, 500));
    }
  }
  return {};
}

DataChannel::Result DataChannel::send(const std::string& payload, net::Deadline deadline) {
  if (background_.joinable()) return failed("the data connection is being received in the background");
  Result failure;
  net::Stream* s = stream(deadline, failure);
  if (!s) return failure;
  std::string err;
  const auto status = s->write(payload, deadline, &err);
  note("sent " + std::to_string(payload.size()) + " bytes, sha256 " + sha256_hex(payload) +
       " and closed");
  close();
  if (status != net::IoStatus::kOk) {
    return failed("the data could not be sent: " +
                      std::string(status == net::IoStatus::kTimeout ? "timeout" : err.empty() ? "closed" : err),
                  std::to_string(payload.size()) + " bytes accepted", "transfer broken");
  }
  return {};
}

DataChannel::Result DataChannel::expect_no_connection(net::Deadline deadline) {
  if (!listener_) return failed("no listener: use data: {listen: ...} first");
  std::string err;
  auto intruder = listener_->accept(deadline, &err);
  listener_.reset();
  if (intruder) {
    note("the server connected from " + intruder->peer_address());
    return failed("the server opened a data connection it should have refused",
                  "no connection", "connection from " + intruder->peer_address());
  }
  note("no connection arrived, as required");
  return {};
}

void DataChannel::close() {
  if (background_.joinable()) {
    background_.request_stop();
    background_.join();
    background_result_.reset();
  }
  if (stream_) stream_->close();
  stream_.reset();
  listener_.reset();
}

}  // namespace rfcheck
