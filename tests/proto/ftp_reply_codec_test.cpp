#include "proto/ftp_reply_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "codec_session.h"

namespace rfcheck::proto {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace std::string_literals;

Session run(const std::vector<std::string>& pieces, bool close = false, CodecLimits limits = {}) {
  return run_codec<FtpReplyCodec>(pieces, close, limits);
}
Session run_bytewise(const std::string& bytes, bool close = false) {
  return run_codec_bytewise<FtpReplyCodec>(bytes, close);
}

TEST(FtpReplyCodec, SingleLineReply) {
  FtpReplyCodec codec;
  const CodecOutput out = codec.feed("220 Service ready for new user.\r\n");
  ASSERT_EQ(out.replies.size(), 1u);
  EXPECT_EQ(out.replies[0].code, 220);
  EXPECT_THAT(out.replies[0].lines, ElementsAre("220 Service ready for new user."));
  EXPECT_EQ(out.replies[0].raw, "220 Service ready for new user.\r\n");
  EXPECT_FALSE(out.replies[0].multiline());
  EXPECT_THAT(out.findings, IsEmpty());
  EXPECT_FALSE(codec.in_reply());
}

// The example of RFC 959 4.2, verbatim: an intermediate line that begins with digits
// (padded, as the RFC asks) does not end the reply.
TEST(FtpReplyCodec, RfcMultiLineExample) {
  const Session s = run({"123-First line\r\nSecond line\r\n  234 A line beginning with numbers\r\n"
                         "123 The last line\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 123);
  EXPECT_THAT(s.replies[0].lines,
              ElementsAre("123-First line", "Second line", "  234 A line beginning with numbers",
                          "123 The last line"));
  EXPECT_TRUE(s.replies[0].multiline());
  EXPECT_EQ(s.replies[0].text(),
            "123-First line\nSecond line\n  234 A line beginning with numbers\n123 The last line");
  EXPECT_THAT(s.findings, IsEmpty());
}

// Only the same code followed by SP ends a multi-line reply: another code with SP, the same
// code with '-', or the code followed by a fourth digit are lines in between.
TEST(FtpReplyCodec, IntermediateLinesThatStartWithDigits) {
  const Session s =
      run({"211-Status\r\n200 not the end\r\n211-still not\r\n2110 nor this\r\n211 End\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 211);
  EXPECT_EQ(s.replies[0].lines.size(), 5u);
  EXPECT_EQ(s.replies[0].lines.back(), "211 End");
  EXPECT_THAT(s.findings, IsEmpty());
}

// RFC 3659 7.2: control-response ends with "250" [ SP response-message ] CRLF.
TEST(FtpReplyCodec, MultiLineEndsWithBareCode) {
  const Session s = run({"250- Listing f\r\n type=file;size=1; f\r\n250\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 250);
  EXPECT_EQ(s.replies[0].lines.size(), 3u);
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(FtpReplyCodec, SeveralRepliesInOneFeed) {
  const Session s = run({"150 Opening data connection\r\n226 Transfer complete\r\n"
                         "211-Features:\r\n MDTM\r\n211 End\r\n"});
  EXPECT_THAT(s.codes(), ElementsAre(150, 226, 211));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(FtpReplyCodec, InReplyWhileALineOrAMultiLineReplyIsOpen) {
  FtpReplyCodec codec;
  EXPECT_FALSE(codec.in_reply());
  codec.feed("22");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("0 ok\r");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("\n");
  EXPECT_FALSE(codec.in_reply());
  codec.feed("211-a\r\n");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("211 b\r\n");
  EXPECT_FALSE(codec.in_reply());
}

// A stream that exercises every state: CRLF, bare LF, CR in a line, NUL, multi-line with
// digit lines, a bad line, an out-of-range code, IAC bytes.
const std::string kMixed =
    "120 Wait\r\n220 Ready\r\n"
    "123-First line\r\nSecond line\r\n  234 A line beginning with numbers\r\n123 The last line\r\n"
    "200 bare lf\n"
    "hello\r\n"
    "611 odd\r\n"
    "200 a\rb\r\n"
    "200 n\0ul\r\n"
    "211-x\r\n211-y\n211 z\r\n"
    "220 \xff\xf4\xff\xfd\x06 iac\r\n"
    "221 Bye"s;

TEST(FtpReplyCodec, EverySplitIntoTwoFeedsGivesTheSameResult) {
  const std::string bytes(kMixed.data(), kMixed.size());
  const Session whole = run({bytes}, true);
  ASSERT_EQ(whole.replies.size(), 11u);
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    const Session split = run({bytes.substr(0, cut), bytes.substr(cut)}, true);
    expect_same(whole, split, "split at " + std::to_string(cut));
  }
}

TEST(FtpReplyCodec, ByteByByteGivesTheSameResult) {
  const Session whole = run({kMixed}, true);
  expect_same(whole, run_bytewise(kMixed, true), "byte by byte");
  const std::string rfc = "123-First line\r\nSecond line\r\n  234 A line\r\n123 The last line\r\n";
  expect_same(run({rfc}), run_bytewise(rfc), "RFC example byte by byte");
}

TEST(FtpReplyCodec, MixedStreamFindings) {
  const Session s = run({kMixed}, true);
  EXPECT_THAT(s.kinds(), ElementsAre("bare-lf", "bad-code", "code-range", "cr-in-line",
                                     "nul-byte", "bare-lf", "partial-at-close"));
  EXPECT_THAT(s.codes(), ElementsAre(120, 220, 123, 200, 0, 611, 200, 200, 211, 220, 221));
  for (const auto& f : s.findings) EXPECT_EQ(f.ref, "RFC 959 4.2");
}

TEST(FtpReplyCodec, BareLfStillEndsTheLine) {
  const Session s = run({"200 ok\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 200);
  EXPECT_THAT(s.replies[0].lines, ElementsAre("200 ok"));
  EXPECT_EQ(s.replies[0].raw, "200 ok\n");
  EXPECT_THAT(s.kinds(), ElementsAre("bare-lf"));
  EXPECT_THAT(s.findings[0].message, ::testing::HasSubstr("byte 0"));
}

TEST(FtpReplyCodec, BadCodeYieldsCodeZeroWithTheLine) {
  for (const std::string line : {"hello", "20 short", "2000 four digits", "220x", "", "-220 x"}) {
    const Session s = run({line + "\r\n"});
    ASSERT_EQ(s.replies.size(), 1u) << line;
    EXPECT_EQ(s.replies[0].code, 0) << line;
    EXPECT_THAT(s.replies[0].lines, ElementsAre(line));
    EXPECT_THAT(s.kinds(), ElementsAre("bad-code")) << line;
  }
}

// "ddd" with nothing after it: the code is clear, so the runner gets it, with a finding.
TEST(FtpReplyCodec, CodeWithoutSpaceIsReadButReported) {
  const Session s = run({"200\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 200);
  EXPECT_THAT(s.kinds(), ElementsAre("bad-code"));
}

TEST(FtpReplyCodec, CodeRange) {
  for (const std::string code : {"000", "099", "600", "999", "160", "297", "589"}) {
    const Session s = run({code + " text\r\n"});
    ASSERT_EQ(s.replies.size(), 1u) << code;
    EXPECT_EQ(s.replies[0].code, std::stoi(code)) << code;
    EXPECT_THAT(s.kinds(), ElementsAre("code-range")) << code;
  }
  for (const std::string code : {"100", "150", "259", "421", "554", "559"}) {
    EXPECT_THAT(run({code + " text\r\n"}).findings, IsEmpty()) << code;
  }
  // A multi-line reply is checked once, on its first line.
  EXPECT_THAT(run({"699-a\r\n699 b\r\n"}).kinds(), ElementsAre("code-range"));
}

TEST(FtpReplyCodec, OverlongLineIsCutReportedOnceAndParsingGoesOn) {
  CodecLimits limits;
  limits.max_line = 16;
  const std::string exact = "200 " + std::string(12, 'a');  // 16 bytes: allowed
  EXPECT_THAT(run({exact + "\r\n"}, false, limits).findings, IsEmpty());

  const std::string longer = "200 " + std::string(100, 'b');
  const Session s = run({longer + "\r\n", "211-" + std::string(40, 'c') + "\r\n",
                         std::string(40, 'd') + "\r\n211 end\r\n"},
                        false, limits);
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line", "overlong-line", "overlong-line"));
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[0].code, 200);
  EXPECT_EQ(s.replies[0].lines[0], longer.substr(0, 16));
  EXPECT_EQ(s.replies[0].raw, longer.substr(0, 16) + "\r\n");
  EXPECT_EQ(s.replies[1].code, 211);
  EXPECT_EQ(s.replies[1].lines.size(), 3u);
}

// A server that never sends LF costs at most max_line bytes.
TEST(FtpReplyCodec, EndlessLineStaysBounded) {
  CodecLimits limits;
  limits.max_line = 100;
  FtpReplyCodec codec(limits);
  Session s;
  const std::string chunk(4096, 'x');
  for (int i = 0; i < 256; ++i) s.add(codec.feed(chunk));
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line"));
  s.add(codec.finish());
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line", "partial-at-close", "bad-code"));
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0].size(), 100u);
  EXPECT_EQ(s.replies[0].raw.size(), 100u);
}

TEST(FtpReplyCodec, TooManyLinesKeepsFirstAndLastReportsOnce) {
  CodecLimits limits;
  limits.max_lines = 5;
  std::string bytes = "211-start\r\n";
  for (int i = 0; i < 20; ++i) bytes += " line " + std::to_string(i) + "\r\n";
  bytes += "211 End\r\n200 next\r\n";
  const Session s = run({bytes}, false, limits);
  EXPECT_THAT(s.kinds(), ElementsAre("too-many-lines"));
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[0].lines.size(), 5u);
  EXPECT_EQ(s.replies[0].lines.front(), "211-start");
  EXPECT_EQ(s.replies[0].lines.back(), "211 End");
  EXPECT_EQ(s.replies[1].code, 200);
}

TEST(FtpReplyCodec, NulByteReportedOncePerLine) {
  const Session s = run({std::string("200 a\0b\0c\r\n200 d\0\r\n", 19)});
  EXPECT_THAT(s.kinds(), ElementsAre("nul-byte", "nul-byte"));
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[0].lines[0], std::string("200 a\0b\0c", 9));
}

TEST(FtpReplyCodec, CrInLineIsDataAndReportedOncePerLine) {
  const Session s = run({"200 a\rb\rc\r\r\n"});
  EXPECT_THAT(s.kinds(), ElementsAre("cr-in-line"));
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0], "200 a\rb\rc\r");
  EXPECT_EQ(s.replies[0].raw, "200 a\rb\rc\r\r\n");
}

TEST(FtpReplyCodec, CrlfSplitAcrossFeedsIsNoFinding) {
  const Session s = run({"200 ok\r", "\n"});
  EXPECT_THAT(s.codes(), ElementsAre(200));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(FtpReplyCodec, TelnetIacIsData) {
  const Session s = run({"200 \xff\xff\xf4 x\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0], "200 \xff\xff\xf4 x");
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(FtpReplyCodec, FinishWithPartialLineYieldsIt) {
  const Session s = run({"220 Ready"}, true);
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 220);
  EXPECT_EQ(s.replies[0].raw, "220 Ready");
  EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close"));
}

TEST(FtpReplyCodec, FinishWithTrailingCrKeepsItInRaw) {
  const Session s = run({"220 Ready\r"}, true);
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0], "220 Ready");
  EXPECT_EQ(s.replies[0].raw, "220 Ready\r");
  EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close"));
}

// "22" could have become "220 ..." had the server not closed: one finding, not two.
TEST(FtpReplyCodec, FinishWithCodePrefixIsOnlyPartial) {
  const Session s = run({"22"}, true);
  EXPECT_THAT(s.codes(), ElementsAre(0));
  EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close"));
  EXPECT_THAT(run({"220"}, true).codes(), ElementsAre(220));
  EXPECT_THAT(run({"220"}, true).kinds(), ElementsAre("partial-at-close"));
}

TEST(FtpReplyCodec, FinishInsideMultiLineYieldsPartialReply) {
  const Session s = run({"211-Features:\r\n MDTM\r\n"}, true);
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 211);
  EXPECT_THAT(s.replies[0].lines, ElementsAre("211-Features:", " MDTM"));
  EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close"));

  // A partial line inside a multi-line reply: one finding for both.
  const Session t = run({"211-Features:\r\n MD"}, true);
  ASSERT_EQ(t.replies.size(), 1u);
  EXPECT_THAT(t.replies[0].lines, ElementsAre("211-Features:", " MD"));
  EXPECT_THAT(t.kinds(), ElementsAre("partial-at-close"));
}

TEST(FtpReplyCodec, FinishWhenIdleYieldsNothingAndResets) {
  FtpReplyCodec codec;
  codec.feed("220 a\r\n");
  CodecOutput out = codec.finish();
  EXPECT_THAT(out.replies, IsEmpty());
  EXPECT_THAT(out.findings, IsEmpty());

  codec.feed("211-half");
  codec.finish();
  EXPECT_FALSE(codec.in_reply());
  out = codec.feed("220 again\r\n");
  ASSERT_EQ(out.replies.size(), 1u);
  EXPECT_EQ(out.replies[0].code, 220);
  EXPECT_THAT(out.findings, IsEmpty());
}

TEST(FtpReplyCodec, CodeClasses) {
  EXPECT_TRUE(ftp_is_preliminary(150));
  EXPECT_FALSE(ftp_is_preliminary(226));
  EXPECT_TRUE(ftp_is_final(226));
  EXPECT_TRUE(ftp_is_final(331));
  EXPECT_TRUE(ftp_is_final(550));
  EXPECT_FALSE(ftp_is_final(110));
  EXPECT_FALSE(ftp_is_final(0));
  EXPECT_TRUE(ftp_code_in_range(257));
  EXPECT_FALSE(ftp_code_in_range(260));
  EXPECT_FALSE(ftp_code_in_range(600));
}

// Hostile bytes never crash, never break the bounds, and always leave a clean state after
// finish(). Deterministic so a failure reproduces.
TEST(FtpReplyCodec, RandomBytesNeverBreakTheBounds) {
  std::mt19937 rng(959);
  const std::string alphabet = std::string("0123456789 -\r\n\0\xff", 16) + "abc";
  CodecLimits limits;
  limits.max_line = 32;
  limits.max_lines = 4;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes(rng() % 300, '\0');
    for (auto& b : bytes) {
      b = rng() % 4 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    FtpReplyCodec codec(limits);
    Session s;
    std::size_t at = 0;
    while (at < bytes.size()) {
      const std::size_t n = std::min<std::size_t>(1 + rng() % 17, bytes.size() - at);
      s.add(codec.feed(std::string_view(bytes).substr(at, n)));
      at += n;
    }
    s.add(codec.finish());
    EXPECT_FALSE(codec.in_reply());
    for (const Reply& r : s.replies) {
      ASSERT_FALSE(r.lines.empty());
      ASSERT_LE(r.lines.size(), 4u);
      ASSERT_TRUE(r.code >= 0 && r.code <= 999);
      for (const auto& line : r.lines) ASSERT_LE(line.size(), 32u);
      ASSERT_LE(r.raw.size(), 4u * (32 + 2));
    }
    for (const auto& f : s.findings) ASSERT_FALSE(f.kind.empty());
    // The same bytes fed whole must give the same result as in pieces.
    expect_same(s, run({bytes}, true, limits), "round " + std::to_string(round));
  }
}

}  // namespace
}  // namespace rfcheck::proto
