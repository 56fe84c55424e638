// libFuzzer target for the POP3 response codec (oracle: fuzz/codec_fuzz.h).
//
// A POP3 response's framing depends on the commands the client sent, so the input carries
// them (codec_fuzz.h, take_client_bytes). Seeds in fuzz/corpus/pop3_codec/ have that layout.
#include <algorithm>
#include <string>
#include <string_view>

#include "codec_fuzz.h"
#include "proto/pop3_codec.h"

namespace {

using rfcheck::fuzz::check;
using rfcheck::fuzz::kFuzzMaxBody;
using Codec = rfcheck::fuzz::SentThenFedCodec<rfcheck::proto::Pop3Codec>;
using rfcheck::proto::Reply;

bool known_status(const std::string& status) {
  return status.empty() || status == "+OK" || status == "-ERR" || status == "+";
}

void same_pop3_reply(const Reply& a, const Reply& b) {
  check(a.status == b.status && a.response_code == b.response_code &&
        a.has_body == b.has_body && a.body == b.body);
  check(a.code == 0 && known_status(a.status));
  check(a.body.size() <= kFuzzMaxBody);
  check(a.raw.size() <= rfcheck::fuzz::kFuzzLimits.max_line + 2 + kFuzzMaxBody);
  check(a.has_body || a.body.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t client = rfcheck::fuzz::take_client_bytes(data, size);
  // The classifier ignores the line ending and the keyword's case.
  std::string line(rfcheck::fuzz::g_client.sent);
  const bool multiline = rfcheck::proto::pop3_multiline_command(line);
  check(rfcheck::proto::pop3_multiline_command(line + "\r\n") == multiline);
  std::transform(line.begin(), line.end(), line.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  check(rfcheck::proto::pop3_multiline_command(line) == multiline);
  rfcheck::fuzz::fuzz_codec<Codec>(data + client, size - client, same_pop3_reply);
  return 0;
}
