#include "proto/ftp_reply_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rfcheck::proto {
namespace {

using ::testing::HasSubstr;

// Allowed as the first reply to verb.
bool first_ok(std::string_view verb, int code) {
  return !check_ftp_reply_sequence(verb, false, code).has_value();
}
// Allowed after a 1yz reply to verb.
bool then_ok(std::string_view verb, int code) {
  return !check_ftp_reply_sequence(verb, true, code).has_value();
}

TEST(FtpReplyTable, LookupIsCaseInsensitive) {
  const FtpCommandReplies* row = ftp_command_replies("retr");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->verb, "RETR");
  EXPECT_EQ(row->ref, "RFC 959 5.4");
  EXPECT_EQ(ftp_command_replies("Retr"), row);
  EXPECT_EQ(ftp_command_replies("XYZZ"), nullptr);
  EXPECT_EQ(ftp_command_replies(""), nullptr);
  EXPECT_EQ(ftp_command_replies("RETRX"), nullptr);
}

// Every command of RFC 959 4.1 has a row, and each verb is in the table once.
TEST(FtpReplyTable, CoversRfc959AndTheExtensions) {
  for (const char* verb :
       {"USER", "PASS", "ACCT", "CWD", "CDUP", "SMNT", "REIN", "QUIT", "PORT", "PASV", "MODE",
        "TYPE", "STRU", "ALLO", "REST", "STOR", "STOU", "RETR", "LIST", "NLST", "APPE", "RNFR",
        "RNTO", "DELE", "RMD", "MKD", "PWD", "ABOR", "SYST", "STAT", "HELP", "SITE", "NOOP",
        "EPRT", "EPSV", "FEAT", "OPTS", "SIZE", "MDTM", "MLST", "MLSD"}) {
    EXPECT_NE(ftp_command_replies(verb), nullptr) << verb;
  }
  std::set<std::string> seen;
  for (const FtpCommandReplies& row : ftp_command_reply_table()) {
    EXPECT_TRUE(seen.insert(row.verb).second) << row.verb;
    EXPECT_FALSE(row.completion.empty()) << row.verb;
    EXPECT_FALSE(row.ref.empty()) << row.verb;
  }
  EXPECT_EQ(seen.size(), 42u);  // 33 RFC 959 commands, 8 extensions, the greeting
}

TEST(FtpReplyTable, Greeting) {
  const FtpCommandReplies* row = ftp_command_replies(kFtpGreeting);
  ASSERT_NE(row, nullptr);
  EXPECT_TRUE(first_ok(kFtpGreeting, 220));
  EXPECT_TRUE(first_ok(kFtpGreeting, 120));
  EXPECT_TRUE(first_ok(kFtpGreeting, 421));
  EXPECT_TRUE(then_ok(kFtpGreeting, 220));
  EXPECT_FALSE(first_ok(kFtpGreeting, 200));
  EXPECT_FALSE(first_ok(kFtpGreeting, 230));
  EXPECT_FALSE(then_ok(kFtpGreeting, 120));
}

TEST(FtpReplyTable, UserPass) {
  for (int code : {230, 530, 500, 501, 421, 331, 332}) EXPECT_TRUE(first_ok("USER", code)) << code;
  EXPECT_FALSE(first_ok("USER", 202));  // PASS may say 202, USER may not
  EXPECT_FALSE(first_ok("USER", 503));
  for (int code : {230, 202, 530, 500, 501, 503, 421, 332}) {
    EXPECT_TRUE(first_ok("PASS", code)) << code;
  }
  EXPECT_FALSE(first_ok("PASS", 331));
}

TEST(FtpReplyTable, RetrSequence) {
  EXPECT_TRUE(first_ok("RETR", 150));
  EXPECT_TRUE(first_ok("RETR", 125));
  EXPECT_TRUE(first_ok("RETR", 550));
  EXPECT_TRUE(then_ok("RETR", 226));
  EXPECT_TRUE(then_ok("RETR", 250));
  EXPECT_TRUE(then_ok("RETR", 426));
  EXPECT_TRUE(then_ok("RETR", 110));  // "(110)": a restart marker between 150 and 226
  // 226 without a 150 first, and a second 150, are both out of sequence.
  EXPECT_FALSE(first_ok("RETR", 226));
  EXPECT_FALSE(then_ok("RETR", 150));
  EXPECT_FALSE(then_ok("RETR", 550));  // 550 is a first reply only: the transfer never began
  // LIST has no "(110)".
  EXPECT_FALSE(then_ok("LIST", 110));
  EXPECT_TRUE(then_ok("LIST", 226));
}

