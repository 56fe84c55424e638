// The oracle every reply-codec fuzz target shares. The first byte picks where the rest is
// split between two feeds; nothing may crash, the limits must hold, and the split must
// change nothing (the codec must not care where the network cut the bytes).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "proto/reply.h"

namespace rfcheck::fuzz {

// Small limits so the fuzzer reaches the cut and drop paths with short inputs.
inline constexpr proto::CodecLimits kFuzzLimits{64, 8};

inline void check(bool ok) {
  if (!ok) std::abort();
}

inline void append(proto::CodecOutput& all, proto::CodecOutput part) {
  for (auto& r : part.replies) all.replies.push_back(std::move(r));
  for (auto& f : part.findings) all.findings.push_back(std::move(f));
}

// `same_reply(a, b)` adds the protocol's own checks of two replies that must be equal.
template <typename Codec, typename SameReply>
void fuzz_codec(const std::uint8_t* data, std::size_t size, SameReply same_reply) {
  if (size == 0) return;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t cut = data[0] % (bytes.size() + 1);

  Codec split(kFuzzLimits);
  proto::CodecOutput a;
  append(a, split.feed(bytes.substr(0, cut)));
  append(a, split.feed(bytes.substr(cut)));
  append(a, split.finish());
  check(!split.in_reply());

  Codec whole(kFuzzLimits);
  proto::CodecOutput b = whole.feed(bytes);
  append(b, whole.finish());

  check(a.replies.size() == b.replies.size() && a.findings.size() == b.findings.size());
  for (std::size_t i = 0; i < a.replies.size(); ++i) {
    const auto& r = a.replies[i];
    check(r.code == b.replies[i].code && r.lines == b.replies[i].lines &&
          r.raw == b.replies[i].raw);
    check(!r.lines.empty() && r.lines.size() <= kFuzzLimits.max_lines);
    for (const auto& line : r.lines) check(line.size() <= kFuzzLimits.max_line);
    same_reply(r, b.replies[i]);
  }
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    check(a.findings[i].kind == b.findings[i].kind &&
          a.findings[i].message == b.findings[i].message);
  }
}

// For codecs whose framing depends on what the client sent (POP3, IMAP): the input carries
// the client's bytes. Byte 0 is a length n, the next n bytes are the client's (on_sent before
// any server byte: a pipelining client), and the rest is fuzz_codec's input (a split byte,
// then the server's bytes); that split byte also splits the client's bytes for the split
// codec, so the command side is checked for split independence too.
struct ClientBytes {
  std::string_view sent;
  std::size_t cut = 0;
  int codecs_made = 0;
};
inline ClientBytes g_client;

// A small body/literal limit, so short inputs reach the drop paths too.
inline constexpr std::size_t kFuzzMaxBody = 256;

// fuzz_codec makes its codecs from limits alone: this one sends the client's bytes first. It
// makes the split codec first (the client's bytes in two calls), then the whole one.
template <typename Codec>
class SentThenFedCodec final : public proto::ReplyCodec {
 public:
  explicit SentThenFedCodec(proto::CodecLimits limits) : codec_(with_small_body(limits)) {
    if (g_client.codecs_made++ == 0) {
      codec_.on_sent(g_client.sent.substr(0, g_client.cut));
      codec_.on_sent(g_client.sent.substr(g_client.cut));
    } else {
      codec_.on_sent(g_client.sent);
    }
  }
  proto::CodecOutput feed(std::string_view bytes) override { return codec_.feed(bytes); }
  proto::CodecOutput finish() override { return codec_.finish(); }
  bool in_reply() const override { return codec_.in_reply(); }

 private:
  static proto::CodecLimits with_small_body(proto::CodecLimits limits) {
    limits.max_body = kFuzzMaxBody;
    return limits;
  }
  Codec codec_;
};

// Reads the client part of the input into g_client; returns how many bytes it took.
inline std::size_t take_client_bytes(const std::uint8_t* data, std::size_t size) {
  const std::size_t n = std::min<std::size_t>(data[0], size - 1);
  g_client.sent = std::string_view(reinterpret_cast<const char*>(data) + 1, n);
  g_client.cut = size > 1 + n ? data[1 + n] % (n + 1) : 0;
  g_client.codecs_made = 0;
  return 1 + n;
}

}  // namespace rfcheck::fuzz
