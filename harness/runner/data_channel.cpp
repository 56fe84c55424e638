#include "runner/data_channel.h"

#include <re2/re2.h>

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

DataChannel::Result DataChannel::receive(const Checks& checks, net::Deadline deadline) {
  Result failure;
  net::Stream* s = stream(deadline, failure);
  if (!s) return failure;
  Sha256 hash;
  std::string kept;
  std::size_t total = 0, bare_lf = 0;
  char previous = 0;
  bool closed = false;
  while (total < kMaxBytes) {
    auto got = s->read_some(deadline);
    if (got.status == net::IoStatus::kClosed) {
      closed = true;
      break;
    }
    if (got.status == net::IoStatus::kTimeout) break;
    if (got.status == net::IoStatus::kError) {
      closed = true;  // a reset ends the transfer too; the checks judge what arrived
      break;
    }
    hash.update(got.data);
    for (char c : got.data) {
      if (c == '\n' && previous != '\r') ++bare_lf;
      previous = c;
    }
    if (kept.size() < kKeptBytes) kept.append(got.data.substr(0, kKeptBytes - kept.size()));
    total += got.data.size();
  }
  const std::string digest = hash.hex();
  note("received " + std::to_string(total) + " bytes, sha256 " + digest +
       (kept.empty() ? "" : ": " + escape_bytes(kept, 300)));
  stream_.reset();
  listener_.reset();
  if (!closed) {
    return failed("the server did not close the data connection (end of file) in time",
                  "end of file after the data", std::to_string(total) + " bytes, still open");
  }
  if (checks.size && *checks.size != std::to_string(total)) {
    return failed("the data has the wrong size", *checks.size + " bytes",
                  std::to_string(total) + " bytes");
  }
  if (checks.sha256 && *checks.sha256 != digest) {
    return failed("the data differs from what was expected (sha256)", "sha256 " + *checks.sha256,
                  "sha256 " + digest + " (" + std::to_string(total) + " bytes)");
  }
  if (checks.crlf_lines && bare_lf > 0) {
    return failed("lines end in a bare LF, not CRLF", "every line ending in CRLF",
                  std::to_string(bare_lf) + " bare LF");
  }
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  if (checks.text_regex) {
    RE2 re(*checks.text_regex, options);
    if (!RE2::PartialMatch(kept, re)) {
      return failed("the data does not match", "data matching /" + *checks.text_regex + "/",
                    escape_bytes(kept, 500));
    }
  }
  if (checks.not_text_regex) {
    RE2 re(*checks.not_text_regex, options);
    if (RE2::PartialMatch(kept, re)) {
      return failed("the data matches what it must not",
                    "data not matching /" + *checks.not_text_regex + "/", escape_bytes(kept, 500));
    }
  }
  return {};
}

DataChannel::Result DataChannel::send(const std::string& payload, net::Deadline deadline) {
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
  if (stream_) stream_->close();
  stream_.reset();
  listener_.reset();
}

}  // namespace rfcheck
