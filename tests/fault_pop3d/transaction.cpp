// The TRANSACTION state (RFC 1939 5, 7): STAT LIST RETR DELE NOOP RSET TOP UIDL. Messages are
// numbered 1..n when the state is entered; DELE only marks, UPDATE removes (session.cpp).
#include <algorithm>
#include <cstddef>
#include <string>

#include "session.hpp"
#include "text.hpp"

namespace fpop3d {

namespace {
constexpr std::size_t kMaxNumber = 1000000000;  // larger numbers are clamped (no overflow)
}

std::size_t Session::number_of(std::size_t index) const {
  if (!fault(Fault::RenumberAfterDele)) return index + 1;
  std::size_t n = 1;
  for (std::size_t i = 0; i < index; ++i)
    if (!msgs_[i].deleted) ++n;
  return n;
}

std::size_t Session::size_of(const Message& m) const {
  return fault(Fault::LfOctets) ? m.local_octets : m.octets;
}

std::string Session::uid_of(const Message& m) const {
  if (fault(Fault::UidlUnstable)) return md5_hex(m.uid + "/" + std::to_string(serial_));
  if (fault(Fault::UidlTooLong)) return m.uid + "." + md5_hex(m.uid) + md5_hex(m.uid + "1") + md5_hex(m.uid + "2");
  return m.uid;
}

std::string Session::drop_summary() const {
  std::size_t count = 0, octets = 0;
  for (const auto& m : msgs_)
    if (!m.deleted) ++count, octets += size_of(m);
  return std::to_string(count) + " messages (" + std::to_string(octets) + " octets)";
}

Message* Session::message(const std::string& arg, bool allow_deleted) {
  auto n = parse_number(arg, kMaxNumber);
  if (!n) {
    err("invalid message-number " + arg);
    return nullptr;
  }
  if (fault(Fault::RenumberAfterDele)) {  // the n-th message not marked as deleted
    std::size_t k = 0;
    for (auto& m : msgs_)
      if (!m.deleted && ++k == *n) return &m;
    err("no such message");
    return nullptr;
  }
  if (*n < 1 || *n > msgs_.size()) {
    err("no such message, only " + std::to_string(msgs_.size()) + " messages in maildrop");
    return nullptr;
  }
  Message& m = msgs_[*n - 1];
  // RFC 1939 5: "Any future reference to the message-number associated with the message in a
  // POP3 command generates an error."
  if (m.deleted && !allow_deleted) {
    err("message " + std::to_string(*n) + " already deleted");
    return nullptr;
  }
  return &m;
}

void Session::cmd_stat(const Args& a) {
  if (!a.params.empty()) return err("syntax: STAT");
  std::size_t count = 0, octets = 0;
  for (const auto& m : msgs_)
    if (!m.deleted || fault(Fault::StatCountsDeleted)) ++count, octets += size_of(m);
  ok(std::to_string(count) + " " + std::to_string(octets));  // the drop listing, nothing more
}

void Session::cmd_list(const Args& a) {
  if (a.params.size() > 1) return err("syntax: LIST [msg]");
  if (a.params.size() == 1) {
    Message* m = message(a.params[0], fault(Fault::ListDeleted));
    if (!m) return;
    auto i = static_cast<std::size_t>(m - msgs_.data());
    return ok(std::to_string(number_of(i)) + " " + std::to_string(size_of(*m)));
  }
  std::vector<std::string> listing;
  for (std::size_t i = 0; i < msgs_.size(); ++i)
    if (!msgs_[i].deleted) listing.push_back(std::to_string(number_of(i)) + " " + std::to_string(size_of(msgs_[i])));
  multi(drop_summary(), {listing.begin(), listing.end()});
}

void Session::cmd_retr(const Args& a) {
  if (a.params.size() != 1) return err("syntax: RETR msg");
  Message* m = message(a.params[0]);
  if (!m) return;
  auto content = read_message(m->path);
  if (!content) return err("message " + a.params[0] + " cannot be read");
  m->retrieved = true;
  multi(std::to_string(size_of(*m)) + " octets", message_lines(*content),
        !fault(Fault::NoByteStuffing), !fault(Fault::NoTerminator));
}

void Session::cmd_dele(const Args& a) {
  if (a.params.size() != 1) return err("syntax: DELE msg");
  Message* m = message(a.params[0]);
  if (!m) return;
  m->deleted = true;  // removed in the UPDATE state only (RFC 1939 5)
  if (fault(Fault::DeleImmediate)) remove_message(m->path);
  ok("message " + a.params[0] + " deleted");
}

void Session::cmd_noop(const Args& a) {
  if (!a.params.empty()) return err("syntax: NOOP");
  ok("");
}

void Session::cmd_rset(const Args& a) {
  if (!a.params.empty()) return err("syntax: RSET");
  if (!fault(Fault::RsetNoUnmark))
    for (auto& m : msgs_) m.deleted = false;
  ok("maildrop has " + drop_summary());
}

void Session::cmd_top(const Args& a) {
  if (fault(Fault::TopUnavailable)) return err("TOP not available");
  if (a.params.size() != 2) return err("syntax: TOP msg n");
  Message* m = message(a.params[0]);
  if (!m) return;
  auto want = parse_number(a.params[1], kMaxNumber);
  if (!want) return err("invalid number of lines " + a.params[1]);
  auto content = read_message(m->path);
  if (!content) return err("message " + a.params[0] + " cannot be read");
  auto lines = message_lines(*content);
  // RFC 1939 7: the headers, the blank line separating them from the body, then n body lines
  // (all of them when n is larger). A message without a blank line is all headers.
  std::size_t blank = 0;
  while (blank < lines.size() && !lines[blank].empty()) ++blank;
  std::vector<std::string_view> out(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(blank));
  if (blank < lines.size()) {
    if (!fault(Fault::TopNoBlankLine)) out.push_back(lines[blank]);
    std::size_t body = lines.size() - blank - 1;
    std::size_t n = fault(Fault::TopIgnoresCount) ? body : std::min(*want, body);
    out.insert(out.end(), lines.begin() + static_cast<std::ptrdiff_t>(blank + 1),
               lines.begin() + static_cast<std::ptrdiff_t>(blank + 1 + n));
  }
  multi("top of message follows", out, !fault(Fault::NoByteStuffing));
}

void Session::cmd_uidl(const Args& a) {
  if (a.params.size() > 1) return err("syntax: UIDL [msg]");
  if (a.params.size() == 1) {
    Message* m = message(a.params[0]);
    if (!m) return;
    auto i = static_cast<std::size_t>(m - msgs_.data());
    return ok(std::to_string(number_of(i)) + " " + uid_of(*m));
  }
  std::vector<std::string> listing;
  for (std::size_t i = 0; i < msgs_.size(); ++i)
    if (!msgs_[i].deleted) listing.push_back(std::to_string(number_of(i)) + " " + uid_of(msgs_[i]));
  multi("unique-id listing follows", {listing.begin(), listing.end()});
}

}  // namespace fpop3d
