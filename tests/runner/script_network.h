// An in-memory net::Network whose server side is a script (STYLE habit 7): on connect it
// sends a greeting; each line the client writes is answered with the script's next reply.
// A reply can arrive in several reads, be followed by a close, or be nothing at all.
// Each stream is used by one thread at a time, like the case runner's (a data connection read
// in the background belongs to that thread until it is joined).
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "net/stream.h"

namespace rfcheck::script {

// What the server does at one point of the script.
struct Act {
  std::vector<std::string> chunks;  // each one arrives as a separate read
  bool close = false;               // the server closes after the chunks
};

// One read of `bytes`.
inline Act say(std::string bytes) { return {{std::move(bytes)}, false}; }
// The same reply cut into several reads.
inline Act split(std::vector<std::string> chunks) { return {std::move(chunks), false}; }
// Nothing: the server keeps waiting.
inline Act silence() { return {}; }
// The server closes the connection, after `last` if given.
inline Act hang_up(std::string last = {}) {
  Act a;
  if (!last.empty()) a.chunks.push_back(std::move(last));
  a.close = true;
  return a;
}

// One control connection's server side. Lines past the end of `answers` get silence.
struct Script {
  Act greeting;
  std::vector<Act> answers;
};

// What the client did, for assertions after the case ran.
struct Log {
  std::vector<std::string> written;  // every write, as given
  std::vector<std::string> urgent;   // every write_urgent, as given (also in `written`)
  std::vector<std::string> lines;    // complete lines the server saw, line endings included
  int connects = 0;
  int closes = 0;  // close() by the client
};

class ScriptStream final : public net::Stream {
 public:
  ScriptStream(Script script, std::shared_ptr<Log> log)
      : answers_(script.answers.begin(), script.answers.end()), log_(std::move(log)) {
    perform(script.greeting);
  }

  net::IoStatus write(std::string_view bytes, net::Deadline, std::string*) override {
    log_->written.emplace_back(bytes);
    if (server_closed_ || client_closed_) return net::IoStatus::kClosed;
    partial_.append(bytes);
    std::size_t eol;
    while ((eol = partial_.find('\n')) != std::string::npos) {
      log_->lines.push_back(partial_.substr(0, eol + 1));
      partial_.erase(0, eol + 1);
      if (answers_.empty()) continue;
      Act next = std::move(answers_.front());
      answers_.pop_front();
      perform(next);
    }
    return net::IoStatus::kOk;
  }

  // The script's server keeps urgent bytes inline (SO_OOBINLINE), as FTP servers do.
  net::IoStatus write_urgent(std::string_view bytes, net::Deadline deadline,
                             std::string* error) override {
    log_->urgent.emplace_back(bytes);
    return write(bytes, deadline, error);
  }

  net::ReadResult read_some(net::Deadline deadline) override {
    net::ReadResult r;
    if (client_closed_) {
      r.status = net::IoStatus::kError;
      r.error = "read after close";
      return r;
    }
    if (!pending_.empty()) {
      r.data = std::move(pending_.front());
      pending_.pop_front();
      return r;
    }
    if (server_closed_) {
      r.status = net::IoStatus::kClosed;
      return r;
    }
    // Nothing will ever arrive in a single-threaded script: wait out the deadline.
    std::this_thread::sleep_until(deadline);
    r.status = net::IoStatus::kTimeout;
    return r;
  }

  void close() override {
    if (!client_closed_) ++log_->closes;
    client_closed_ = true;
  }
  std::string local_address() const override { return "127.0.0.1"; }
  std::string peer_address() const override { return "127.0.0.1"; }
  int peer_port() const override { return 2121; }

 private:
  void perform(const Act& act) {
    if (server_closed_) return;
    for (const auto& c : act.chunks) {
      if (!c.empty()) pending_.push_back(c);
    }
    if (act.close) server_closed_ = true;
  }

  std::deque<Act> answers_;
  std::shared_ptr<Log> log_;
  std::deque<std::string> pending_;
  std::string partial_;
  bool server_closed_ = false;
  bool client_closed_ = false;
};

// Hands out one scripted stream per connect, in order; refuses once the scripts run out.
// Listening (active-mode data channels) is not scripted.
class ScriptNetwork final : public net::Network {
 public:
  explicit ScriptNetwork(std::vector<Script> scripts)
      : scripts_(scripts.begin(), scripts.end()), log_(std::make_shared<Log>()) {}

  std::unique_ptr<net::Stream> connect(const std::string&, int, net::Deadline,
                                       std::string* error) override {
    if (scripts_.empty()) {
      if (error) *error = "connection refused";
      return nullptr;
    }
    ++log_->connects;
    Script s = std::move(scripts_.front());
    scripts_.pop_front();
    return std::make_unique<ScriptStream>(std::move(s), log_);
  }

  std::unique_ptr<net::Listener> listen(const std::string&, std::string* error) override {
    if (error) *error = "the script network does not listen";
    return nullptr;
  }

  const Log& log() const { return *log_; }

 private:
  std::deque<Script> scripts_;
  std::shared_ptr<Log> log_;
};

}  // namespace rfcheck::script
