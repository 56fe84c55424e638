// The requirements catalogue (docs/requirements.md): the RFC text reader, the strict catalogue
// loader, the checks of cases against catalogue and RFC, and the shipped catalogue itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/requirement_coverage.h"
#include "spec/catalogue_loader.h"
#include "spec/spec_loader.h"

namespace rfcheck {
namespace {

namespace fs = std::filesystem;

// Two pages of an RFC-shaped text: indented headings, a numbered list, a table of contents
// with dot leaders, and a sentence that runs across the page break.
const char* kRfc = R"(RFC 9999                  Test Protocol                  January 2000

Table of Contents
   1. Introduction ............................................. 1
   2. Commands ................................................. 2

1.  INTRODUCTION

   The server must answer every command.  Clients should be
   patient.

   2.1.  NOT A HEADING HERE, BEING A LIST ITEM OUT OF ORDER

2.  COMMANDS

   2.1.  HELLO

         1. The server must greet the client with a reply that
            names it.

Author                                                          [Page 1]
)"
                   "\f\n"
                   R"(RFC 9999                  Test Protocol                  January 2000

            This is continued here.  A musty smell is no keyword.

      2.1.1  Details

   The reply MUST NOT exceed 512 octets.
)";

TEST(RfcText, DropsPageFurnitureAndCollapsesWhiteSpace) {
  const auto text = RfcText::from_string(kRfc);
  EXPECT_EQ(text.text().find("[Page"), std::string::npos);
  EXPECT_EQ(text.text().find("January 2000"), std::string::npos);
  EXPECT_EQ(text.find_all("reply that names it. This is continued here.").size(), 1u);
  EXPECT_EQ(text.find_all("The   server\nmust answer every command.").size(), 1u);
  EXPECT_TRUE(text.find_all("must answer every request").empty());
  EXPECT_TRUE(text.find_all("   ").empty());
}

TEST(RfcText, MapsOffsetsToHeadingsAndNotToListItems) {
  const auto text = RfcText::from_string(kRfc);
  EXPECT_EQ(text.section_at(text.find_all("The server must answer").at(0)), "1");
  // "2.1. NOT A HEADING" follows section 1 and is not 1's successor: it stays in 1.
  EXPECT_EQ(text.section_at(text.find_all("NOT A HEADING").at(0)), "1");
  EXPECT_EQ(text.section_at(text.find_all("must greet").at(0)), "2.1");
  EXPECT_EQ(text.section_at(text.find_all("This is continued").at(0)), "2.1");
  EXPECT_EQ(text.section_at(text.find_all("MUST NOT exceed").at(0)), "2.1.1");
}

TEST(RfcText, AppendicesAreSectionsOfTheirOwn) {
  // Not part of the last numbered section; numbers inside an appendix are no headings; the
  // table of contents names appendices too, and is no heading.
  const auto text = RfcText::from_string(R"(Table of Contents
A.  Obsolete Commands ...................................... 9

1.  AUTHOR'S ADDRESS

   Somewhere.

A.  Obsolete Commands

   Servers must still know FOO.

2.  A LIST ITEM IN AN APPENDIX

C.  References

   Readers should read these.
)");
  EXPECT_EQ(text.section_at(text.find_all("Somewhere.").at(0)), "1");
  EXPECT_EQ(text.section_at(text.find_all("must still know FOO").at(0)), "A");
  EXPECT_EQ(text.section_at(text.find_all("A LIST ITEM IN AN APPENDIX").at(0)), "A");
  EXPECT_EQ(text.section_at(text.find_all("should read these").at(0)), "C");
  EXPECT_TRUE(section_within("A", "A"));
  EXPECT_FALSE(section_within("A", "1"));
}

TEST(RfcText, FindsKeywordsAsWholeWordsInAnyCase) {
  const auto text = RfcText::from_string(kRfc);
  std::vector<std::string> words;
  for (auto offset : text.keyword_offsets()) words.push_back(text.text().substr(offset, 6));
  // must (1), should (1), must (2.1), MUST (2.1.1); "musty" is not one.
  EXPECT_EQ(words, (std::vector<std::string>{"must a", "should", "must g", "MUST N"}));
}

TEST(RfcText, SectionWithin) {
  EXPECT_TRUE(section_within("4.1.1", "4"));
  EXPECT_TRUE(section_within("4.1.1", "4.1.1"));
  EXPECT_TRUE(section_within("4.1.1", "*"));
  EXPECT_FALSE(section_within("4.1.10", "4.1.1"));
  EXPECT_FALSE(section_within("4", "4.1"));
}

// A specs root in a temp folder: rfc/rfc9999.txt and requirements/rfc9999.yaml.
class CatalogueFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("rfcheck-catalogue-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "rfc");
    fs::create_directories(root_ / "requirements");
    std::ofstream(root_ / "rfc" / "rfc9999.txt") << kRfc;
  }
  void TearDown() override { fs::remove_all(root_); }

  CatalogueLoadResult load(const std::string& yaml) {
    std::ofstream(root_ / "requirements" / "rfc9999.yaml") << yaml;
    return load_catalogues(root_.string());
  }
  static std::string all_messages(const LoadErrors& errors) {
    std::string out;
    for (const auto& e : errors) out += e.describe() + "\n";
    return out;
  }

  fs::path root_;
};

