// libFuzzer target for the IMAP response codec (oracle: fuzz/codec_fuzz.h).
//
// Which response completes which tag, and which client bytes are literal data, depend on
// what the client sent, so the input carries it (codec_fuzz.h, take_client_bytes). Seeds in
// fuzz/corpus/imap_codec/ have that layout.
#include <algorithm>
#include <string>
#include <string_view>

#include "codec_fuzz.h"
#include "proto/imap_codec.h"

namespace {

using rfcheck::fuzz::check;
using rfcheck::fuzz::kFuzzMaxBody;
using Codec = rfcheck::fuzz::SentThenFedCodec<rfcheck::proto::ImapCodec>;
using rfcheck::proto::Reply;

void same_imap_reply(const Reply& a, const Reply& b) {
  check(a.tag == b.tag && a.status == b.status && a.response_code == b.response_code &&
        a.literals == b.literals);
  check(a.code == 0 && !a.has_body && a.body.empty());
  // Every literal follows a line part in lines that announced it.
  check(a.literals.size() <= a.lines.size());
  std::size_t octets = 0;
  for (const auto& literal : a.literals) octets += literal.size();
  check(octets <= kFuzzMaxBody);
  check(a.raw.size() <= rfcheck::fuzz::kFuzzLimits.max_line + 2 + kFuzzMaxBody);
  check(a.tag != "+" || a.status == "+");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t client = rfcheck::fuzz::take_client_bytes(data, size);
  // The literal parser ignores the line ending.
  const std::string line(rfcheck::fuzz::g_client.sent);
  const auto literal = rfcheck::proto::imap_literal_size(line);
  const auto with_crlf = rfcheck::proto::imap_literal_size(line + "\r\n");
  check(literal.found == with_crlf.found && literal.valid == with_crlf.valid &&
        literal.size == with_crlf.size);
  check(!literal.valid || literal.found);
  rfcheck::fuzz::fuzz_codec<Codec>(data + client, size - client, same_imap_reply);
  return 0;
}