TEST(FtpReplyTable, ViolationMessageNamesRefCommandAndAllowedSet) {
  const auto msg = check_ftp_reply_sequence("cwd", false, 257);
  ASSERT_TRUE(msg.has_value());
  EXPECT_THAT(msg->describe(), HasSubstr("RFC 959 5.4"));
  EXPECT_THAT(msg->describe(), HasSubstr("257"));
  EXPECT_THAT(msg->describe(), HasSubstr("CWD"));
  EXPECT_THAT(msg->describe(), HasSubstr("250"));
  EXPECT_THAT(check_ftp_reply_sequence("STOR", true, 200)->message,
              HasSubstr("after a preliminary"));
}

// RFC 959 4.2.1: 421 "may be a reply to any command if the service knows it must shut
// down", even where 5.4 does not list it (SITE, QUIT) and after a 1yz.
TEST(FtpReplyTable, ServiceClosingIsAlwaysAllowed) {
  for (const FtpCommandReplies& row : ftp_command_reply_table()) {
    EXPECT_TRUE(first_ok(row.verb, 421)) << row.verb;
    EXPECT_TRUE(then_ok(row.verb, 421)) << row.verb;
  }
  EXPECT_FALSE(ftp_command_replies("SITE")->completion.contains(421));  // not in the RFC's row
}

TEST(FtpReplyTable, TranscribedRowsMatchTheRfc) {
  const FtpCommandReplies* rnfr = ftp_command_replies("RNFR");
  ASSERT_NE(rnfr, nullptr);
  EXPECT_TRUE(rnfr->preliminary.empty());
  EXPECT_TRUE(rnfr->completion.contains(350));
  EXPECT_FALSE(rnfr->completion.contains(250));
  EXPECT_TRUE(first_ok("QUIT", 221));
  EXPECT_TRUE(first_ok("QUIT", 500));
  EXPECT_FALSE(first_ok("QUIT", 200));
  EXPECT_TRUE(first_ok("NOOP", 200));
  EXPECT_FALSE(first_ok("NOOP", 502));  // 5.1: NOOP "must be supported"
  EXPECT_TRUE(first_ok("SITE", 502));   // 4.2: an unimplemented command is answered 502
  EXPECT_TRUE(first_ok("STOU", 502));
  EXPECT_FALSE(then_ok("STOU", 502));   // but not after a 1yz: the command was implemented
  EXPECT_TRUE(first_ok("REIN", 120));
  EXPECT_TRUE(then_ok("REIN", 220));
  EXPECT_TRUE(first_ok("ABOR", 225));
  EXPECT_TRUE(first_ok("ABOR", 226));
  EXPECT_TRUE(first_ok("PASV", 227));
  EXPECT_FALSE(first_ok("PASV", 229));
  EXPECT_TRUE(first_ok("PWD", 257));
  EXPECT_FALSE(first_ok("PWD", 530));  // PWD's row has no 530
}

TEST(FtpReplyTable, Extensions) {
  EXPECT_EQ(ftp_command_replies("EPSV")->ref, "RFC 2428 3");
  EXPECT_TRUE(first_ok("EPSV", 229));
  EXPECT_TRUE(first_ok("EPSV", 522));
  EXPECT_FALSE(first_ok("EPSV", 227));
  EXPECT_TRUE(first_ok("EPRT", 200));
  EXPECT_TRUE(first_ok("EPRT", 522));
  EXPECT_TRUE(first_ok("FEAT", 211));
  EXPECT_TRUE(first_ok("FEAT", 502));  // not implemented
  EXPECT_FALSE(first_ok("FEAT", 200));
  EXPECT_TRUE(first_ok("OPTS", 451));
  EXPECT_TRUE(first_ok("SIZE", 213));
  EXPECT_TRUE(first_ok("SIZE", 450));  // "Various 4xy replies"
  EXPECT_FALSE(first_ok("SIZE", 250));
  EXPECT_TRUE(first_ok("MDTM", 550));
  EXPECT_TRUE(first_ok("MLST", 250));
  EXPECT_FALSE(first_ok("MLST", 150));
  EXPECT_TRUE(first_ok("MLSD", 150));
  EXPECT_TRUE(then_ok("MLSD", 226));
  EXPECT_TRUE(then_ok("MLSD", 426));
  EXPECT_FALSE(then_ok("MLSD", 250));
}

TEST(FtpReplyTable, UnjudgeableCasesAreNotViolations) {
  EXPECT_FALSE(check_ftp_reply_sequence("XFOO", false, 999).has_value());  // unknown verb
  EXPECT_FALSE(check_ftp_reply_sequence("RETR", false, 0).has_value());    // no code read
  // After a 1yz to a command with no 1yz in its row, completion replies are the yardstick.
  EXPECT_TRUE(then_ok("CWD", 250));
  EXPECT_FALSE(then_ok("CWD", 226));
}

}  // namespace
}  // namespace rfcheck::proto
