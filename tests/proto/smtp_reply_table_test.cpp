#include "proto/smtp_reply_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rfcheck::proto {
namespace {

using ::testing::HasSubstr;

bool first_ok(std::string_view verb, int code) {
  return !check_smtp_reply_sequence(verb, SmtpStage::kCommand, code).has_value();
}
bool then_ok(std::string_view verb, int code) {
  return !check_smtp_reply_sequence(verb, SmtpStage::kAfterIntermediate, code).has_value();
}

// The codes among 200..599 a verb may get at a stage, for comparing with the RFC's lists.
std::set<int> allowed(std::string_view verb, SmtpStage stage) {
  std::set<int> out;
  for (int code = 200; code <= 599; ++code) {
    if (!check_smtp_reply_sequence(verb, stage, code)) out.insert(code);
  }
  return out;
}

TEST(SmtpReplyTable, LookupIsCaseInsensitive) {
  const SmtpCommandReplies* row = smtp_command_replies("mail");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->verb, "MAIL");
  EXPECT_EQ(smtp_command_replies("Mail"), row);
  EXPECT_EQ(smtp_command_replies("MAILX"), nullptr);
  EXPECT_EQ(smtp_command_replies(""), nullptr);
  EXPECT_EQ(smtp_command_replies("TURN"), nullptr);
}

TEST(SmtpReplyTable, CoversRfc2821AndTheExtensionsOnce) {
  std::set<std::string> verbs;
  for (const auto& row : smtp_command_reply_table()) {
    EXPECT_TRUE(verbs.insert(row.verb).second) << row.verb;
    EXPECT_FALSE(row.completion.empty()) << row.verb;
    EXPECT_EQ(row.intermediate.empty(), row.after_intermediate.empty()) << row.verb;
  }
  for (const char* verb : {"(greeting)", "EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET", "VRFY",
                           "EXPN", "HELP", "NOOP", "QUIT", "STARTTLS", "AUTH"}) {
    EXPECT_EQ(verbs.count(verb), 1u) << verb;
  }
  EXPECT_EQ(smtp_command_reply_table().front().verb, kSmtpGreeting);
}

// The rows, code for code, as RFC 2821 4.3.2 prints them, plus its general rule (500, 501,
// 421 to any command), plus the additions each row's comment justifies.
TEST(SmtpReplyTable, TranscribedRowsMatchTheRfc) {
  const auto k = SmtpStage::kCommand;
  EXPECT_EQ(allowed(kSmtpGreeting, k), (std::set<int>{220, 421, 554}));
  EXPECT_EQ(allowed("EHLO", k), (std::set<int>{250, 421, 500, 501, 502, 504, 550}));
  EXPECT_EQ(allowed("HELO", k), (std::set<int>{250, 421, 500, 501, 504, 530, 550}));
  EXPECT_EQ(allowed("MAIL", k), (std::set<int>{250, 421, 451, 452, 455, 500, 501, 503, 530, 550,
                                               552, 553, 555}));
  EXPECT_EQ(allowed("RCPT", k), (std::set<int>{250, 251, 421, 450, 451, 452, 455, 500, 501, 503,
                                               530, 550, 551, 552, 553, 555}));
  EXPECT_EQ(allowed("DATA", k), (std::set<int>{354, 421, 451, 500, 501, 503, 530, 554}));
  EXPECT_EQ(allowed("DATA", SmtpStage::kAfterIntermediate),
            (std::set<int>{250, 421, 451, 452, 552, 554}));
  EXPECT_EQ(allowed("RSET", k), (std::set<int>{250, 421, 500, 501, 530}));
  EXPECT_EQ(allowed("VRFY", k), (std::set<int>{250, 251, 252, 421, 500, 501, 502, 504, 530, 550,
                                               551, 553}));
  EXPECT_EQ(allowed("EXPN", k), (std::set<int>{250, 252, 421, 500, 501, 502, 504, 530, 550}));
  EXPECT_EQ(allowed("HELP", k), (std::set<int>{211, 214, 421, 500, 501, 502, 504, 530}));
  EXPECT_EQ(allowed("NOOP", k), (std::set<int>{250, 421, 500, 501}));
  EXPECT_EQ(allowed("QUIT", k), (std::set<int>{221, 421, 500, 501}));
}

