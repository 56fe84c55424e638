#include "runner/body_check.h"

#include <re2/re2.h>

#include <map>

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

}  // namespace rfcheck
