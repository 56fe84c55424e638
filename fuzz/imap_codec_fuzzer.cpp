// libFuzzer target for the IMAP response codec (oracle: fuzz/codec_fuzz.h).
//
// Which response completes which tag, and which client bytes are literal data, depend on
// what the client sent, so the input carries it: byte 0 is a length n, the next n bytes are
// the client's bytes (on_sent before any server byte: a pipelining client), and the rest is
// fuzz_codec's input (a split byte, then the server's bytes). Seeds in
// fuzz/corpus/imap_codec/ have that layout.
#include <algorithm>
#include <string>
#include <string_view>

#include "codec_fuzz.h"
#include "proto/imap_codec.h"

namespace {

using rfcheck::fuzz::check;
using rfcheck::proto::CodecLimits;
using rfcheck::proto::CodecOutput;
using rfcheck::proto::ImapCodec;
using rfcheck::proto::Reply;

// A small literal limit, so short inputs reach the drop path too.
constexpr std::size_t kFuzzMaxBody = 256;

// The current input's client bytes, and where the first codec splits them.
std::string_view g_sent;
std::size_t g_sent_cut = 0;
int g_codecs_made = 0;

// fuzz_codec makes its codecs from limits alone: this one sends the client's bytes first.
// It makes the split codec first, then the whole one; the split one also gets the client's
// bytes in two calls, so the command side is checked for split independence too.
class SentThenFedCodec final : public rfcheck::proto::ReplyCodec {
 public:
  explicit SentThenFedCodec(CodecLimits limits) : codec_(with_small_body(limits)) {
    if (g_codecs_made++ == 0) {
      codec_.on_sent(g_sent.substr(0, g_sent_cut));
      codec_.on_sent(g_sent.substr(g_sent_cut));
    } else {
      codec_.on_sent(g_sent);
    }
  }
  CodecOutput feed(std::string_view bytes) override { return codec_.feed(bytes); }
  CodecOutput finish() override { return codec_.finish(); }
  bool in_reply() const override { return codec_.in_reply(); }

 private:
  static CodecLimits with_small_body(CodecLimits limits) {
    limits.max_body = kFuzzMaxBody;
    return limits;
  }
  ImapCodec codec_;
};

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
  const std::size_t n = std::min<std::size_t>(data[0], size - 1);
  g_sent = std::string_view(reinterpret_cast<const char*>(data) + 1, n);
  // fuzz_codec's split byte picks the client-side split as well (0 when there is none).
  g_sent_cut = size > 1 + n ? data[1 + n] % (n + 1) : 0;
  g_codecs_made = 0;
  // The literal parser ignores the line ending.
  const std::string line(g_sent);
  const auto literal = rfcheck::proto::imap_literal_size(line);
  const auto with_crlf = rfcheck::proto::imap_literal_size(line + "\r\n");
  check(literal.found == with_crlf.found && literal.valid == with_crlf.valid &&
        literal.size == with_crlf.size);
  check(!literal.valid || literal.found);
  rfcheck::fuzz::fuzz_codec<SentThenFedCodec>(data + 1 + n, size - 1 - n, same_imap_reply);
  return 0;
}
