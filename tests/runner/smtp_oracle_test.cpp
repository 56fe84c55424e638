#include "protocols/registry.h"
#include "runner/smtp_oracle.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "coded_reply.h"
#include "runner/protocol_support.h"

namespace rfcheck {
namespace {

using ::testing::HasSubstr;

// Drives one oracle: sends bytes, feeds replies, collects the verdicts.
struct Session {
  std::unique_ptr<ReplyOracle> oracle = make_smtp_oracle();

  void send(std::string_view bytes) { oracle->on_sent(bytes); }
  std::optional<Finding> get(int code) { return oracle->on_reply(coded_reply(code)); }
  // True when the code is accepted for whatever the oracle pairs it with.
  bool ok(int code) { return !get(code).has_value(); }
};

TEST(SmtpOracle, IsTheSmtpEntryOfTheProtocolTable) {
  const ProtocolSupport* smtp = find_protocol("smtp");
  ASSERT_NE(smtp, nullptr);
  EXPECT_FALSE(smtp->has_data_channel);
  EXPECT_NE(smtp->make_codec(), nullptr);
  EXPECT_NE(smtp->make_oracle(), nullptr);
}

TEST(SmtpOracle, GreetingIsTheFirstCommand) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  Session bad;
  const auto f = bad.get(250);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->kind, "reply-table");
  EXPECT_EQ(f->ref, "RFC 2821 4.3.2");
  EXPECT_THAT(f->message, HasSubstr("connection greeting"));
  Session refused;
  EXPECT_TRUE(refused.ok(554));
}

// RFC 2821 3.1: after a 554 greeting the server "SHOULD respond to any intervening commands
// with "503 bad sequence of commands"", whatever the command's own row says.
TEST(SmtpOracle, BadSequenceAnswersEverythingAfterARefusedGreeting) {
  Session refused;
  EXPECT_TRUE(refused.ok(554));
  refused.send("NOOP\r\n");
  EXPECT_TRUE(refused.ok(503));
  Session served;
  EXPECT_TRUE(served.ok(220));
  served.send("NOOP\r\n");
  EXPECT_FALSE(served.ok(503));  // NOOP's row: 250, and the errors 500, 501, 421
}

TEST(SmtpOracle, CommandsInLockstep) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("EHLO client.example\r\n");
  EXPECT_TRUE(s.ok(250));
  s.send("MAIL FROM:<a@example.com>\r\n");
  EXPECT_TRUE(s.ok(250));
  s.send("RCPT TO:<b@example.com>\r\n");
  EXPECT_TRUE(s.ok(251));
  s.send("RSET\r\n");
  const auto f = s.get(251);  // not a reply to RSET
  ASSERT_TRUE(f.has_value());
  EXPECT_THAT(f->message, HasSubstr("RSET"));
  s.send("quit\r\n");
  EXPECT_TRUE(s.ok(221));
}

// RFC 2920: several commands in one write; the replies pair with them in order.
TEST(SmtpOracle, PipelinedCommandsPairInOrder) {
  Session s;
  s.send("EHLO c\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nRCPT TO:<c@x>\r\nRSET\r\n");
  EXPECT_TRUE(s.ok(220));   // greeting
  EXPECT_TRUE(s.ok(250));   // EHLO
  EXPECT_TRUE(s.ok(250));   // MAIL
  EXPECT_TRUE(s.ok(251));   // RCPT
  EXPECT_TRUE(s.ok(550));   // RCPT
  EXPECT_FALSE(s.ok(550));  // RSET: only 250 (and the general codes)
}

TEST(SmtpOracle, CommandsSplitAcrossWrites) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("NO");
  s.send("OP\r");
  s.send("\nQU");
  EXPECT_TRUE(s.ok(250));
  s.send("IT\r\n");
  EXPECT_TRUE(s.ok(221));
}