const char* kGoodCatalogue = R"(rfc: 9999
title: Test Protocol
complete: ["2"]
requirements:
  - id: rfc9999-2.1-greeting
    section: "2.1"
    level: MUST
    text: The server must greet the client with a reply that names it.
  - id: rfc9999-2.1.1-reply-length
    section: "2.1.1"
    level: MUST NOT
    testable: false
    why: the test needs a server that wants to send more
    text: The reply MUST NOT exceed 512 octets.
  - id: rfc9999-1-answer
    section: "1"
    level: MUST
    text: The server must answer every command.
other:
  - section: "1"
    text: Clients should be patient.
    why: binds the client
)";

TEST_F(CatalogueFolder, LoadsAGoodCatalogue) {
  const auto result = load(kGoodCatalogue);
  ASSERT_TRUE(result.errors.empty()) << all_messages(result.errors);
  ASSERT_EQ(result.catalogues.catalogues.size(), 1u);
  const auto& c = result.catalogues.catalogues[0];
  EXPECT_EQ(c.rfc, 9999);
  ASSERT_EQ(c.requirements.size(), 3u);
  EXPECT_EQ(c.requirements[1].level, RequirementClass::kMust);
  EXPECT_FALSE(c.requirements[1].testable);
  EXPECT_EQ(c.others.size(), 1u);
  EXPECT_EQ(result.catalogues.by_id().count("rfc9999-2.1-greeting"), 1u);
}

TEST_F(CatalogueFolder, RejectsTextThatIsNotTheRfcs) {
  std::string yaml = kGoodCatalogue;
  yaml.replace(yaml.find("names it."), 9, "names itself.");
  const auto result = load(yaml);
  const auto messages = all_messages(result.errors);
  EXPECT_NE(messages.find("rfc9999-2.1-greeting: text is not in RFC 9999"), std::string::npos)
      << messages;
  // Its keyword is then accounted for by nothing, in a section the catalogue claims.
  EXPECT_NE(messages.find("section 2.1: a keyword sentence is neither"), std::string::npos)
      << messages;
}

TEST_F(CatalogueFolder, RejectsBadIdsLevelsAndUntestableWithoutWhy) {
  std::string yaml = kGoodCatalogue;
  yaml.replace(yaml.find("rfc9999-2.1-greeting"), 20, "rfc9999-2.2-greeting");
  yaml.replace(yaml.find("level: MUST\n"), 12, "level: MUSTN'T\n");
  yaml.replace(yaml.find("    why: the test needs"), 24, "    # why: the test needs");
  const auto messages = all_messages(load(yaml).errors);
  EXPECT_NE(messages.find("must be rfc9999-2.1-<slug>"), std::string::npos) << messages;
  EXPECT_NE(messages.find("level must be MUST, MUST NOT"), std::string::npos) << messages;
  EXPECT_NE(messages.find("testable: false needs why"), std::string::npos) << messages;
}

TEST_F(CatalogueFolder, RejectsDuplicateIdsAndUnknownKeys) {
  std::string yaml = kGoodCatalogue;
  yaml.replace(yaml.find("rfc9999-1-answer"), 16, "rfc9999-1-answer\n    priority: high");
  yaml += R"(  - section: "1"
    text: The server must answer every command.
    why: listed twice on purpose
)";
  yaml.replace(yaml.find("other:"), 6, R"(  - id: rfc9999-2.1-greeting
    section: "2.1"
    level: MUST
    text: The server must greet the client
other:)");
  const auto messages = all_messages(load(yaml).errors);
  EXPECT_NE(messages.find("duplicate requirement id rfc9999-2.1-greeting"), std::string::npos)
      << messages;
  EXPECT_NE(messages.find("unknown key 'priority'"), std::string::npos) << messages;
}

TEST_F(CatalogueFolder, AnEntryFiledUnderTheWrongSectionIsAnError) {
  // The answer rule is in section 1; filed under 2 it is a wrong citation. A label the text
  // does not mark ("appendix-ii") is not checked.
  std::string yaml = kGoodCatalogue;
  auto swap = [&yaml](const std::string& from, const std::string& to) {
    yaml.replace(yaml.find(from), from.size(), to);
  };
  swap("rfc9999-1-answer\n    section: \"1\"", "rfc9999-2-answer\n    section: \"2\"");
  swap("  - section: \"1\"\n    text: Clients", "  - section: \"appendix-ii\"\n    text: Clients");
  const auto errors = load(yaml).errors;
  ASSERT_EQ(errors.size(), 1u) << all_messages(errors);
  EXPECT_NE(errors[0].message.find("the text is in RFC 9999 section 1, not in section 2"),
            std::string::npos) << errors[0].message;
}

