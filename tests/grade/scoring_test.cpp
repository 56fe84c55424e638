// Scoring (grade/scoring) and stored grades (grade/grade_store): the arithmetic a grade
// rests on, and the file a resumed grading trusts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "grade/grade_store.h"
#include "grade/scoring.h"

namespace rfcheck::grade {
namespace {

RubricItem item(const std::string& name, std::optional<double> points, bool partial = true,
                std::optional<double> per_case = {}, std::optional<double> max = {}) {
  RubricItem i;
  i.name = name;
  i.points = points;
  i.partial = partial;
  i.per_case = per_case;
  i.max = max;
  return i;
}

struct ScoringTest : ::testing::Test {
  Rubric rubric;
  ItemCases items = {{"a.1", "a.2", "a.3"}, {"b.1", "b.2"}, {"c.1", "c.2", "c.3", "c.4"}};
  ScoringTest() {
    rubric.items = {item("partial", 3), item("whole", 4, false), item("each", {}, true, 1.0, 2.5)};
    rubric.penalties = {{"crashed", 2}};
    rubric.caps = {{"crashed", 5}};
  }
};

TEST_F(ScoringTest, OnlyAPassEarns) {
  const std::map<std::string, Verdict> v = {{"a.1", Verdict::kPass}, {"a.2", Verdict::kFail},
                                            {"a.3", Verdict::kInconclusive}, {"b.1", Verdict::kPass},
                                            {"b.2", Verdict::kPass}, {"c.1", Verdict::kError}};
  const Score s = score_submission(rubric, items, v, "ok");
  EXPECT_EQ(s.items[0].points, 1);          // 3 * 1/3
  EXPECT_EQ(s.items[0].missed, (std::vector<std::string>{"a.2", "a.3"}));
  EXPECT_EQ(s.items[1].points, 4);          // both passed
  EXPECT_EQ(s.items[2].points, 0);          // an error earns nothing, nor a case never run
  EXPECT_EQ(s.items[2].missed.size(), 4u);
  EXPECT_EQ(s.max, 3 + 4 + 2.5);
  EXPECT_EQ(s.total, 5);
}

TEST_F(ScoringTest, AllOrNothingAndPerCaseCaps) {
  std::map<std::string, Verdict> v = {{"b.1", Verdict::kPass}};
  for (auto id : {"c.1", "c.2", "c.3", "c.4"}) v[id] = Verdict::kPass;
  const Score s = score_submission(rubric, items, v, "ok");
  EXPECT_EQ(s.items[1].points, 0);    // one of two: nothing
  EXPECT_EQ(s.items[2].points, 2.5);  // 4 x 1, capped at 2.5
  EXPECT_EQ(points_if_passed(rubric.items[1], s.items[1]), 4);  // the only miss costs it all
  EXPECT_EQ(points_if_passed(rubric.items[0], s.items[0]), 1);
}

TEST_F(ScoringTest, PenaltyThenCapThenNeverBelowZero) {
  std::map<std::string, Verdict> all;
  for (const auto& ids : items) for (const auto& id : ids) all[id] = Verdict::kPass;
  EXPECT_EQ(score_submission(rubric, items, all, "crashed").total, 5);  // 9.5 - 2, capped at 5
  EXPECT_EQ(score_submission(rubric, items, all, "hung").total, 9.5);   // no rule for hung here
  const Score none = score_submission(rubric, items, {}, "crashed");
  EXPECT_EQ(none.total, 0);
  EXPECT_EQ(none.penalty, 2);
}

TEST_F(ScoringTest, PartialCreditRoundsToHundredths) {
  rubric.items[0].points = 1;
  const Score s = score_submission(rubric, items, {{"a.1", Verdict::kPass}}, "ok");
  EXPECT_EQ(s.items[0].points, 0.33);
}

TEST(ResolveItems, AnItemThatSelectsNothingIsAnError) {
  Rubric rubric;
  rubric.protocol = "pop3";
  RubricItem typo = item("typo", 1);
  typo.select.tags = {"minimun"};
  RubricItem good = item("good", 1);
  good.select.id_prefixes = {"pop3.list."};
  good.select.levels = {Level::kMust};
  const auto make = [](std::string id, std::vector<std::string> tags, Level level) {
    Case c;
    c.id = std::move(id);
    c.ref = "RFC 1939 5";
    c.tags = std::move(tags);
    c.level = level;
    return c;
  };
  const std::vector<Case> cases = {make("pop3.list.b", {"minimum"}, Level::kMust),
                                   make("pop3.list.a", {}, Level::kMust),
                                   make("pop3.list.c", {}, Level::kShould)};
  std::vector<const Case*> known;
  for (const Case& c : cases) known.push_back(&c);
  rubric.items = {good};
  auto ok = resolve_items(rubric, known);
  ASSERT_TRUE(std::holds_alternative<ItemCases>(ok));
  EXPECT_EQ(std::get<ItemCases>(ok)[0], (std::vector<std::string>{"pop3.list.a", "pop3.list.b"}));
  rubric.items = {good, typo};
  auto bad = resolve_items(rubric, known);
  ASSERT_TRUE(std::holds_alternative<std::string>(bad));
  EXPECT_NE(std::get<std::string>(bad).find("'typo' selects no case"), std::string::npos);
}

TEST(GradeStore, RoundTripsAndRefusesAnotherRubricOrHalfAFile) {
  SubmissionGrade g;
  g.id = "alice";
  g.status = "crashed";
  g.detail = "the server died during case x";
  g.score.items = {{"i", 1.5, 3, 1, 2, {"x"}}};
  g.score.total = 1.5;
  g.score.max = 3;
  g.score.cap = 2;
  g.verdicts = {{"x", Verdict::kFail}, {"y", Verdict::kPass}};
  const std::string path = (std::filesystem::temp_directory_path() / "rfcheck-grade-store.json").string();
  ASSERT_EQ(store_grade(path, g, "digest-1"), "");
  auto back = load_grade(path, "digest-1");
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->resumed);
  EXPECT_EQ(back->status, "crashed");
  EXPECT_EQ(back->score.total, 1.5);
  EXPECT_EQ(*back->score.cap, 2);
  EXPECT_EQ(back->score.items[0].missed, std::vector<std::string>{"x"});
  EXPECT_EQ(back->verdicts, g.verdicts);
  EXPECT_FALSE(load_grade(path, "digest-2"));  // graded with another rubric: grade again
  std::ofstream(path, std::ios::trunc) << "{\"schema\": \"rfcheck-grade/1\", \"rubric_sha256\": \"digest-1\"";
  EXPECT_FALSE(load_grade(path, "digest-1"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace rfcheck::grade