TEST(SmtpReplyTable, Extensions) {
  const auto k = SmtpStage::kCommand;
  // RFC 3207 4, and 502 for a server that knows STARTTLS but does not offer it.
  EXPECT_EQ(allowed("STARTTLS", k), (std::set<int>{220, 421, 454, 500, 501, 502, 503, 530}));
  // RFC 4954 4 and 6.
  // 530 by RFC 3207 4, which leaves only NOOP, EHLO, STARTTLS and QUIT out.
  EXPECT_EQ(allowed("AUTH", k), (std::set<int>{235, 334, 421, 432, 454, 500, 501, 502, 503, 504,
                                               530, 534, 535, 538}));
  EXPECT_EQ(allowed("AUTH", SmtpStage::kAfterIntermediate),
            (std::set<int>{235, 334, 421, 432, 454, 500, 501, 534, 535, 538}));
  // RFC 1870 6.1 and 7: a declared SIZE over the limit gets 552 on MAIL; RFC 1869 6.1: an
  // unknown parameter 555.
  EXPECT_TRUE(first_ok("MAIL", 552));
  EXPECT_TRUE(first_ok("MAIL", 555));
  EXPECT_TRUE(first_ok("RCPT", 552));
}

// RFC 4954 6 and RFC 3207 4 leave some commands out of their 530 rule.
TEST(SmtpReplyTable, AuthenticationRequiredRules) {
  for (const char* verb : {"MAIL", "RCPT", "DATA", "VRFY", "EXPN", "HELP", "HELO", "RSET",
                           "STARTTLS", "AUTH"}) {
    EXPECT_TRUE(first_ok(verb, 530)) << verb;
  }
  for (const char* verb : {"EHLO", "NOOP", "QUIT"}) {
    EXPECT_FALSE(first_ok(verb, 530)) << verb;
  }
  EXPECT_FALSE(first_ok(kSmtpGreeting, 530));
}

TEST(SmtpReplyTable, DataStages) {
  EXPECT_TRUE(first_ok("DATA", 354));
  EXPECT_FALSE(first_ok("DATA", 250));   // 250 only after the message
  EXPECT_TRUE(then_ok("DATA", 250));
  EXPECT_FALSE(then_ok("DATA", 354));    // no second 354
  EXPECT_FALSE(then_ok("DATA", 503));    // the message is not a command
  EXPECT_FALSE(then_ok("DATA", 500));
  EXPECT_TRUE(then_ok("DATA", 421));
}

// RFC 2821 4.3.2's general rule is for commands: the greeting answers none.
TEST(SmtpReplyTable, GreetingGetsNoGeneralRule) {
  EXPECT_FALSE(first_ok(kSmtpGreeting, 500));
  EXPECT_FALSE(first_ok(kSmtpGreeting, 250));
  EXPECT_TRUE(first_ok(kSmtpGreeting, 421));
}

// Not in RFC 2821 4.3.2's general list: a base command may not answer 502.
TEST(SmtpReplyTable, BaseCommandsMayNotAnswer502) {
  for (const char* verb : {"HELO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT"}) {
    EXPECT_FALSE(first_ok(verb, 502)) << verb;
  }
}

TEST(SmtpReplyTable, ServiceClosingIsAlwaysAllowed) {
  for (const auto& row : smtp_command_reply_table()) {
    EXPECT_TRUE(first_ok(row.verb, 421)) << row.verb;
    EXPECT_TRUE(then_ok(row.verb, 421)) << row.verb;
  }
}

TEST(SmtpReplyTable, ViolationMessageNamesRefCommandAndAllowedSet) {
  const auto v = check_smtp_reply_sequence("RSET", SmtpStage::kCommand, 251);
  ASSERT_TRUE(v.has_value());
  EXPECT_THAT(v->describe(), HasSubstr("RFC 2821 4.3.2: 251"));
  EXPECT_THAT(v->describe(), HasSubstr("RSET"));
  EXPECT_THAT(v->describe(), HasSubstr("250"));
  EXPECT_THAT(v->describe(), HasSubstr("421"));
  const auto g = check_smtp_reply_sequence(kSmtpGreeting, SmtpStage::kCommand, 250);
  ASSERT_TRUE(g.has_value());
  EXPECT_THAT(g->describe(), HasSubstr("connection greeting"));
  const auto d = check_smtp_reply_sequence("DATA", SmtpStage::kAfterIntermediate, 354);
  ASSERT_TRUE(d.has_value());
  EXPECT_THAT(d->describe(), HasSubstr("after its intermediate reply"));
}

TEST(SmtpReplyTable, UnjudgeableCasesAreNotViolations) {
  EXPECT_TRUE(first_ok("XUNKNOWN", 299));
  EXPECT_TRUE(first_ok("RSET", 0));
  // A second stage for a row without one is judged as the first reply.
  EXPECT_TRUE(then_ok("NOOP", 250));
  EXPECT_FALSE(then_ok("NOOP", 354));
}

TEST(SmtpReplyTable, IntermediateIsTheThirdClass) {
  EXPECT_TRUE(smtp_is_intermediate(354));
  EXPECT_TRUE(smtp_is_intermediate(334));
  EXPECT_FALSE(smtp_is_intermediate(250));
  EXPECT_FALSE(smtp_is_intermediate(421));
}

}  // namespace
}  // namespace rfcheck::proto
