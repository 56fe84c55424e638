#include "reports/text_escape.h"

#include <gtest/gtest.h>

#include "checks.h"

namespace rfcheck::reports {
namespace {

using namespace std::string_literals;

TEST(SanitizeUtf8, KeepsValidTextIncludingControls) {
  EXPECT_EQ(sanitize_utf8("plain"), "plain");
  EXPECT_EQ(sanitize_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  EXPECT_EQ(sanitize_utf8("a\0b\x1b"s), "a\0b\x1b"s);
}

TEST(SanitizeUtf8, EscapesEachByteOfAnInvalidSequence) {
  EXPECT_EQ(sanitize_utf8("\xff"), "\\xff");
  EXPECT_EQ(sanitize_utf8("a\xc3"), "a\\xc3");                 // truncated
  EXPECT_EQ(sanitize_utf8("\xc3\x28"), "\\xc3(");              // bad continuation
  EXPECT_EQ(sanitize_utf8("\xc0\xaf"), "\\xc0\\xaf");          // overlong '/'
  EXPECT_EQ(sanitize_utf8("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // surrogate
  EXPECT_EQ(sanitize_utf8("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
  EXPECT_EQ(sanitize_utf8("\x80"), "\\x80");                   // stray continuation
}

TEST(Printable, EscapesControlsAndTerminalTricks) {
  EXPECT_EQ(printable("a\0b"s), "a\\x00b");
  EXPECT_EQ(printable("\x1b[2J"), "\\x1b[2J");
  EXPECT_EQ(printable("x\r\n\ty"), "x\\x0d\\x0a\\x09y");
  EXPECT_EQ(printable("x\r\ny", true), "x\\x0d\ny");
  EXPECT_EQ(printable("\x7f"), "\\x7f");
  EXPECT_EQ(printable("\xc2\x9b"), "\\xc2\\x9b");              // C1 CSI
  EXPECT_EQ(printable("\xe2\x80\xae"), "\\xe2\\x80\\xae");     // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(printable("\xef\xbf\xbf"), "\\xef\\xbf\\xbf");     // U+FFFF
  EXPECT_EQ(printable("caf\xc3\xa9"), "caf\xc3\xa9");
}

TEST(Printable, OutputIsAlwaysValidAndControlFree) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  std::string out = printable(all + all, true);
  EXPECT_TRUE(testing::is_valid_utf8(out));
  EXPECT_FALSE(testing::has_raw_control(out, "\n"));
  EXPECT_TRUE(testing::is_valid_utf8(sanitize_utf8(all)));
}

}  // namespace
}  // namespace rfcheck::reports
