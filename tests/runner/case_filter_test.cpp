// Which cases a run executes: id prefix, tags, level, RFC section, and shards.
#include "runner/case_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace rfcheck {
namespace {

Case make_case(std::string id, std::string ref, Level level, std::vector<std::string> tags) {
  Case c;
  c.id = std::move(id);
  c.ref = std::move(ref);
  c.level = level;
  c.tags = std::move(tags);
  return c;
}

SpecSet sample_specs() {
  SpecSet s;
  s.protocol = "ftp";
  Suite a;
  a.name = "a";
  a.cases.push_back(make_case("ftp.user.pass", "RFC 959 4.1.1", Level::kMust, {"minimum", "login"}));
  a.cases.push_back(make_case("ftp.retr.binary", "RFC 959 4.1.3", Level::kMust, {"minimum", "transfer"}));
  a.cases.push_back(make_case("ftp.reply.multiline", "RFC 959 4.2", Level::kShould, {"replies"}));
  a.cases.push_back(make_case("ftp.feat.list", "RFC 959 4.10", Level::kMay, {"slow"}));
  Suite b;
  b.name = "b";
  b.cases.push_back(make_case("ftp.epsv.port", "RFC 2428 3", Level::kMust, {"epsv"}));
  b.cases.push_back(make_case("ftp.eprt.v4", "RFC 2428 2", Level::kShould, {"epsv", "slow"}));
  b.cases.push_back(make_case("ftp.security.bounce", "RFC 2577", Level::kShould, {"security"}));
  b.cases.push_back(make_case("ftp.retr.ascii", "RFC 959 4.1.3", Level::kMust, {"transfer"}));
  s.suites = {a, b};
  return s;
}

std::vector<std::string> ids(const std::vector<const Case*>& cases) {
  std::vector<std::string> out;
  for (const Case* c : cases) out.push_back(c->id);
  return out;
}

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

TEST(CaseFilter, EmptyFilterSelectsAll) {
  const SpecSet s = sample_specs();
  EXPECT_EQ(select_cases(s, {}).size(), 8u);
}

TEST(CaseFilter, IdPrefix) {
  const SpecSet s = sample_specs();
  CaseFilter f;
  f.id_prefixes = {"ftp.retr."};
  EXPECT_THAT(ids(select_cases(s, f)), UnorderedElementsAre("ftp.retr.binary", "ftp.retr.ascii"));
  f.id_prefixes = {"ftp.retr.", "ftp.ep"};
  EXPECT_THAT(ids(select_cases(s, f)),
              UnorderedElementsAre("ftp.retr.binary", "ftp.retr.ascii", "ftp.epsv.port", "ftp.eprt.v4"));
  f.id_prefixes = {"ftp.nothing"};
  EXPECT_TRUE(select_cases(s, f).empty());
}

TEST(CaseFilter, TagsAndExcludedTags) {
  const SpecSet s = sample_specs();
  CaseFilter f;
  f.tags = {"minimum"};
  EXPECT_THAT(ids(select_cases(s, f)), UnorderedElementsAre("ftp.user.pass", "ftp.retr.binary"));
  f.tags = {"minimum", "epsv"};
  EXPECT_EQ(select_cases(s, f).size(), 4u);
  f.exclude_tags = {"slow"};
  EXPECT_THAT(ids(select_cases(s, f)),
              UnorderedElementsAre("ftp.user.pass", "ftp.retr.binary", "ftp.epsv.port"));
  CaseFilter only_exclude;
  only_exclude.exclude_tags = {"slow", "security"};
  EXPECT_EQ(select_cases(s, only_exclude).size(), 5u);
}

TEST(CaseFilter, Levels) {
  const SpecSet s = sample_specs();
  CaseFilter f;
  f.levels = {Level::kMay};
  EXPECT_THAT(ids(select_cases(s, f)), ElementsAre("ftp.feat.list"));
  f.levels = {Level::kMust, Level::kShould};
  EXPECT_EQ(select_cases(s, f).size(), 7u);
}

TEST(CaseFilter, SectionMatching) {
  EXPECT_TRUE(ref_in_section("RFC 959 4.1.3", "4.1"));
  EXPECT_TRUE(ref_in_section("RFC 959 4.1", "4.1"));
  EXPECT_TRUE(ref_in_section("RFC 959 4.1.3", "4.1.3"));
  EXPECT_FALSE(ref_in_section("RFC 959 4.10", "4.1"));
  EXPECT_FALSE(ref_in_section("RFC 959 4.1", "4.1.3"));
  EXPECT_FALSE(ref_in_section("RFC 959 14.1", "4.1"));
  EXPECT_TRUE(ref_in_section("RFC 2428 3", "RFC 2428"));
  EXPECT_TRUE(ref_in_section("RFC 2428", "RFC 2428"));
  EXPECT_FALSE(ref_in_section("RFC 24281 3", "RFC 2428"));
  EXPECT_TRUE(ref_in_section("RFC 959 4.2", "RFC 959 4"));
  EXPECT_FALSE(ref_in_section("RFC 959 4.2", "RFC 959 5"));
  EXPECT_FALSE(ref_in_section("RFC 959 4.2", "RFC 95"));
  EXPECT_FALSE(ref_in_section("RFC 2577", "4"));  // no section part to compare
}

TEST(CaseFilter, SectionsSelect) {
  const SpecSet s = sample_specs();
  CaseFilter f;
  f.sections = {"4.1"};
  EXPECT_THAT(ids(select_cases(s, f)),
              UnorderedElementsAre("ftp.user.pass", "ftp.retr.binary", "ftp.retr.ascii"));
  f.sections = {"RFC 2428"};
  EXPECT_THAT(ids(select_cases(s, f)), UnorderedElementsAre("ftp.epsv.port", "ftp.eprt.v4"));
  f.sections = {"4.10", "RFC 2577"};
  EXPECT_THAT(ids(select_cases(s, f)), UnorderedElementsAre("ftp.feat.list", "ftp.security.bounce"));
}

TEST(CaseFilter, FiltersCombine) {
  const SpecSet s = sample_specs();
  CaseFilter f;
  f.sections = {"4.1"};
  f.tags = {"transfer"};
  f.id_prefixes = {"ftp.retr.a"};
  EXPECT_THAT(ids(select_cases(s, f)), ElementsAre("ftp.retr.ascii"));
}

TEST(CaseFilter, SortedById) {
  const SpecSet s = sample_specs();
  const auto selected = ids(select_cases(s, {}));
  EXPECT_TRUE(std::is_sorted(selected.begin(), selected.end())) << ::testing::PrintToString(selected);
}

TEST(CaseFilter, ShardsPartitionTheSelection) {
  const SpecSet s = sample_specs();
  const auto all = ids(select_cases(s, {}));
  for (int n : {1, 2, 3, 5, 8, 11}) {
    std::multiset<std::string> seen;
    for (int i = 1; i <= n; ++i) {
      CaseFilter f;
      f.shard_index = i;
      f.shard_count = n;
      const auto shard = ids(select_cases(s, f));
      // Stable: the same shard twice is the same list.
      EXPECT_EQ(shard, ids(select_cases(s, f)));
      seen.insert(shard.begin(), shard.end());
    }
    EXPECT_EQ(seen.size(), all.size()) << "n=" << n;  // disjoint
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()),
              std::set<std::string>(all.begin(), all.end()))
        << "n=" << n;  // union is everything
  }
}

TEST(CaseFilter, ShardAppliesAfterFilters) {
  const SpecSet s = sample_specs();
  CaseFilter f;
  f.tags = {"minimum"};
  f.shard_count = 2;
  f.shard_index = 1;
  const auto one = ids(select_cases(s, f));
  f.shard_index = 2;
  const auto two = ids(select_cases(s, f));
  EXPECT_EQ(one.size(), 1u);
  EXPECT_EQ(two.size(), 1u);
  EXPECT_NE(one, two);
}

TEST(ParseShard, Valid) {
  EXPECT_EQ(parse_shard("1/1"), (std::pair{1, 1}));
  EXPECT_EQ(parse_shard("2/3"), (std::pair{2, 3}));
  EXPECT_EQ(parse_shard("10/10"), (std::pair{10, 10}));
}

TEST(ParseShard, Errors) {
  for (const char* bad : {"", "1", "/", "1/", "/2", "0/3", "4/3", "1/0", "-1/2", "a/b", "1/2x",
                          "1x/2", "1//2", "1/2/3", "99999999999/1"}) {
    EXPECT_FALSE(parse_shard(bad).has_value()) << "'" << bad << "'";
  }
}

}  // namespace
}  // namespace rfcheck