// Each reply below would be a violation if a line of the message were taken as a command.
TEST(SmtpOracle, DataContentIsNotCommands) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("MAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nDATA\r\n");
  EXPECT_TRUE(s.ok(250));
  EXPECT_TRUE(s.ok(250));
  EXPECT_TRUE(s.ok(354));
  s.send("RCPT TO:<x>\r\nQUIT\r\nDATA\r\n");
  s.send("..leading dot\r\n.\r\n");
  EXPECT_TRUE(s.ok(554));  // DATA's final: a 554 to RCPT would be a violation
  s.send("RSET\r\n");
  EXPECT_TRUE(s.ok(250));  // RSET: a 250 to QUIT would be one
  // And the other way round: the same lines as commands do get judged as commands.
  Session c;
  EXPECT_TRUE(c.ok(220));
  c.send("RCPT TO:<x>\r\nQUIT\r\n");
  EXPECT_FALSE(c.ok(554));
  EXPECT_FALSE(c.ok(250));
}

TEST(SmtpOracle, DataFinalReplyIsJudgedAsTheSecondStage) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("DATA\r\n");
  EXPECT_TRUE(s.ok(354));
  s.send("hello\r\n.\r\n");
  const auto f = s.get(503);  // allowed to DATA, but not after the message
  ASSERT_TRUE(f.has_value());
  EXPECT_THAT(f->message, HasSubstr("after its intermediate reply"));
}

// "DATA\r\n.\r\n": an empty message; the CRLF of DATA is the first of <CRLF>.<CRLF>.
TEST(SmtpOracle, EmptyMessageEndsRightAfterData) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("DATA\r\n.\r\nNOOP\r\n");
  EXPECT_TRUE(s.ok(354));
  EXPECT_TRUE(s.ok(250));  // end of data
  EXPECT_TRUE(s.ok(250));  // NOOP
}

// RFC 2821 4.1.1.4: "<LF>.<LF>" MUST NOT end the data, nor ".." (dot-stuffing).
TEST(SmtpOracle, OnlyCrlfDotCrlfEndsTheMessage) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("DATA\r\n");
  EXPECT_TRUE(s.ok(354));
  s.send("a\n.\nRSET\r\n..\r\n. \r\nx.\r\n");
  s.send("\r");
  s.send("\n.");
  s.send("\r");
  s.send("\nNOOP\r\n");
  EXPECT_TRUE(s.ok(250));   // DATA's final
  EXPECT_TRUE(s.ok(250));   // NOOP
}

// The client sent DATA and the message before the 354 came (not what RFC 2920 asks, but a
// fuzzer does it): the bytes are read once the reply says what they are.
TEST(SmtpOracle, BytesAfterDataWaitForItsReply) {
  Session s;
  s.send("DATA\r\nRCPT TO:<x>\r\n.\r\nNOOP\r\n");
  EXPECT_TRUE(s.ok(220));
  EXPECT_TRUE(s.ok(354));
  EXPECT_TRUE(s.ok(250));  // DATA's final, not RCPT
  const auto f = s.get(251);  // NOOP
  ASSERT_TRUE(f.has_value());
  EXPECT_THAT(f->message, HasSubstr("NOOP"));
}

// A DATA refused with 503 leaves the client's next lines as commands (the server reads them
// so, RFC 2821 4.3.2 "E: 451, 554, 503").
TEST(SmtpOracle, RefusedDataLeavesCommands) {
  Session s;
  s.send("DATA\r\nRCPT TO:<x>\r\nNOOP\r\n");
  EXPECT_TRUE(s.ok(220));
  EXPECT_TRUE(s.ok(503));
  EXPECT_TRUE(s.ok(251));   // a reply to RCPT
  EXPECT_FALSE(s.ok(251));  // NOOP: judged, so read as a command
}

TEST(SmtpOracle, AuthChallengeResponse) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("AUTH LOGIN\r\n");
  EXPECT_TRUE(s.ok(334));
  s.send("dXNlcg==\r\n");  // a response, not a command
  EXPECT_TRUE(s.ok(334));
  s.send("cGFzcw==\r\n");
  EXPECT_TRUE(s.ok(235));
  s.send("MAIL FROM:<a@x>\r\n");
  EXPECT_TRUE(s.ok(250));
}

// A response line that looks like a command is still a response.
TEST(SmtpOracle, AuthResponseThatLooksLikeACommand) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("AUTH PLAIN\r\n");
  EXPECT_TRUE(s.ok(334));
  s.send("QUIT\r\n");
  EXPECT_TRUE(s.ok(535));  // not a reply to QUIT
  s.send("QUIT\r\n");
  EXPECT_TRUE(s.ok(221));
}

