#include "core/template.h"

#include <gtest/gtest.h>

namespace rfcheck {
namespace {

const std::map<std::string, std::string> kVars = {
    {"port", "2121"}, {"workdir", "/tmp/w"}, {"files.binary.sha256", "abc"}, {"empty", ""}};

TEST(Template, ReplacesNames) {
  auto r = expand_template("listen_port={port}\nroot={workdir}/root", kVars);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.text, "listen_port=2121\nroot=/tmp/w/root");
}

TEST(Template, DottedNamesAndEmptyValues) {
  auto r = expand_template("[{files.binary.sha256}][{empty}]", kVars);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.text, "[abc][]");
}

TEST(Template, PlainTextAndEmptyTemplate) {
  EXPECT_EQ(expand_template("", kVars).text, "");
  EXPECT_EQ(expand_template("no braces here", kVars).text, "no braces here");
}

TEST(Template, DoubledBracesAreLiteral) {
  auto r = expand_template("A001 APPEND INBOX {{5}}", kVars);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.text, "A001 APPEND INBOX {5}");
  r = expand_template("{{{port}}}", kVars);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.text, "{2121}");
  r = expand_template("{{port}}", kVars);
  EXPECT_EQ(r.text, "{port}");
}

TEST(Template, ValuesAreNotExpandedAgain) {
  auto r = expand_template("{a}", {{"a", "{b}"}, {"b", "no"}});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.text, "{b}");
}

TEST(Template, MissingNamesAreReportedOnceInOrderAndKept) {
  auto r = expand_template("{user} {port} {password} {user}", kVars);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.missing, (std::vector<std::string>{"user", "password"}));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.text, "{user} 2121 {password} {user}");
}

TEST(Template, LoneBracesAreErrors) {
  auto r = expand_template("a { b", kVars);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("unmatched '{' at offset 2"), std::string::npos);
  EXPECT_EQ(r.text, "a { b");

  r = expand_template("a } b", kVars);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("unmatched '}'"), std::string::npos);

  r = expand_template("{port}}", kVars);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.text, "2121}");

  r = expand_template("{a{port}", kVars);  // the first brace never closes before the next opens
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.text, "{a2121");
}

TEST(Template, MalformedNamesAreErrors) {
  for (const char* text : {"{}", "{a b}", "{x:y}", "{\n}"}) {
    auto r = expand_template(text, kVars);
    EXPECT_EQ(r.errors.size(), 1u) << text;
    EXPECT_TRUE(r.missing.empty()) << text;
    EXPECT_EQ(r.text, text);
  }
}

TEST(Template, NamesWithoutValues) {
  std::vector<std::string> errors;
  auto names = template_names("USER {user} {{literal}} {files.x.name} {user} {", &errors);
  EXPECT_EQ(names, (std::vector<std::string>{"user", "files.x.name"}));
  EXPECT_EQ(errors.size(), 1u);
}

TEST(Template, IsTemplateName) {
  EXPECT_TRUE(is_template_name("pasv_min"));
  EXPECT_TRUE(is_template_name("files.binary.crlf_sha256"));
  EXPECT_TRUE(is_template_name("data-port"));
  EXPECT_FALSE(is_template_name(""));
  EXPECT_FALSE(is_template_name("a b"));
  EXPECT_FALSE(is_template_name("a{b"));
  EXPECT_FALSE(is_template_name("3"));      // a regex's repetition count, not a variable
  EXPECT_FALSE(is_template_name(".port"));
  EXPECT_TRUE(is_template_name("_x1"));
}

}  // namespace
}  // namespace rfcheck