TEST_F(CatalogueFolder, ACompleteSectionMustAccountForEveryKeyword) {
  std::string yaml = kGoodCatalogue;
  yaml.replace(yaml.find("complete: [\"2\"]"), 15, "complete: [\"*\"]");
  yaml.erase(yaml.find("other:"));  // "Clients should be patient." now unaccounted for
  const auto result = load(yaml);
  const auto messages = all_messages(result.errors);
  EXPECT_NE(messages.find("section 1: a keyword sentence is neither a requirement nor under "
                          "other: 'Clients should be patient.'"),
            std::string::npos)
      << messages;
  EXPECT_EQ(result.errors.size(), 1u) << messages;
}

TEST_F(CatalogueFolder, ARootWithoutCatalogueLoadsEmpty) {
  fs::remove_all(root_ / "requirements");
  const auto result = load_catalogues(root_.string());
  EXPECT_TRUE(result.errors.empty());
  EXPECT_TRUE(result.catalogues.catalogues.empty());
  EXPECT_EQ(result.texts.count(9999), 1u);
}

Case make_case(const std::string& id, const std::string& ref, const std::string& quote,
               std::vector<std::string> covers) {
  Case c;
  c.id = id;
  c.ref = ref;
  c.quote = quote;
  c.covers = std::move(covers);
  return c;
}

TEST_F(CatalogueFolder, CasesMustCoverKnownIdsAndQuoteTheCitedSection) {
  const auto catalogues = load(kGoodCatalogue);
  ASSERT_TRUE(catalogues.errors.empty()) << all_messages(catalogues.errors);
  SpecSet specs;
  Suite suite;
  suite.cases = {
      make_case("t.good", "RFC 9999 2", "The server must greet the client", {"rfc9999-2.1-greeting"}),
      make_case("t.unknown", "RFC 9999 2.1", "The server must greet", {"rfc9999-2.1-hello"}),
      make_case("t.misquoted", "RFC 9999 2.1", "The server shall greet the client", {}),
      make_case("t.wrong-section", "RFC 9999 2.1", "The server must answer every command.", {}),
      make_case("t.unshipped", "RFC 2088 4", "anything at all", {}),
  };
  specs.suites.push_back(suite);
  const auto messages = all_messages(check_case_citations(specs, catalogues));
  EXPECT_EQ(messages.find("t.good"), std::string::npos) << messages;
  EXPECT_NE(messages.find("case t.unknown covers 'rfc9999-2.1-hello', which no catalogue"),
            std::string::npos) << messages;
  EXPECT_NE(messages.find("case t.misquoted: quote is not in RFC 9999"), std::string::npos)
      << messages;
  EXPECT_NE(messages.find("case t.wrong-section: quote is in RFC 9999 section 1, but ref cites "
                          "section 2.1"),
            std::string::npos) << messages;
  EXPECT_EQ(messages.find("t.unshipped"), std::string::npos) << messages;
}

TEST_F(CatalogueFolder, CoverageCountsTestableRequirementsByClass) {
  const auto catalogues = load(kGoodCatalogue);
  ASSERT_TRUE(catalogues.errors.empty()) << all_messages(catalogues.errors);
  const Case covering = make_case("t.greets", "RFC 9999 2.1", "", {"rfc9999-2.1-greeting"});
  const auto coverage = compute_coverage(catalogues.catalogues, {&covering});
  ASSERT_EQ(coverage.rfcs.size(), 1u);
  const auto& rfc = coverage.rfcs[0];
  EXPECT_EQ(rfc.totals.requirements, 3u);
  EXPECT_EQ(rfc.totals.not_testable, 1u);
  EXPECT_EQ(rfc.totals.covered, 1u);
  EXPECT_DOUBLE_EQ(rfc.totals.percent(RequirementClass::kMust), 50.0);
  EXPECT_DOUBLE_EQ(rfc.totals.percent(RequirementClass::kShould), 100.0);  // none to cover
  ASSERT_EQ(rfc.uncovered.size(), 1u);
  EXPECT_EQ(rfc.uncovered[0]->id, "rfc9999-1-answer");
  ASSERT_EQ(rfc.sections.size(), 2u);  // "1", and "2.1" holding 2.1 and 2.1.1
  EXPECT_EQ(rfc.sections[0].section, "1");
  EXPECT_EQ(rfc.sections[1].section, "2.1");
  EXPECT_EQ(rfc.sections[1].counts.requirements, 2u);
  EXPECT_EQ(coverage.cases_by_requirement.at("rfc9999-2.1-greeting"),
            std::vector<std::string>{"t.greets"});
}

TEST(SectionOrder, SortsNumerically) {
  EXPECT_TRUE(section_less("4.9", "4.10"));
  EXPECT_FALSE(section_less("4.10", "4.9"));
  EXPECT_TRUE(section_less("12", "A"));  // appendices after the body, in their order
  EXPECT_TRUE(section_less("A", "B"));
  EXPECT_FALSE(section_less("B", "A"));
  EXPECT_EQ(section_group("4.1.3.2"), "4.1");
  EXPECT_EQ(section_group("4"), "4");
}

}  // namespace
}  // namespace rfcheck
