// libFuzzer target for the SMTP reply codec (oracle: fuzz/codec_fuzz.h), plus the enhanced
// status parser, which reads the same replies and must agree across splits.
#include "codec_fuzz.h"
#include "proto/smtp_reply_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using rfcheck::proto::Reply;
  rfcheck::fuzz::fuzz_codec<rfcheck::proto::SmtpReplyCodec>(
      data, size, [](const Reply& a, const Reply& b) {
        rfcheck::fuzz::check(rfcheck::proto::parse_enhanced_status(a) ==
                             rfcheck::proto::parse_enhanced_status(b));
      });
  return 0;
}
