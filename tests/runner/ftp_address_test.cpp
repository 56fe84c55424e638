// PASV/EPSV replies and PORT/EPRT arguments (RFC 959 4.1.2, RFC 2428).
#include "runner/ftp_address.h"

#include <gtest/gtest.h>

namespace rfcheck {
namespace {

TEST(ParsePasv, WithParentheses) {
  auto hp = parse_pasv_reply("227 Entering Passive Mode (127,0,0,1,200,10).");
  ASSERT_TRUE(hp.has_value());
  EXPECT_EQ(hp->host, "127.0.0.1");
  EXPECT_EQ(hp->port, 200 * 256 + 10);
}

TEST(ParsePasv, WithoutParentheses) {
  // RFC 959 leaves the text around the numbers free; some servers omit the parentheses.
  auto hp = parse_pasv_reply("227 Entering Passive Mode 192,168,1,20,4,1");
  ASSERT_TRUE(hp.has_value());
  EXPECT_EQ(hp->host, "192.168.1.20");
  EXPECT_EQ(hp->port, 1025);
  auto eq = parse_pasv_reply("227 =10,0,0,5,0,21");
  ASSERT_TRUE(eq.has_value());
  EXPECT_EQ(eq->host, "10.0.0.5");
  EXPECT_EQ(eq->port, 21);
}

TEST(ParsePasv, IgnoresTheReplyCodeAndEarlierNumbers) {
  auto hp = parse_pasv_reply("227 Mode 3 (127,0,0,1,0,255)");
  ASSERT_TRUE(hp.has_value());
  EXPECT_EQ(hp->host, "127.0.0.1");
  EXPECT_EQ(hp->port, 255);
}

TEST(ParsePasv, OutOfRangeNumbers) {
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (127,0,0,1,256,1)").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (127,0,0,1,1,256)").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (300,0,0,1,1,1)").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (127,0,0,1,1000,1)").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (127,0,0,1,99999999999,1)").has_value());
}

TEST(ParsePasv, MalformedForms) {
  EXPECT_FALSE(parse_pasv_reply("").has_value());
  EXPECT_FALSE(parse_pasv_reply("227").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (127,0,0,1,4)").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (127,0,0,1,,4,1)").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (127.0.0.1.4.1)").has_value());
  EXPECT_FALSE(parse_pasv_reply("227 Entering Passive Mode (127,0,0,1,-4,1)").has_value());
}

TEST(ParseEpsv, DefaultDelimiter) {
  EXPECT_EQ(parse_epsv_reply("229 Entering Extended Passive Mode (|||6446|)"), 6446);
  EXPECT_EQ(parse_epsv_reply("229 (|||1|)"), 1);
  EXPECT_EQ(parse_epsv_reply("229 (|||65535|)"), 65535);
}

TEST(ParseEpsv, OtherDelimiters) {
  EXPECT_EQ(parse_epsv_reply("229 Entering Extended Passive Mode (!!!6446!)"), 6446);
  EXPECT_EQ(parse_epsv_reply("229 ok (###2121#)"), 2121);
  EXPECT_EQ(parse_epsv_reply("229 ok (~~~2121~)"), 2121);
}

TEST(ParseEpsv, BadForms) {
  EXPECT_FALSE(parse_epsv_reply("").has_value());
  EXPECT_FALSE(parse_epsv_reply("229 Entering Extended Passive Mode").has_value());
  EXPECT_FALSE(parse_epsv_reply("229 (|||6446)").has_value());     // no closing delimiter
  EXPECT_FALSE(parse_epsv_reply("229 (|||6446|").has_value());     // no parenthesis
  EXPECT_FALSE(parse_epsv_reply("229 (||6446|)").has_value());      // two delimiters
  EXPECT_FALSE(parse_epsv_reply("229 (|!|6446|)").has_value());     // mixed delimiters
  EXPECT_FALSE(parse_epsv_reply("229 (|||6446!)").has_value());     // wrong closing one
  EXPECT_FALSE(parse_epsv_reply("229 (|||0|)").has_value());
  EXPECT_FALSE(parse_epsv_reply("229 (|||65536|)").has_value());
  EXPECT_FALSE(parse_epsv_reply("229 (|||999999999|)").has_value());
  EXPECT_FALSE(parse_epsv_reply("229 (|||abc|)").has_value());
  EXPECT_FALSE(parse_epsv_reply("229 (   6446 )").has_value());     // space is not 33..126
  EXPECT_FALSE(parse_epsv_reply("229 (\x7f\x7f\x7f" "6446\x7f)").has_value());
}

TEST(PortArgument, Ipv4) {
  EXPECT_EQ(port_argument("127.0.0.1", 200 * 256 + 10), "127,0,0,1,200,10");
  EXPECT_EQ(port_argument("10.1.2.3", 21), "10,1,2,3,0,21");
  EXPECT_EQ(port_argument("10.1.2.3", 65535), "10,1,2,3,255,255");
}

TEST(PortArgument, RoundTripsThroughPasvParsing) {
  for (int port : {1, 255, 256, 1024, 40000, 65535}) {
    auto arg = port_argument("127.0.0.1", port);
    ASSERT_TRUE(arg.has_value());
    auto hp = parse_pasv_reply("227 Entering Passive Mode (" + *arg + ")");
    ASSERT_TRUE(hp.has_value());
    EXPECT_EQ(hp->host, "127.0.0.1");
    EXPECT_EQ(hp->port, port);
  }
}

TEST(PortArgument, NotIpv4) {
  EXPECT_FALSE(port_argument("::1", 21).has_value());
  EXPECT_FALSE(port_argument("localhost", 21).has_value());
  EXPECT_FALSE(port_argument("1.2.3", 21).has_value());
  EXPECT_FALSE(port_argument("1.2.3.4.5", 21).has_value());
  EXPECT_FALSE(port_argument("", 21).has_value());
}

TEST(PortArgument, MalformedDottedQuads) {
  // Each octet must be 0..255 and present: anything else is not the h1,h2,h3,h4 of
  // RFC 959 4.1.2.
  EXPECT_FALSE(port_argument("1..2.3", 21).has_value());
  EXPECT_FALSE(port_argument("256.1.1.1", 21).has_value());
  EXPECT_FALSE(port_argument(".1.2.3", 21).has_value());
}

TEST(EprtArgument, Families) {
  EXPECT_EQ(eprt_argument("127.0.0.1", 6446), "|1|127.0.0.1|6446|");
  EXPECT_EQ(eprt_argument("::1", 6446), "|2|::1|6446|");
  EXPECT_EQ(eprt_argument("fe80::1", 21), "|2|fe80::1|21|");
}

}  // namespace
}  // namespace rfcheck
