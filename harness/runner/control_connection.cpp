#include "runner/control_connection.h"

#include <cstdio>

namespace rfcheck {
namespace {

ControlConnection::Status status_of(net::IoStatus io) {
  switch (io) {
    case net::IoStatus::kOk: return ControlConnection::Status::kOk;
    case net::IoStatus::kTimeout: return ControlConnection::Status::kTimeout;
    case net::IoStatus::kClosed: return ControlConnection::Status::kClosed;
    case net::IoStatus::kError: return ControlConnection::Status::kError;
  }
  return ControlConnection::Status::kError;
}

}  // namespace

ControlConnection::ControlConnection(std::string name, std::unique_ptr<net::Stream> stream,
                                     const ProtocolSupport& protocol, Recorder& recorder)
    : name_(std::move(name)),
      stream_(std::move(stream)),
      protocol_(protocol),
      codec_(protocol.make_codec()),
      oracle_(protocol.make_oracle()),
      recorder_(recorder) {}

ControlConnection::Status ControlConnection::send(std::string_view bytes, const std::string& shown,
                                                  net::Deadline deadline, std::string* error) {
  return send_after_urgent({}, {}, bytes, shown, deadline, error);
}

ControlConnection::Status ControlConnection::send_after_urgent(
    std::string_view urgent, std::string_view marker, std::string_view line,
    const std::string& shown, net::Deadline deadline, std::string* error) {
  recorder_.add(TranscriptEntry::Kind::kSent, name_, shown);
  if (eof_) return Status::kClosed;
  oracle_->on_sent(line);
  codec_->on_sent(line);
  if (urgent.empty()) return status_of(stream_->write(line, deadline, error));
  if (auto status = stream_->write_urgent(urgent, deadline, error); status != net::IoStatus::kOk) {
    return status_of(status);
  }
  return status_of(stream_->write(std::string(marker) + std::string(line), deadline, error));
}

void ControlConnection::absorb(const proto::CodecOutput& out) {
  for (const auto& f : out.findings) {
    recorder_.finding({"framing." + f.kind, f.message, f.ref, name_});
  }
  for (const auto& reply : out.replies) {
    std::string shown = escape_bytes(reply.raw);
    // Replies read best without their final CRLF and with real line breaks.
    if (shown.size() >= 4 && shown.compare(shown.size() - 4, 4, "\\r\\n") == 0) {
      shown.resize(shown.size() - 4);
    }
    std::string pretty;
    for (std::size_t i = 0; i < shown.size(); ++i) {
      if (shown.compare(i, 4, "\\r\\n") == 0) {
        pretty += '\n';
        i += 3;
      } else {
        pretty += shown[i];
      }
    }
    recorder_.add(TranscriptEntry::Kind::kReceived, name_, pretty);
    // A codec that pairs responses itself (POP3) says what each answers; else the oracle does.
    std::string answers = reply.answers ? *reply.answers : oracle_->awaited_command();
    if (auto violation = oracle_->on_reply(reply)) {
      violation->connection = name_;
      recorder_.finding(std::move(*violation));
    }
    if (ready_.size() >= kMaxQueuedReplies) {
      too_many_replies();
      continue;
    }
    ready_.emplace_back(reply, std::move(answers));
  }
}

void ControlConnection::too_many_replies() {
  if (flooded_) return;
  flooded_ = true;
  recorder_.finding({"framing.too-many-replies",
                     "more than " + std::to_string(kMaxQueuedReplies) +
                         " replies to one command (or none); the rest were read and dropped",
                     protocol_.default_rfc, name_});
}

void ControlConnection::read_more(net::Deadline deadline, Next& failure, bool& failed) {
  failed = false;
  if (eof_) {
    failure.status = Status::kClosed;
    failed = true;
    return;
  }
  auto got = stream_->read_some(deadline);
  switch (got.status) {
    case net::IoStatus::kOk:
      absorb(codec_->feed(got.data));
      return;
    case net::IoStatus::kClosed:
      eof_ = true;
      absorb(codec_->finish());
      recorder_.add(TranscriptEntry::Kind::kEvent, name_, "server closed the connection");
      if (ready_.empty()) {
        failure.status = Status::kClosed;
        failed = true;
      }
      return;
    case net::IoStatus::kTimeout:
      failure.status = Status::kTimeout;
      failed = true;
      return;
    case net::IoStatus::kError:
      eof_ = true;
      failure.status = Status::kError;
      failure.error = got.error;
      recorder_.add(TranscriptEntry::Kind::kEvent, name_, "connection error: " + got.error);
      failed = true;
      return;
  }
}

ControlConnection::Next ControlConnection::next_reply(net::Deadline deadline) {
  while (ready_.empty()) {
    Next failure;
    bool failed = false;
    read_more(deadline, failure, failed);
    if (failed) return failure;
  }
  Next next;
  next.reply = std::move(ready_.front().first);
  next.answers = std::move(ready_.front().second);
  ready_.pop_front();
  if (next.reply.code != 0) last_code_ = next.reply.code;
  if (!next.reply.status.empty()) last_status_ = next.reply.status;
  last_reply_ = next.reply;
  return next;
}

ControlConnection::Exchange ControlConnection::next_exchange(net::Deadline deadline) {
  Exchange exchange;
  for (;;) {
    Next next = next_reply(deadline);
    if (next.status != Status::kOk) {
      exchange.status = next.status;
      exchange.error = std::move(next.error);
      return exchange;
    }
    // Untagged data for a command in progress: its completion is still to come.
    const bool more = next.reply.tag == "*" && next.reply.answers && !next.reply.answers->empty();
    if (more && exchange.responses.size() >= kMaxQueuedReplies) {
      too_many_replies();  // still read, to reach the completion
      continue;
    }
    exchange.responses.push_back(std::move(next.reply));
    if (!more) return exchange;
  }
}

ControlConnection::GoAhead ControlConnection::await_continuation(net::Deadline deadline) {
  for (;;) {
    for (auto it = ready_.begin(); it != ready_.end(); ++it) {
      const std::string& tag = it->first.tag;
      if (tag == "+") {
        ready_.erase(it);
        return GoAhead::kContinue;
      }
      if (!tag.empty() && tag != "*") return GoAhead::kAnswered;
    }
    Next failure;
    bool failed = false;
    read_more(deadline, failure, failed);
    if (!failed) continue;
    switch (failure.status) {
      case Status::kTimeout: return GoAhead::kTimeout;
      case Status::kError: return GoAhead::kError;
      default: return GoAhead::kClosed;
    }
  }
}

std::string ControlConnection::next_tag() {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "a%03u", ++tags_sent_);
  return buffer;
}

