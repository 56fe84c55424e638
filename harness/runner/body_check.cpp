#include "runner/body_check.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "proto/imap_text.h"
#include "runner/recorder.h"

namespace rfcheck {
namespace {

// The first byte where two texts part, for a report that shows where a body went wrong.
std::string first_difference(const std::string& want, const std::string& got) {
  std::size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  return "first difference at octet " + std::to_string(i) + " of " + std::to_string(want.size()) +
         ": expected ..." + escape_bytes(want.substr(i, 60), 80) + ", got ..." +
         escape_bytes(got.substr(i, 60), 80);
}

}  // namespace

std::string top_of(const std::string& crlf_message, int lines) {
  auto end = crlf_message.find("\r\n\r\n");
  if (end == std::string::npos) return crlf_message;
  end += 4;
  for (int i = 0; i < lines && end < crlf_message.size(); ++i) {
    const auto next = crlf_message.find("\r\n", end);
    end = next == std::string::npos ? crlf_message.size() : next + 2;
  }
  return crlf_message.substr(0, end);
}

std::optional<BodyMismatch> check_body_is(const proto::Reply& reply, const MaildropMessage& message,
                                          std::optional<int> top) {
  std::string want = message.crlf();
  if (top) want = top_of(want, *top);
  if (reply.body == want) return std::nullopt;
  const std::string what = top ? "TOP of message " : "message ";
  return BodyMismatch{"the body is not " + what + message.key + " byte for byte (" +
                          std::to_string(reply.body.size()) + " octets, expected " +
                          std::to_string(want.size()) + "; " + first_difference(want, reply.body) +
                          ")",
                      escape_bytes(want, 600), escape_bytes(reply.body, 600)};
}

std::optional<BodyMismatch> check_each_line(const proto::Reply& reply, const re2::RE2& re) {
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {  // lines[0] is the status line
    if (!RE2::PartialMatch(reply.lines[i], re)) {
      return BodyMismatch{"body line " + std::to_string(i) + " does not match",
                          "/" + re.pattern() + "/", escape_bytes(reply.lines[i], 300)};
    }
  }
  return std::nullopt;
}

std::optional<BodyMismatch> check_unique(const proto::Reply& reply, const re2::RE2& re) {
  std::map<std::string, std::size_t> seen;  // value -> the body line it was first on
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    std::string value;
    if (!RE2::PartialMatch(reply.lines[i], re, &value)) continue;
    auto [it, fresh] = seen.emplace(value, i);
    if (!fresh) {
      return BodyMismatch{"body lines " + std::to_string(it->second) + " and " +
                              std::to_string(i) + " carry the same value",
                          "a different value on every line (/" + re.pattern() + "/)",
                          escape_bytes(value, 200)};
    }
  }
  return std::nullopt;
}

namespace {

// The quoted strings of an IMAP line part, unescaped.
std::vector<std::string> quoted_strings(const std::string& line) {
  std::vector<std::string> out;
  for (std::size_t i = line.find('"'); i != std::string::npos; i = line.find('"', i)) {
    auto value = proto::imap_text::read_quoted(line, i, i);
    if (!value) break;
    out.push_back(std::move(*value));
  }
  return out;
}

}  // namespace

std::string message_part(const std::string& crlf_message, const std::string& part,
                         std::optional<std::pair<std::uint64_t, std::uint64_t>> partial) {
  std::string whole = crlf_message;
  if (!part.empty()) {
    auto end = crlf_message.find("\r\n\r\n");
    // A message with no blank line is all header (RFC 822 3.1: the body is optional).
    const std::size_t split = end == std::string::npos ? crlf_message.size() : end + 4;
    whole = part == "header" ? crlf_message.substr(0, split) : crlf_message.substr(split);
  }
  if (!partial) return whole;
  if (partial->first >= whole.size()) return {};
  return whole.substr(partial->first, partial->second);
}

std::optional<BodyMismatch> check_some_string_is(const std::vector<proto::Reply>& responses,
                                                 const std::string& expected) {
  const std::string* closest = nullptr;
  for (const auto& r : responses) {
    if (r.tag != "*") continue;
    for (const auto& literal : r.literals) {
      if (literal == expected) return std::nullopt;
      if (!closest || literal.size() > closest->size()) closest = &literal;
    }
    for (const auto& line : r.lines) {
      for (const auto& q : quoted_strings(line)) {
        if (q == expected) return std::nullopt;
      }
    }
  }
  BodyMismatch m;
  m.reason = closest ? "no string of the response is the expected data: " +
                           first_difference(expected, *closest) + " (the longest literal)"
                     : "the response carries no literal, and no quoted string is the data";
  m.expected = std::to_string(expected.size()) + " octets: " + escape_bytes(expected, 300);
  m.actual = closest ? std::to_string(closest->size()) + " octets: " + escape_bytes(*closest, 300)
                     : exchange_text(responses).substr(0, 600);
  return m;
}

std::string exchange_text(const std::vector<proto::Reply>& responses) {
  std::string out;
  for (const auto& r : responses) {
    if (!out.empty()) out += '\n';
    out += r.text();
  }
  return out;
}

bool has_response_code(const proto::Reply& reply, const std::vector<std::string>& codes) {
  const std::string word = reply.response_code.substr(0, reply.response_code.find(' '));
  for (const auto& c : codes) {
    if (c.size() == word.size() &&
        std::equal(c.begin(), c.end(), word.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
        })) {
      return true;
    }
  }
  return false;
}

}  // namespace rfcheck
