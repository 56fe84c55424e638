// The oracle every reply-codec fuzz target shares. The first byte picks where the rest is
// split between two feeds; nothing may crash, the limits must hold, and the split must
// change nothing (the codec must not care where the network cut the bytes).
#pragma once

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

}  // namespace rfcheck::fuzz
