// libFuzzer target for the SMTP reply codec. The first byte picks where the rest is split
// between two feeds; the oracle is that nothing crashes, the limits hold, and the split
// changes nothing (the codec must not care where the network cut the bytes).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "proto/smtp_reply_codec.h"

namespace {

using rfcheck::proto::CodecLimits;
using rfcheck::proto::CodecOutput;
using rfcheck::proto::SmtpReplyCodec;

// Small limits so the fuzzer reaches the cut and drop paths with short inputs.
constexpr CodecLimits kLimits{64, 8};

void append(CodecOutput& all, CodecOutput part) {
  for (auto& r : part.replies) all.replies.push_back(std::move(r));
  for (auto& f : part.findings) all.findings.push_back(std::move(f));
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t cut = data[0] % (bytes.size() + 1);

  SmtpReplyCodec split(kLimits);
  CodecOutput a;
  append(a, split.feed(bytes.substr(0, cut)));
  append(a, split.feed(bytes.substr(cut)));
  append(a, split.finish());
  check(!split.in_reply());

  SmtpReplyCodec whole(kLimits);
  CodecOutput b = whole.feed(bytes);
  append(b, whole.finish());

  check(a.replies.size() == b.replies.size() && a.findings.size() == b.findings.size());
  for (std::size_t i = 0; i < a.replies.size(); ++i) {
    const auto& r = a.replies[i];
    check(r.code == b.replies[i].code && r.lines == b.replies[i].lines &&
          r.raw == b.replies[i].raw);
    check(!r.lines.empty() && r.lines.size() <= kLimits.max_lines);
    for (const auto& line : r.lines) check(line.size() <= kLimits.max_line);
    // The enhanced status parser reads the same replies; it must agree across splits.
    check(rfcheck::proto::parse_enhanced_status(r) ==
          rfcheck::proto::parse_enhanced_status(b.replies[i]));
  }
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    check(a.findings[i].kind == b.findings[i].kind &&
          a.findings[i].message == b.findings[i].message);
  }
  return 0;
}
