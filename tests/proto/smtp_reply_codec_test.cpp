#include "proto/smtp_reply_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "codec_session.h"

namespace rfcheck::proto {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using namespace std::string_literals;

Session run(const std::vector<std::string>& pieces, bool close = false, CodecLimits limits = {}) {
  return run_codec<SmtpReplyCodec>(pieces, close, limits);
}
Session run_bytewise(const std::string& bytes, bool close = false) {
  return run_codec_bytewise<SmtpReplyCodec>(bytes, close);
}

Reply one_reply(const std::string& bytes) {
  Session s = run({bytes});
  EXPECT_EQ(s.replies.size(), 1u) << bytes;
  return s.replies.empty() ? Reply{} : s.replies[0];
}

TEST(SmtpReplyCodec, GreetingOfRfc2821) {
  SmtpReplyCodec codec;
  const CodecOutput out = codec.feed("220 ISIF.USC.EDU Service ready\r\n");
  ASSERT_EQ(out.replies.size(), 1u);
  EXPECT_EQ(out.replies[0].code, 220);
  EXPECT_THAT(out.replies[0].lines, ElementsAre("220 ISIF.USC.EDU Service ready"));
  EXPECT_EQ(out.replies[0].raw, "220 ISIF.USC.EDU Service ready\r\n");
  EXPECT_THAT(out.findings, IsEmpty());
  EXPECT_FALSE(codec.in_reply());
}

// RFC 2821 4.2.1's example, verbatim: "123-234 text" is a continuation line.
TEST(SmtpReplyCodec, RfcMultiLineExample) {
  const Session s = run({"123-First line\r\n123-Second line\r\n"
                         "123-234 text beginning with numbers\r\n123 The last line\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 123);
  EXPECT_EQ(s.replies[0].lines.size(), 4u);
  EXPECT_TRUE(s.replies[0].multiline());
  // 123 is out of SMTP's range (no 1yz): the example shows the format only.
  EXPECT_THAT(s.kinds(), ElementsAre("code-range"));
}

TEST(SmtpReplyCodec, EhloReply) {
  const Session s = run({"250-mail.example.com Hello\r\n250-SIZE 1000\r\n250-PIPELINING\r\n"
                         "250 STARTTLS\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 250);
  EXPECT_THAT(s.replies[0].lines, ElementsAre("250-mail.example.com Hello", "250-SIZE 1000",
                                              "250-PIPELINING", "250 STARTTLS"));
  EXPECT_THAT(s.findings, IsEmpty());
}

// RFC 2821 4.2: Reply-line = Reply-code [ SP text ] CRLF; clients "MUST be prepared" for
// the code alone, and 4.2.1 lets the last line of a multi-line reply be the code alone.
TEST(SmtpReplyCodec, CodeAloneIsAReply) {
  const Session s = run({"250\r\n334 \r\n250-a\r\n250\r\n"});
  EXPECT_THAT(s.codes(), ElementsAre(250, 334, 250));
  EXPECT_THAT(s.replies[2].lines, ElementsAre("250-a", "250"));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(SmtpReplyCodec, SeveralRepliesInOneFeed) {
  // Pipelined replies (RFC 2920) arrive together.
  const Session s = run({"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 go\r\n"});
  EXPECT_THAT(s.codes(), ElementsAre(250, 250, 354));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(SmtpReplyCodec, InReplyWhileALineOrAMultiLineReplyIsOpen) {
  SmtpReplyCodec codec;
  EXPECT_FALSE(codec.in_reply());
  codec.feed("25");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("0 ok\r");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("\n");
  EXPECT_FALSE(codec.in_reply());
  codec.feed("250-a\r\n");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("250 b\r\n");
  EXPECT_FALSE(codec.in_reply());
}

// A stream through every state and every finding.
const std::string kMixed =
    "220 mx ESMTP\r\n"
    "250-mx\r\n250-SIZE\r\n250 HELP\r\n"
    "250 bare lf\n"
    "hello\r\n"
    "150 one\r\n"
    "261 odd\r\n"
    "250-a\r\n251-b\r\n250 c\r\n"
    "250-a\r\nno code\r\n250 c\r\n"
    "250-a\r\n251 b\r\n"
    "250 a\rb\r\n"
    "250 n\0ul\r\n"
    "550 5.7.1 "s + std::string(600, 'x') + "\r\n"
    "221 Bye"s;

TEST(SmtpReplyCodec, EverySplitIntoTwoFeedsGivesTheSameResult) {
  const Session whole = run({kMixed}, true);
  ASSERT_EQ(whole.replies.size(), 13u);
  for (std::size_t cut = 0; cut <= kMixed.size(); ++cut) {
    const Session split = run({kMixed.substr(0, cut), kMixed.substr(cut)}, true);
    expect_same(whole, split, "split at " + std::to_string(cut));
  }
}

TEST(SmtpReplyCodec, EverySplitIntoThreeFeedsOfAMultiLineReply) {
  const std::string bytes = "250-mx\r\n250-SIZE 10\r\n250 HELP\r\n";
  const Session whole = run({bytes});
  for (std::size_t a = 0; a <= bytes.size(); ++a) {
    for (std::size_t b = a; b <= bytes.size(); ++b) {
      expect_same(whole, run({bytes.substr(0, a), bytes.substr(a, b - a), bytes.substr(b)}),
                  "cuts " + std::to_string(a) + "," + std::to_string(b));
    }
  }
}

TEST(SmtpReplyCodec, ByteByByteGivesTheSameResult) {
  expect_same(run({kMixed}, true), run_bytewise(kMixed, true), "byte by byte");
}

TEST(SmtpReplyCodec, MixedStreamFindings) {
  const Session s = run({kMixed}, true);
  EXPECT_THAT(s.kinds(),
              ElementsAre("bare-lf", "bad-code", "code-range", "code-range",
                          "continuation-code-mismatch", "continuation-code-mismatch",
                          "continuation-code-mismatch", "cr-in-line", "nul-byte",
                          "overlong-line", "partial-at-close"));
  EXPECT_THAT(s.codes(),
              ElementsAre(220, 250, 250, 0, 150, 261, 250, 250, 250, 250, 250, 550, 221));
}

TEST(SmtpReplyCodec, FindingsNameTheirSections) {
  const std::map<std::string, std::string> refs = {
      {"bare-lf", "RFC 2821 2.3.7"},
      {"cr-in-line", "RFC 2821 2.3.7"},
      {"code-range", "RFC 2821 4.2.1, 4.3.2"},
      {"continuation-code-mismatch", "RFC 2821 4.2.1"},
      {"overlong-line", "RFC 2821 4.5.3.1"},
      {"bad-code", "RFC 2821 4.2"},
      {"nul-byte", "RFC 2821 4.2"},
      {"partial-at-close", "RFC 2821 4.2"},
  };
  const Session s = run({kMixed}, true);
  for (const auto& f : s.findings) {
    ASSERT_EQ(refs.count(f.kind), 1u) << f.kind;
    EXPECT_EQ(f.ref, refs.at(f.kind)) << f.kind;
  }
}

TEST(SmtpReplyCodec, BareLfStillEndsTheLine) {
  const Session s = run({"250 ok\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_THAT(s.replies[0].lines, ElementsAre("250 ok"));
  EXPECT_EQ(s.replies[0].raw, "250 ok\n");
  EXPECT_THAT(s.kinds(), ElementsAre("bare-lf"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("byte 0"));
}

TEST(SmtpReplyCodec, BadCodeYieldsCodeZeroWithTheLine) {
  for (const std::string line : {"hello", "25 short", "2500 four digits", "250x", "", "-250 x"}) {
    const Session s = run({line + "\r\n"});
    ASSERT_EQ(s.replies.size(), 1u) << line;
    EXPECT_EQ(s.replies[0].code, 0) << line;
    EXPECT_THAT(s.replies[0].lines, ElementsAre(line));
    EXPECT_THAT(s.kinds(), ElementsAre("bad-code")) << line;
  }
}

// RFC 2821 4.3.2: codes must "start in a digit between 2 and 5 inclusive"; 4.2.1 defines
// second digits 0-5. The code is still read.
TEST(SmtpReplyCodec, CodeRange) {
  for (int code : {100, 150, 199, 600, 999, 260, 290, 560}) {
    const std::string text = std::to_string(code) + " x\r\n";
    const Session s = run({text});
    ASSERT_EQ(s.replies.size(), 1u) << text;
    EXPECT_EQ(s.replies[0].code, code) << text;
    EXPECT_THAT(s.kinds(), ElementsAre("code-range")) << text;
  }
  for (int code : {200, 211, 250, 354, 421, 455, 500, 555, 559}) {
    EXPECT_THAT(run({std::to_string(code) + " ok\r\n"}).findings, IsEmpty()) << code;
  }
  EXPECT_FALSE(smtp_code_in_range(199));
  EXPECT_TRUE(smtp_code_in_range(200));
  EXPECT_FALSE(smtp_code_in_range(560));
  EXPECT_TRUE(smtp_code_in_range(559));
}

// RFC 2821 4.2.1: "every line, except the last, begin with the reply code, followed
// immediately by a hyphen". Unlike FTP, a line without the code is a fault.
TEST(SmtpReplyCodec, ContinuationWithoutCodeIsReportedAndKept) {
  const Session s = run({"250-a\r\n  indented\r\n250 end\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_THAT(s.replies[0].lines, ElementsAre("250-a", "  indented", "250 end"));
  EXPECT_THAT(s.kinds(), ElementsAre("continuation-code-mismatch"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("has no code"));
}

TEST(SmtpReplyCodec, ContinuationWithAnotherCodeIsReportedAndKept) {
  const Session s = run({"250-a\r\n251-b\r\n250 end\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 250);
  EXPECT_EQ(s.replies[0].lines.size(), 3u);
  EXPECT_THAT(s.kinds(), ElementsAre("continuation-code-mismatch"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("has code 251"));
}

// A last line with another code ends the reply, which keeps its first code: waiting for a
// "250 " that may never come would swallow every later reply.
TEST(SmtpReplyCodec, LastLineWithAnotherCodeEndsTheReply) {
  const Session s = run({"250-a\r\n251 b\r\n221 bye\r\n"});
  EXPECT_THAT(s.codes(), ElementsAre(250, 221));
  EXPECT_THAT(s.replies[0].lines, ElementsAre("250-a", "251 b"));
  EXPECT_THAT(s.kinds(), ElementsAre("continuation-code-mismatch"));
  const Session bare = run({"250-a\r\n251\r\n"});
  EXPECT_THAT(bare.codes(), ElementsAre(250));
  EXPECT_THAT(bare.kinds(), ElementsAre("continuation-code-mismatch"));
}

// RFC 2821 4.5.3.1: a reply line is at most 512 octets including the CRLF.
TEST(SmtpReplyCodec, ReplyLineOf512OctetsIsFine) {
  const std::string line = "250 " + std::string(512 - 4 - 2, 'x');
  const Session s = run({line + "\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0].size(), 510u);
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(SmtpReplyCodec, ReplyLineOf513OctetsIsReportedOnceAndKeptWhole) {
  const std::string line = "250-" + std::string(513 - 4 - 2 + 100, 'x');
  const Session s = run({line + "\r\n" + line + "\r\n250 ok\r\n221 bye\r\n"});
  EXPECT_THAT(s.codes(), ElementsAre(250, 221));
  EXPECT_EQ(s.replies[0].lines[0], line);  // a finding, not a cut
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line", "overlong-line"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("512 octets"));
  const Session edge = run({"250 " + std::string(513 - 4 - 2, 'x') + "\r\n"});
  EXPECT_THAT(edge.kinds(), ElementsAre("overlong-line"));
}

TEST(SmtpReplyCodec, EndlessLineStaysBounded) {
  const CodecLimits limits{1024, 10};
  SmtpReplyCodec codec(limits);
  Session s;
  const std::string chunk(4096, 'a');
  for (int i = 0; i < 256; ++i) s.add(codec.feed(chunk));  // 1 MiB without a line end
  s.add(codec.feed("\r\n"));
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0].size(), 1024u);
  EXPECT_EQ(s.replies[0].raw.size(), 1026u);
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line", "bad-code"));
}

TEST(SmtpReplyCodec, SmallCodecLimitCutsBeforeTheRfcLimit) {
  const Session s = run({"250 " + std::string(100, 'x') + "\r\n"}, false, CodecLimits{64, 8});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0].size(), 64u);
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("codec limit"));
}

TEST(SmtpReplyCodec, TooManyLinesKeepsFirstAndLastReportsOnce) {
  std::string bytes;
  for (int i = 0; i < 50; ++i) bytes += "250-line " + std::to_string(i) + "\r\n";
  bytes += "250 end\r\n221 bye\r\n";
  const Session s = run({bytes}, false, CodecLimits{1024, 10});
  EXPECT_THAT(s.codes(), ElementsAre(250, 221));
  EXPECT_EQ(s.replies[0].lines.size(), 10u);
  EXPECT_EQ(s.replies[0].lines.front(), "250-line 0");
  EXPECT_EQ(s.replies[0].lines.back(), "250 end");
  EXPECT_THAT(s.kinds(), ElementsAre("too-many-lines"));
}

TEST(SmtpReplyCodec, NulByteReportedOncePerLine) {
  const Session s = run({"250 a\0b\0c\r\n250 d\0\r\n"s});
  EXPECT_THAT(s.kinds(), ElementsAre("nul-byte", "nul-byte"));
  EXPECT_EQ(s.replies[0].lines[0], "250 a\0b\0c"s);
}

TEST(SmtpReplyCodec, CrInLineIsDataAndReportedOncePerLine) {
  const Session s = run({"250 a\rb\rc\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0], "250 a\rb\rc");
  EXPECT_THAT(s.kinds(), ElementsAre("cr-in-line"));
}

TEST(SmtpReplyCodec, CrlfSplitAcrossFeedsIsNoFinding) {
  const Session s = run({"250 ok\r", "\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(SmtpReplyCodec, FinishWithPartialLineYieldsIt) {
  const Session s = run({"221 Bye"}, true);
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].code, 221);
  EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close"));
}

TEST(SmtpReplyCodec, FinishWithCodePrefixIsOnlyPartial) {
  for (const std::string cut : {"2", "22", "221"}) {
    const Session s = run({cut}, true);
    ASSERT_EQ(s.replies.size(), 1u) << cut;
    EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close")) << cut;
  }
}

TEST(SmtpReplyCodec, FinishInsideMultiLineYieldsPartialReply) {
  const Session s = run({"250-a\r\n250-b\r\n"}, true);
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_THAT(s.replies[0].lines, ElementsAre("250-a", "250-b"));
  EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("multi-line reply 250"));
}

TEST(SmtpReplyCodec, FinishResetsForANewConnection) {
  SmtpReplyCodec codec;
  codec.feed("250-a\r\n25");
  codec.finish();
  EXPECT_FALSE(codec.in_reply());
  const CodecOutput idle = codec.finish();
  EXPECT_THAT(idle.replies, IsEmpty());
  EXPECT_THAT(idle.findings, IsEmpty());
  const CodecOutput next = codec.feed("220 again\r\n");
  ASSERT_EQ(next.replies.size(), 1u);
  EXPECT_EQ(next.replies[0].code, 220);
  EXPECT_THAT(next.findings, IsEmpty());
}

// RFC 3463 2: status-code = class "." subject "." detail.
TEST(SmtpEnhancedStatus, ParsesAfterTheCode) {
  EXPECT_EQ(parse_enhanced_status(one_reply("250 2.1.0 Ok\r\n")), (EnhancedStatus{2, 1, 0}));
  EXPECT_EQ(parse_enhanced_status(one_reply("550 5.7.1\r\n")), (EnhancedStatus{5, 7, 1}));
  EXPECT_EQ(parse_enhanced_status(one_reply("432 4.7.12 A password transition\r\n")),
            (EnhancedStatus{4, 7, 12}));
  EXPECT_EQ(parse_enhanced_status(one_reply("250-2.0.0 first\r\n250 2.0.0 last\r\n")),
            (EnhancedStatus{2, 0, 0}));
  EXPECT_EQ(parse_enhanced_status(one_reply("550 5.999.999 max\r\n")),
            (EnhancedStatus{5, 999, 999}));
}

TEST(SmtpEnhancedStatus, RejectsWhatTheGrammarDoesNot) {
  for (const std::string text :
       {"250 Ok\r\n", "250\r\n", "250 \r\n", "250 3.1.0 class 3\r\n", "250 1.1.0 x\r\n",
        "250 2.1 two parts\r\n", "250 2..0 x\r\n", "250 2.1.\r\n", "250 2.01.0 zero\r\n",
        "250 2.1.00 zero\r\n", "250 2.1000.0 four\r\n", "250 2.1.0000 x\r\n",
        "250 2.1.0x\r\n", "250 2.1.0.1 x\r\n", "250  2.1.0 two spaces\r\n", "250 22.1.0\r\n"}) {
    EXPECT_EQ(parse_enhanced_status(one_reply(text)), std::nullopt) << text;
  }
  EXPECT_EQ(parse_enhanced_status(one_reply("hello 2.1.0\r\n")), std::nullopt);
  EXPECT_EQ(parse_enhanced_status(Reply{}), std::nullopt);
}

// The class is read as sent; whether it agrees with the reply code is the caller's call.
TEST(SmtpEnhancedStatus, ClassNeedNotMatchTheCode) {
  EXPECT_EQ(parse_enhanced_status(one_reply("250 5.0.0 odd\r\n")), (EnhancedStatus{5, 0, 0}));
}

TEST(SmtpReplyCodec, RandomBytesNeverBreakTheBounds) {
  std::mt19937 rng(2821);
  const std::string alphabet = "0123456789 -\r\n\0.25x"s;
  const CodecLimits limits{64, 8};
  for (int round = 0; round < 300; ++round) {
    std::string bytes;
    const int n = static_cast<int>(rng() % 2000);
    for (int i = 0; i < n; ++i) {
      bytes += rng() % 4 == 0 ? static_cast<char>(rng() & 0xff)
                              : alphabet[rng() % alphabet.size()];
    }
    SmtpReplyCodec codec(limits);
    Session s;
    std::size_t at = 0;
    while (at < bytes.size()) {
      const std::size_t len = std::min<std::size_t>(bytes.size() - at, 1 + rng() % 50);
      s.add(codec.feed(std::string_view(bytes).substr(at, len)));
      at += len;
    }
    s.add(codec.finish());
    EXPECT_FALSE(codec.in_reply());
    for (const auto& r : s.replies) {
      ASSERT_FALSE(r.lines.empty());
      ASSERT_LE(r.lines.size(), limits.max_lines);
      for (const auto& line : r.lines) ASSERT_LE(line.size(), limits.max_line);
      (void)parse_enhanced_status(r);
    }
    SmtpReplyCodec whole(limits);
    Session w;
    w.add(whole.feed(bytes));
    w.add(whole.finish());
    expect_same(w, s, "round " + std::to_string(round));
  }
}

}  // namespace
}  // namespace rfcheck::proto