ControlConnection::Next ControlConnection::wait_closed(net::Deadline deadline) {
  if (!ready_.empty()) return next_reply(deadline);
  Next failure;
  bool failed = false;
  while (!eof_) {
    read_more(deadline, failure, failed);
    if (!ready_.empty()) return next_reply(deadline);
    if (failed) return failure;
  }
  failure.status = Status::kClosed;
  return failure;
}

ControlConnection::Status ControlConnection::start_tls(const std::string& server_name,
                                                       net::Deadline deadline, std::string* error,
                                                       bool implicit) {
  if (!ready_.empty() || codec_->in_reply()) {
    recorder_.finding({"tls.plaintext-before-handshake",
                       "the server sent more before the TLS handshake than the reply that started it",
                       protocol_.tls_ref, name_});
  }
  ready_.clear();
  std::string info;
  if (!stream_->start_tls(server_name, deadline, &info, error)) {
    recorder_.add(TranscriptEntry::Kind::kEvent, name_, "TLS handshake failed: " + *error);
    return Status::kError;
  }
  // Replies framed before the handshake are gone with the plaintext session.
  codec_ = protocol_.make_codec();
  if (!implicit) codec_->on_tls_started();
  oracle_->on_tls_started();
  recorder_.add(TranscriptEntry::Kind::kEvent, name_, "TLS started: " + info);
  return Status::kOk;
}

bool ControlConnection::finish_and_wait_closed(net::Deadline deadline) {
  if (eof_) return true;
  stream_->shutdown_write();
  while (net::Clock::now() < deadline) {
    auto got = stream_->read_some(deadline);
    if (got.status != net::IoStatus::kOk) {
      eof_ = got.status != net::IoStatus::kTimeout;
      break;
    }
  }
  stream_->close();
  return eof_;
}

void ControlConnection::close() {
  if (!eof_) recorder_.add(TranscriptEntry::Kind::kEvent, name_, "harness closed the connection");
  eof_ = true;
  stream_->close();
}

}  // namespace rfcheck
