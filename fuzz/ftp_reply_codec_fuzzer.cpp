// libFuzzer target for the FTP reply codec (oracle: fuzz/codec_fuzz.h).
#include "codec_fuzz.h"
#include "proto/ftp_reply_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rfcheck::fuzz::fuzz_codec<rfcheck::proto::FtpReplyCodec>(
      data, size, [](const rfcheck::proto::Reply&, const rfcheck::proto::Reply&) {});
  return 0;
}
