// Session serialization: total decoding (any bytes are a session), round trips, limits.
#include <gtest/gtest.h>

#include <random>

#include "fuzz/session.h"

namespace rfcheck::fuzz {
namespace {

Session sample() {
  Session s;
  s.actions.push_back(Action::command("USER", "ftptest"));
  s.actions.push_back(Action::command("PASS", "ftptest"));
  Action raw;
  raw.kind = Action::Kind::kRaw;
  raw.payload = std::string("NO\0OP\r\n\xff", 8);
  s.actions.push_back(raw);
  s.actions.push_back({Action::Kind::kPassive, "EPSV"});
  s.actions.push_back({Action::Kind::kDataReceive, ""});
  s.actions.push_back({Action::Kind::kReconnect, ""});
  return s;
}

TEST(Session, RoundTripsThroughBytes) {
  const Session s = sample();
  EXPECT_EQ(decode(encode(s)), s);
}

TEST(Session, CommandSplitsVerbAndArgument) {
  const Action a = Action::command("RETR", "dir/file name.txt");
  EXPECT_EQ(a.payload, "RETR dir/file name.txt");
  EXPECT_EQ(a.verb(), "RETR");
  EXPECT_EQ(a.argument(), "dir/file name.txt");
  EXPECT_EQ(Action::command("PWD").payload, "PWD");
  EXPECT_EQ(Action::command("PWD").argument(), "");
  EXPECT_EQ(control_bytes(a), "RETR dir/file name.txt\r\n");
}

TEST(Session, AnyBytesDecodeWithinLimits) {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 600, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng());
    const Session s = decode(bytes);
    EXPECT_LE(s.actions.size(), kMaxActions);
    std::size_t payload = 0;
    for (const auto& a : s.actions) payload += a.payload.size();
    EXPECT_LE(payload, bytes.size());
    // Decoding what we encode is stable.
    EXPECT_EQ(decode(encode(s)), s);
  }
}

TEST(Session, TruncatedLengthTakesWhatRemains) {
  std::string bytes;
  bytes += '\0';                       // command
  bytes += static_cast<char>(0xff);    // length 0xffff ...
  bytes += static_cast<char>(0xff);
  bytes += "NOOP";                     // ... but only 4 bytes follow
  const Session s = decode(bytes);
  ASSERT_EQ(s.actions.size(), 1u);
  EXPECT_EQ(s.actions[0].payload, "NOOP");
}

TEST(Session, KindsWrapAround) {
  const std::string bytes = {static_cast<char>(Action::kKinds + 1), 0, 0};
  const Session s = decode(bytes);
  ASSERT_EQ(s.actions.size(), 1u);
  EXPECT_EQ(s.actions[0].kind, Action::Kind::kRaw);
}

TEST(Session, DescribeEscapesBytes) {
  const std::string text = describe(sample());
  EXPECT_NE(text.find("command USER ftptest\n"), std::string::npos);
  EXPECT_NE(text.find("raw NO\\x00OP\\r\\n\\xff"), std::string::npos) << text;
  EXPECT_NE(text.find("passive EPSV\n"), std::string::npos);
}

}  // namespace
}  // namespace rfcheck::fuzz
