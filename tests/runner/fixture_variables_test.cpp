#include "runner/fixture_variables.h"

#include <gtest/gtest.h>

#include "runner/sha256.h"

namespace rfcheck {
namespace {

TEST(FixtureVariables, NameSizeAndBothDigests) {
  // LF alone, CRLF already, LF first and last, an empty line: the CRLF digest is that of the
  // converted text, which a TYPE A transfer carries (RFC 959 3.1.1.1).
  const std::string content = "\nfirst\nsecond\r\n\nlast\n";
  const auto vars = fixture_variables({FixtureFile{"text", "t.txt", content}});
  EXPECT_EQ(vars.at("files.text.name"), "t.txt");
  EXPECT_EQ(vars.at("files.text.size"), std::to_string(content.size()));
  EXPECT_EQ(vars.at("files.text.sha256"), sha256_hex(content));
  EXPECT_EQ(vars.at("files.text.crlf_sha256"), sha256_hex("\r\nfirst\r\nsecond\r\n\r\nlast\r\n"));
  EXPECT_EQ(vars.at("files.text.crlf_sha256"), sha256_hex(to_crlf(content)));
}

TEST(FixtureVariables, TextWithoutLineEndsHasTheSameDigestBothWays) {
  const auto vars = fixture_variables({FixtureFile{"x", "x", "no line end"}});
  EXPECT_EQ(vars.at("files.x.crlf_sha256"), vars.at("files.x.sha256"));
}

}  // namespace
}  // namespace rfcheck
