// The structure-aware mutator: each edit does what it says, sizes stay within libFuzzer's
// max_len, and mutation is a function of the seed (libFuzzer replays chains by seed).
#include <gtest/gtest.h>

#include <set>

#include "protocols/registry.h"
#include "fuzz/mutator.h"

namespace rfcheck::fuzz {
namespace {

Session login() {
  Session s;
  s.actions.push_back(Action::command("USER", "ftptest"));
  s.actions.push_back(Action::command("PASS", "ftptest"));
  s.actions.push_back(Action::command("RETR", "text.txt"));
  return s;
}

SessionMutator make(const ProtocolModel& model) {
  // Byte fallback: flip the first byte, so the test sees it was used.
  return SessionMutator(model, [](std::uint8_t* data, std::size_t size, std::size_t) {
    if (size > 0) data[0] ^= 0x20;
    return size;
  });
}

using Edit = SessionMutator::Edit;

TEST(Mutator, SameSeedSameResult) {
  const auto& model = *find_model("ftp");
  auto m = make(model);
  for (std::uint32_t seed = 0; seed < 200; ++seed) {
    EXPECT_EQ(m.mutate(login(), seed, 4096), m.mutate(login(), seed, 4096));
  }
}

TEST(Mutator, RespectsMaxSize) {
  const auto& model = *find_model("ftp");
  auto m = make(model);
  Session s = login();
  for (std::uint32_t seed = 0; seed < 3000; ++seed) {
    s = m.mutate(s, seed, 512);
    ASSERT_LE(encode(s).size(), 512u) << describe(s);
    ASSERT_FALSE(s.actions.empty());
  }
}

TEST(Mutator, EditsChangeWhatTheySay) {
  const auto& model = *find_model("ftp");
  auto m = make(model);
  std::mt19937 rng(1);
  Session s = login();
  m.apply(Edit::kDelete, s, rng);
  EXPECT_EQ(s.actions.size(), 2u);
  s = login();
  m.apply(Edit::kDuplicate, s, rng);
  EXPECT_EQ(s.actions.size(), 4u);
  s = login();
  m.apply(Edit::kInsertCommand, s, rng);
  ASSERT_EQ(s.actions.size(), 4u);
  s = login();
  m.apply(Edit::kLongArgument, s, rng);
  std::size_t longest = 0;
  for (const auto& a : s.actions) longest = std::max(longest, a.payload.size());
  EXPECT_GE(longest, 32u);
  s = login();
  m.apply(Edit::kByteArgument, s, rng);
  EXPECT_NE(s, login());  // the fallback byte mutator touched one argument
  s = login();
  m.apply(Edit::kInsertDataAction, s, rng);
  ASSERT_EQ(s.actions.size(), 4u);
  // Reuse: after enough tries some command carries another's argument ("PASS ftptest" ->
  // "RETR ftptest" or "USER text.txt").
  bool reused = false;
  for (int i = 0; i < 50 && !reused; ++i) {
    s = login();
    m.apply(Edit::kReuseArgument, s, rng);
    reused = s.actions[2].payload == "RETR ftptest" || s.actions[0].payload == "USER text.txt" ||
             s.actions[1].payload == "PASS text.txt";
  }
  EXPECT_TRUE(reused);
}

TEST(Mutator, InterleaveActsOnTheSameObjectInsideASequence) {
  const auto& model = *find_model("ftp");
  auto m = make(model);
  std::mt19937 rng(5);
  bool dele_inside = false;
  for (int i = 0; i < 400 && !dele_inside; ++i) {
    Session s;
    s.actions = {Action::command("RNFR", "f"), Action::command("RNTO", "g")};
    m.apply(Edit::kInterleave, s, rng);
    ASSERT_EQ(s.actions.size(), 3u);
    EXPECT_EQ(s.actions[0].payload, "RNFR f");
    EXPECT_EQ(s.actions[1].argument(), "f");  // the opener's object
    EXPECT_EQ(s.actions[2].payload, "RNTO g");
    dele_inside = s.actions[1].verb() == "DELE";
  }
  EXPECT_TRUE(dele_inside);
}

TEST(Mutator, InsertSequenceBringsOpenerIntruderAndCompleter) {
  const auto& model = *find_model("ftp");
  auto m = make(model);
  std::mt19937 rng(11);
  bool rename_with_dele = false;
  for (int i = 0; i < 2000 && !rename_with_dele; ++i) {
    Session s = login();  // names text.txt (RETR)
    m.apply(Edit::kInsertSequence, s, rng);
    ASSERT_GE(s.actions.size(), 5u);
    for (std::size_t k = 0; k + 2 < s.actions.size(); ++k) {
      rename_with_dele = rename_with_dele || (s.actions[k].payload == "RNFR text.txt" &&
                                              s.actions[k + 1].payload == "DELE text.txt" &&
                                              s.actions[k + 2].verb() == "RNTO");
    }
  }
  EXPECT_TRUE(rename_with_dele);
}

TEST(Mutator, BoundaryNumbersGoToNumericArguments) {
  const auto& model = *find_model("ftp");
  auto m = make(model);
  std::mt19937 rng(9);
  int negative_rest = 0;
  for (int i = 0; i < 200; ++i) {
    Session s = login();
    s.actions.push_back(Action::command("REST", "100"));
    m.apply(Edit::kBoundaryNumber, s, rng);
    negative_rest += s.actions[3].argument().starts_with("-");
  }
  EXPECT_GT(negative_rest, 5);
}

TEST(Mutator, SpliceTakesActionsFromSources) {
  const auto& model = *find_model("ftp");
  auto m = make(model);
  Session source;
  source.actions.push_back(Action::command("RNFR", "marker-file"));
  m.add_splice_source(source);
  std::mt19937 rng(3);
  Session s = login();
  m.apply(Edit::kSplice, s, rng);
  bool found = false;
  for (const auto& a : s.actions) found = found || a.payload == "RNFR marker-file";
  EXPECT_TRUE(found) << describe(s);
}

TEST(Mutator, ReachesHostileArguments) {
  // Over many seeds the mutator produces the argument classes planted bugs need: long
  // strings, negative numbers, traversal, format specifiers, CR/LF injection, NUL bytes.
  const auto& model = *find_model("ftp");
  auto m = make(model);
  std::set<std::string> seen;
  for (std::uint32_t seed = 0; seed < 5000; ++seed) {
    for (const auto& a : m.mutate(login(), seed, 16384).actions) {
      const std::string& p = a.payload;
      if (p.size() > 100) seen.insert("long");
      if (p.find(" -1") != std::string::npos) seen.insert("negative");
      if (p.find("../") != std::string::npos) seen.insert("traversal");
      if (p.find("%n") != std::string::npos) seen.insert("format");
      if (p.find("\r\n") != std::string::npos) seen.insert("crlf");
      if (p.find('\0') != std::string::npos) seen.insert("nul");
      if (a.kind == Action::Kind::kPassive || a.kind == Action::Kind::kActive) seen.insert("data");
    }
  }
  EXPECT_EQ(seen, (std::set<std::string>{"long", "negative", "traversal", "format", "crlf", "nul", "data"}));
}

TEST(Mutator, CrossOverJoinsPrefixAndSuffix) {
  const auto& model = *find_model("ftp");
  auto m = make(model);
  Session a = login(), b;
  b.actions.push_back(Action::command("QUIT"));
  b.actions.push_back(Action::command("NOOP"));
  // Every result is a[0, i) followed by b[j, end) for some i, j.
  const auto joins = [&](const Session& c) {
    for (std::size_t i = 0; i <= a.actions.size(); ++i) {
      for (std::size_t j = 0; j <= b.actions.size(); ++j) {
        Session expected;
        expected.actions.assign(a.actions.begin(), a.actions.begin() + static_cast<long>(i));
        expected.actions.insert(expected.actions.end(), b.actions.begin() + static_cast<long>(j),
                                b.actions.end());
        if (expected == c) return true;
      }
    }
    return false;
  };
  std::set<std::size_t> sizes;
  for (std::uint32_t seed = 0; seed < 50; ++seed) {
    const Session c = m.cross_over(a, b, seed, 4096);
    if (c.actions.size() == 1 && !joins(c)) continue;  // both cuts empty: one random command
    EXPECT_TRUE(joins(c)) << describe(c);
    sizes.insert(c.actions.size());
  }
  EXPECT_GT(sizes.size(), 2u);  // the cut points vary with the seed
}

TEST(ProtocolModel, DictionaryIsLibFuzzerSyntax) {
  const std::string dict = dictionary_text(*find_model("ftp"));
  EXPECT_NE(dict.find("\"RETR \"\n"), std::string::npos);
  EXPECT_NE(dict.find("\"\\x00\"\n"), std::string::npos);  // NUL escaped
  EXPECT_NE(dict.find("\"\\x0d\\x0a\"\n"), std::string::npos);  // CRLF escaped
  for (std::size_t at = 0, eol; (eol = dict.find('\n', at)) != std::string::npos; at = eol + 1) {
    const std::string line = dict.substr(at, eol - at);
    if (line.empty() || line[0] == '#') continue;
    EXPECT_EQ(line.front(), '"') << line;
    EXPECT_EQ(line.back(), '"') << line;
  }
}

TEST(ProtocolModel, FtpPhasesFollowLogin) {
  const auto& m = *find_model("ftp");
  std::string p = m.initial_phase;
  p = m.next_phase(p, "USER", 331);
  EXPECT_EQ(p, "user-sent");
  EXPECT_FALSE(m.logged_in(p));
  p = m.next_phase(p, "PASS", 230);
  EXPECT_EQ(p, "logged-in");
  p = m.next_phase(p, "RNFR", 350);
  EXPECT_EQ(p, "logged-in/rename");
  p = m.next_phase(p, "DELE", 250);
  EXPECT_EQ(p, "logged-in");
  p = m.next_phase(p, "REIN", 220);
  EXPECT_EQ(p, "pre-login");
  EXPECT_EQ(m.next_phase("user-sent", "PASS", 530), "pre-login");
}

}  // namespace
}  // namespace rfcheck::fuzz
