#include "runner/ftp_oracle.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "coded_reply.h"
#include "runner/protocol_support.h"

namespace rfcheck {
namespace {

using ::testing::HasSubstr;

// Drives one oracle: sends command lines, feeds replies, collects the verdicts.
struct Session {
  std::unique_ptr<ReplyOracle> oracle = make_ftp_oracle();

  Session() { EXPECT_TRUE(ok(220)); }  // the greeting
  void send(std::string_view line) { oracle->on_sent(std::string(line) + "\r\n"); }
  std::optional<Finding> get(int code) { return oracle->on_reply(coded_reply(code)); }
  bool ok(int code) { return !get(code).has_value(); }
  void login() {
    send("USER alice");
    EXPECT_TRUE(ok(331));
    send("PASS secret");
    EXPECT_TRUE(ok(230));
  }
};

// RFC 959 4.1.1: "some servers may require" USER first; such a server answers 530 "Not
// logged in" to what comes before the login, even where 5.4's row has no 530 (PWD).
TEST(FtpOracle, NotLoggedInIsAllowedBeforeTheLoginOnly) {
  Session before;
  before.send("PWD");
  EXPECT_TRUE(before.ok(530));

  Session after;
  after.login();
  after.send("PWD");
  const auto f = after.get(530);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->kind, "reply-table");
  EXPECT_THAT(f->message, HasSubstr("530 is not an allowed reply to PWD"));

  Session again;  // USER starts the login again: until PASS, 530 is the refusal
  again.login();
  again.send("USER bob");
  EXPECT_TRUE(again.ok(331));
  again.send("PWD");
  EXPECT_TRUE(again.ok(530));
}

// RFC 2428 3: after EPSV ALL the server "MUST reject all data connection setup commands
// other than EPSV" and names no code, so any 4yz/5yz to PASV, PORT or EPRT is right.
TEST(FtpOracle, AfterEpsvAllAnyRefusalOfASetupCommandIsAllowed) {
  Session s;
  s.login();
  s.send("PASV");
  EXPECT_FALSE(s.ok(503));  // 5.4's PASV row has no 503
  s.send("EPSV ALL");
  EXPECT_TRUE(s.ok(200));
  s.send("PASV");
  EXPECT_TRUE(s.ok(503));
  s.send("PORT 127,0,0,1,4,1");
  EXPECT_TRUE(s.ok(425));
  s.send("NOOP");
  EXPECT_FALSE(s.ok(503));  // only the setup commands are excused
}

// RFC 959 4.2: an unimplemented command is answered 502; 5.1's minimum must be implemented.
TEST(FtpOracle, NotImplementedIsAllowedOutsideTheMinimum) {
  Session s;
  s.login();
  s.send("SITE CHMOD 644 x");
  EXPECT_TRUE(s.ok(502));
  s.send("NOOP");
  const auto f = s.get(502);
  ASSERT_TRUE(f.has_value());
  EXPECT_THAT(f->message, HasSubstr("502 is not an allowed reply to NOOP"));
}

}  // namespace
}  // namespace rfcheck
