#include "spec/baseline_writer.h"

#include <gtest/gtest.h>

#include "spec/target_loader.h"

namespace rfcheck {
namespace {

std::vector<BaselineEntry> loaded(const std::string& text) {
  auto read = load_baseline_text(text, "b.yaml");
  if (auto* e = std::get_if<LoadError>(&read)) ADD_FAILURE() << e->describe() << "\n" << text;
  return std::holds_alternative<LoadError>(read) ? std::vector<BaselineEntry>{}
                                                 : std::get<std::vector<BaselineEntry>>(read);
}

void expect_same(const std::vector<BaselineEntry>& got, const std::vector<BaselineEntry>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].id, want[i].id);
    EXPECT_EQ(got[i].reason, want[i].reason);
  }
}

// Reasons quote servers and RFC text: every kind of character YAML treats specially.
std::vector<BaselineEntry> awkward_entries() {
  using namespace std::string_literals;
  return {
      {"ftp.plain", "UNREVIEWED: unexpected reply code 250. The server answered: \"250 NOOP ok.\"; "
                    "the case checks RFC 959 4.1.3 (MUST): 'It specifies no action other than that "
                    "the server send an OK reply.' # not a comment: with a colon and [brackets] {x}"},
      {"smtp.two-spaces", "a reply  with two spaces and a trailing space "},
      {"pop3.lines", "line one\nline two\ttab"},
      {"imap.bytes", "bell \x07 nul "s + '\0' + " esc \x1b[31m ok-\xc3\xa9"},
      {"ftp.-odd id", "- starts like a list"},
      {"ftp.one-long-word", std::string(300, 'x')},
  };
}

TEST(BaselineWriter, ANewFileReadsBackAsWritten) {
  const std::string text = new_baseline_yaml({"Known deviations of x", "", "second"}, awkward_entries());
  expect_same(loaded(text), awkward_entries());
  EXPECT_EQ(text.rfind("# Known deviations of x\n#\n# second\nknown:\n", 0), 0u) << text;
}

TEST(BaselineWriter, LongReasonsAreFoldedIntoShortLines) {
  const std::string text = new_baseline_yaml({}, {awkward_entries()[0]});
  EXPECT_NE(text.find("reason: >-\n"), std::string::npos) << text;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    EXPECT_LE(end - start, 96u) << text.substr(start, end - start);
  }
}

TEST(BaselineWriter, AnEmptyBaselineIsAnEmptyList) {
  EXPECT_TRUE(loaded(new_baseline_yaml({"h"}, {})).empty());
}

TEST(BaselineWriter, AppendingKeepsTheFileAsAPersonWroteIt) {
  const std::string existing =
      "# kept by hand\nknown:\n    # --- section ---\n    - id: ftp.old\n      reason: >-\n"
      "        it breaks RFC 959 5.4\n    # trailing comment\n";
  auto appended = append_to_baseline_yaml(existing, "b.yaml", awkward_entries());
  ASSERT_TRUE(std::holds_alternative<std::string>(appended)) << std::get<LoadError>(appended).describe();
  const std::string& text = std::get<std::string>(appended);
  EXPECT_EQ(text.rfind(existing, 0), 0u) << "the old text is kept byte for byte:\n" << text;
  std::vector<BaselineEntry> want = {{"ftp.old", "it breaks RFC 959 5.4"}};
  for (const auto& entry : awkward_entries()) want.push_back(entry);
  expect_same(loaded(text), want);
  EXPECT_NE(text.find("\n    - id: ftp.plain\n"), std::string::npos) << "same indentation:\n" << text;
}

TEST(BaselineWriter, AppendingToAnEmptyListTurnsItIntoABlockList) {
  auto appended = append_to_baseline_yaml("# mine\nknown: []  # none yet\n", "b.yaml", {{"a.b", "why"}});
  ASSERT_TRUE(std::holds_alternative<std::string>(appended)) << std::get<LoadError>(appended).describe();
  EXPECT_EQ(std::get<std::string>(appended).rfind("# mine\nknown:   # none yet\n", 0), 0u)
      << std::get<std::string>(appended);
  expect_same(loaded(std::get<std::string>(appended)), {{"a.b", "why"}});
}

TEST(BaselineWriter, AppendingRefusesWhatItCannotExtendSafely) {
  auto flow = append_to_baseline_yaml("known: [{id: a.b, reason: r}]\n", "b.yaml", {{"c.d", "x"}});
  ASSERT_TRUE(std::holds_alternative<LoadError>(flow));
  EXPECT_NE(std::get<LoadError>(flow).message.find("flow list"), std::string::npos);
  auto broken = append_to_baseline_yaml("known:\n  - id: a\n", "b.yaml", {{"c.d", "x"}});
  ASSERT_TRUE(std::holds_alternative<LoadError>(broken));
  EXPECT_NE(std::get<LoadError>(broken).describe().find("reason"), std::string::npos);
}

TEST(BaselineWriter, AppendingNothingChangesNothing) {
  const std::string existing = "known:\n- id: a.b\n  reason: r\n";
  auto appended = append_to_baseline_yaml(existing, "b.yaml", {});
  ASSERT_TRUE(std::holds_alternative<std::string>(appended));
  EXPECT_EQ(std::get<std::string>(appended), existing);
}

}  // namespace
}  // namespace rfcheck