TEST(SmtpOracle, AuthCancelled) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("AUTH CRAM-MD5\r\n");
  EXPECT_TRUE(s.ok(334));
  s.send("*\r\n");
  EXPECT_TRUE(s.ok(501));
  s.send("NOOP\r\n");
  EXPECT_TRUE(s.ok(250));
}

TEST(SmtpOracle, AuthWithInitialResponseSucceedsAtOnce) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nNOOP\r\n");
  EXPECT_TRUE(s.ok(235));
  EXPECT_FALSE(s.ok(251));  // NOOP, read as a command once AUTH's reply said it was one
}

TEST(SmtpOracle, AuthSecondStageIsJudged) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("AUTH LOGIN\r\n");
  EXPECT_TRUE(s.ok(334));
  s.send("eA==\r\n");
  EXPECT_FALSE(s.ok(504));  // a mechanism refusal belongs to the command, not a response
}

TEST(SmtpOracle, ServiceClosingAnywhere) {
  Session s;
  EXPECT_TRUE(s.ok(421));
  Session d;
  EXPECT_TRUE(d.ok(220));
  d.send("DATA\r\n");
  EXPECT_TRUE(d.ok(354));
  d.send("x\r\n.\r\n");
  EXPECT_TRUE(d.ok(421));
}

TEST(SmtpOracle, UnknownVerbsAndCodeZeroAreNotJudged) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("XFOO bar\r\nNOOP\r\n");
  EXPECT_TRUE(s.ok(299));  // XFOO: unknown
  EXPECT_TRUE(s.ok(0));    // a reply without a code is the codec's finding; not paired
  EXPECT_FALSE(s.ok(251)); // NOOP
}

TEST(SmtpOracle, HugeUnreadBytesStopJudgingInsteadOfGuessing) {
  Session s;
  s.send("DATA\r\n");
  s.send(std::string(300 * 1024, 'x'));
  EXPECT_TRUE(s.ok(220));
  EXPECT_TRUE(s.ok(999));  // lost: nothing is judged any more
}

TEST(SmtpOracle, LongCommandLinesStayBounded) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  for (int i = 0; i < 64; ++i) s.send(std::string(64 * 1024, 'N'));
  s.send("\r\nNOOP\r\n");
  EXPECT_TRUE(s.ok(500));  // the long line: an unknown verb
  EXPECT_TRUE(s.ok(250));  // NOOP
}

TEST(SmtpOracle, RandomTrafficNeverCrashes) {
  std::mt19937 rng(2920);
  const std::vector<std::string> pieces = {
      "DATA\r\n", "AUTH LOGIN\r\n", "\r\n.\r\n", ".", "\r", "\n", "NOOP\r\n", "RCPT TO:<x>\r\n",
      "x",        "*\r\n",          "QUIT\r\n",  "MAIL FROM:<>\r\n"};
  const std::vector<int> codes = {220, 250, 354, 334, 235, 501, 503, 421, 0, 100, 999, 552};
  for (int round = 0; round < 200; ++round) {
    Session s;
    for (int step = 0; step < 200; ++step) {
      if (rng() % 2) {
        s.send(pieces[rng() % pieces.size()]);
      } else {
        (void)s.get(codes[rng() % codes.size()]);
      }
    }
  }
}

}  // namespace
}  // namespace rfcheck

namespace rfcheck {
namespace {

// RFC 3207 4 / 6: what the client pipelined behind STARTTLS is discarded by the server, so
// after the handshake the next reply answers the next command, not the discarded one.
TEST(SmtpOracle, TlsHandshakeDropsCommandsPipelinedBehindStarttls) {
  Session s;
  EXPECT_TRUE(s.ok(220));
  s.send("EHLO client.example\r\n");
  EXPECT_TRUE(s.ok(250));
  s.send("STARTTLS\r\nNOOP\r\n");
  EXPECT_TRUE(s.ok(220));
  s.oracle->on_tls_started();
  s.send("MAIL FROM:<a@example.com>\r\n");
  EXPECT_TRUE(s.ok(503));  // MAIL before the new EHLO; 503 is no reply to NOOP
}

}  // namespace
}  // namespace rfcheck
