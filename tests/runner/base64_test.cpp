#include "runner/base64.h"

#include <gtest/gtest.h>

namespace rfcheck {
namespace {

TEST(Base64, Rfc4648Vectors) {
  // RFC 4648 10.
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, SaslPlainResponseWithNuls) {
  // RFC 4954 4: the PLAIN response "\0user\0password".
  const std::string plain("\0mailtest\0mailtest", 18);
  EXPECT_EQ(base64_encode(plain), "AG1haWx0ZXN0AG1haWx0ZXN0");
  EXPECT_EQ(base64_decode("AG1haWx0ZXN0AG1haWx0ZXN0"), plain);
}

TEST(Base64, DecodeRejectsMalformed) {
  EXPECT_EQ(base64_decode("Zm9"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9v"), "foo");
  EXPECT_EQ(base64_decode("Zg=="), "f");
  EXPECT_EQ(base64_decode("!!!!"), std::nullopt);
}

}  // namespace
}  // namespace rfcheck
