// The IMAP fuzz model (harness/protocols/imap/): commands tagged and cut at their literals as
// the codec and the server read them, the phases of RFC 1730 3, and the IMAP-only edits of the
// mutator, which stay bounded whatever length they announce.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "fuzz/mutator.h"
#include "proto/imap_codec.h"
#include "protocols/imap/imap_fuzz_edits.h"
#include "protocols/imap/imap_fuzz_wire.h"
#include "protocols/registry.h"

namespace rfcheck::fuzz {
namespace {

using ::testing::ElementsAre;

const ProtocolModel& imap() { return *find_model("imap"); }

std::vector<std::string> parts(std::string_view line, std::size_t index = 0) {
  return frame_command(imap(), line, index).parts;
}

proto::Reply response(std::string tag, std::string status, std::optional<std::string> answers) {
  proto::Reply r;
  r.tag = std::move(tag);
  r.status = std::move(status);
  r.answers = std::move(answers);
  return r;
}

// ---- wire ----

TEST(ImapWire, EveryCommandGetsTheConnectionsNextTag) {
  EXPECT_THAT(parts("NOOP"), ElementsAre("a001 NOOP\r\n"));
  EXPECT_THAT(parts("LOGIN a b", 41), ElementsAre("a042 LOGIN a b\r\n"));
  EXPECT_EQ(frame_command(imap(), "NOOP", 0).go_ahead_status, "");
  // The same numbers the runner's ControlConnection::next_tag gives a spec's commands.
  EXPECT_EQ(imap_fuzz_tag(0), "a001");
  EXPECT_EQ(imap_fuzz_tag(999), "a1000");
  // Protocols without a frame_command hook write the line as it is.
  EXPECT_THAT(frame_command(*find_model("pop3"), "STAT", 3).parts, ElementsAre("STAT\r\n"));
}

TEST(ImapWire, ASynchronizingLiteralWaitsForTheGoAhead) {
  const CommandWire w = frame_command(imap(), "APPEND INBOX {5}\r\nhello", 0);
  EXPECT_THAT(w.parts, ElementsAre("a001 APPEND INBOX {5}\r\n", "hello\r\n"));
  EXPECT_EQ(w.go_ahead_status, "+");
  // Two literals: the second is announced on the line that goes on after the first's octets.
  EXPECT_THAT(parts("LOGIN {1}\r\na {2}\r\nbc"),
              ElementsAre("a001 LOGIN {1}\r\n", "a {2}\r\n", "bc\r\n"));
}

TEST(ImapWire, LiteralOctetsAreSkippedByTheAnnouncedCountEvenWhenItLies) {
  // "ab {1}\r\n" is eight octets of data: the announcement inside it announces nothing.
  EXPECT_THAT(parts("X {8}\r\nab {1}\r\nz"), ElementsAre("a001 X {8}\r\n", "ab {1}\r\nz\r\n"));
  // Announced longer than what follows: all of it is literal (the server waits for more).
  EXPECT_THAT(parts("X {40}\r\nab {1}\r\nz"), ElementsAre("a001 X {40}\r\n", "ab {1}\r\nz\r\n"));
  // Shorter: after one octet the line goes on, and its own announcement counts.
  EXPECT_THAT(parts("X {1}\r\nab {1}\r\nz"),
              ElementsAre("a001 X {1}\r\n", "ab {1}\r\n", "z\r\n"));
  // Zero: the octets that follow are the line again.
  EXPECT_THAT(parts("X {0}\r\nab"), ElementsAre("a001 X {0}\r\n", "ab\r\n"));
}

TEST(ImapWire, NothingIsCutWhereNoGoAheadComes) {
  // LITERAL+ (RFC 7888) goes at once.
  EXPECT_THAT(parts("APPEND INBOX {5+}\r\nhello"), ElementsAre("a001 APPEND INBOX {5+}\r\nhello\r\n"));
  // A number beyond 64 bits, or none: the codec reads no literal, and the server no size.
  EXPECT_THAT(parts("APPEND INBOX {99999999999999999999}\r\nhello"),
              ElementsAre("a001 APPEND INBOX {99999999999999999999}\r\nhello\r\n"));
  EXPECT_THAT(parts("APPEND INBOX {}\r\nhello"), ElementsAre("a001 APPEND INBOX {}\r\nhello\r\n"));
  // An announcement at the very end: the session's next action carries the octets.
  EXPECT_THAT(parts("APPEND INBOX {5}"), ElementsAre("a001 APPEND INBOX {5}\r\n"));
  // A huge announcement costs nothing here: only the octets there are go out.
  EXPECT_THAT(parts("APPEND INBOX {4294967295}\r\nhi"),
              ElementsAre("a001 APPEND INBOX {4294967295}\r\n", "hi\r\n"));
}

TEST(ImapWire, TheCodecCountsTheCommandsTheExecutorWrites) {
  // The parts of one command and then the next command: two commands outstanding, so the
  // codec (which pairs the server's completions with tags) reads the cuts as meant.
  proto::ImapCodec codec;
  for (const auto& p : parts("LOGIN {1}\r\na {2}\r\nbc", 0)) codec.on_sent(p);
  EXPECT_EQ(codec.pending_commands(), 1u);
  for (const auto& p : parts("APPEND INBOX {5}\r\nhello", 1)) codec.on_sent(p);
  for (const auto& p : parts("NOOP", 2)) codec.on_sent(p);
  EXPECT_EQ(codec.pending_commands(), 3u);
}

// ---- phases and replies ----

TEST(ImapModel, PhasesFollowTheStatesOfRfc1730) {
  const ProtocolModel& m = imap();
  std::string p = m.initial_phase;
  EXPECT_EQ(p, "not-authenticated");
  EXPECT_EQ(m.next_phase(p, "", 200), "not-authenticated");  // an OK greeting
  EXPECT_EQ(m.next_phase(p, "", 230), "authenticated");      // a PREAUTH greeting
  EXPECT_EQ(m.next_phase(p, "LOGIN", 450), "not-authenticated");
  EXPECT_EQ(m.next_phase(p, "SELECT", 200), "not-authenticated");  // no SELECT before login
  p = m.next_phase(p, "LOGIN", 200);
  EXPECT_EQ(p, "authenticated");
  EXPECT_TRUE(m.logged_in(p));
  p = m.next_phase(p, "SELECT", 200);
  EXPECT_EQ(p, "selected");
  EXPECT_EQ(m.next_phase(p, "FETCH", 200), "selected");
  EXPECT_EQ(m.next_phase(p, "SELECT", 500), "selected");  // BAD: not run at all
  EXPECT_EQ(m.next_phase(p, "SELECT", 450), "authenticated");  // NO: none selected (6.3.1)
  EXPECT_EQ(m.next_phase(p, "EXAMINE", 200), "selected");
  EXPECT_EQ(m.next_phase(p, "CLOSE", 200), "authenticated");
  // A literal's go-ahead and a SASL challenge leave the client owing something.
  p = m.next_phase("selected", "APPEND", 334);
  EXPECT_EQ(p, "selected/literal");
  EXPECT_TRUE(m.logged_in(p));
  EXPECT_EQ(m.next_phase(p, "APPEND", 200), "selected");
  p = m.next_phase("not-authenticated", "AUTHENTICATE", 334);
  EXPECT_EQ(p, "not-authenticated/sasl");
  EXPECT_EQ(m.next_phase(p, "AUTHENTICATE", 334), "not-authenticated/sasl");
  EXPECT_EQ(m.next_phase(p, "AUTHENTICATE", 200), "authenticated");
  EXPECT_EQ(m.next_phase(p, "AUTHENTICATE", 500), "not-authenticated");
  // The orderly end, and the server's BYE, are what the campaign calls "closed".
  EXPECT_EQ(m.next_phase("selected", "LOGOUT", 200), "closed");
  EXPECT_EQ(m.next_phase("selected", "", 421), "closed");
}

TEST(ImapModel, RepliesMapOntoClassesAndOnlyUntaggedDataForACommandIsInterim) {
  const ProtocolModel& m = imap();
  EXPECT_EQ(m.reply_class(response("a1", "OK", "NOOP")), 200);
  EXPECT_EQ(m.reply_class(response("*", "PREAUTH", "")), 230);
  EXPECT_EQ(m.reply_class(response("+", "+", "APPEND")), 334);
  EXPECT_EQ(m.reply_class(response("a1", "NO", "SELECT")), 450);
  EXPECT_EQ(m.reply_class(response("a1", "BAD", "SELECT")), 500);
  EXPECT_EQ(m.reply_class(response("*", "BYE", "")), 421);
  EXPECT_EQ(m.reply_class(response("*", "EXISTS", "SELECT")), 0);
  ASSERT_NE(m.interim_reply, nullptr);
  EXPECT_TRUE(m.interim_reply(response("*", "EXISTS", "SELECT")));
  EXPECT_TRUE(m.interim_reply(response("*", "OK", "SELECT")));
  EXPECT_FALSE(m.interim_reply(response("*", "OK", "")));          // the greeting
  EXPECT_FALSE(m.interim_reply(response("*", "EXISTS", "")));      // no command in progress
  EXPECT_FALSE(m.interim_reply(response("a1", "OK", "SELECT")));   // the completion
  EXPECT_FALSE(m.interim_reply(response("+", "+", "APPEND")));     // the turn is the client's
}

// ---- edits ----

std::mt19937 rng_for(std::uint32_t seed) { return std::mt19937(seed); }

TEST(ImapEdits, LiteralAnnouncementsLieButCarryOnlyTheOctetsTheSessionHad) {
  const Session base = {{Action::command("SEARCH", "TEXT hello")}};
  const std::regex announcement(R"(\{([^}]*)\}\r\n)");
  std::set<std::string> announced;
  bool shorter = false, longer = false;
  for (std::uint32_t seed = 0; seed < 3000; ++seed) {
    Session s = base;
    auto rng = rng_for(seed);
    ASSERT_TRUE(imap_literal_edit(s, rng));
    ASSERT_EQ(s.actions.size(), 1u);
    const std::string& p = s.actions[0].payload;
    // "{18446744073709551615}\r\n" is the longest announcement: 24 octets more, never the
    // announced count.
    ASSERT_LE(p.size(), base.actions[0].payload.size() + 24) << p;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(p, m, announcement)) << p;
    const std::string n = m[1];
    announced.insert(n);
    const std::size_t data = p.size() - (m.position(0) + m.length(0));
    const bool number = !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    if (number && n.size() < 10) {
      shorter = shorter || std::stoul(n) < data;
      longer = longer || std::stoul(n) > data;
    }
  }
  EXPECT_TRUE(shorter);
  EXPECT_TRUE(longer);
  for (const char* n : {"0", "4294967295", "4294967296", "99999999999999999999", "-1", "", "0+"}) {
    EXPECT_TRUE(announced.count(n)) << "{" << n << "} never announced";
  }
  EXPECT_TRUE(announced.count("5+") || announced.count("10+"));  // LITERAL+ at the true size
}

TEST(ImapEdits, AFreshAppendWhenNoCommandHasAnArgument) {
  Session s = {{Action::command("NOOP")}};
  auto rng = rng_for(1);
  ASSERT_TRUE(imap_literal_edit(s, rng));
  ASSERT_EQ(s.actions.size(), 2u);
  bool append = false;
  for (const auto& a : s.actions) {
    append = append || (a.payload.rfind("APPEND INBOX {", 0) == 0 && a.payload.ends_with("}\r\nSubject: rfcheck\r\n\r\nfuzz\r\n"));
  }
  EXPECT_TRUE(append);
}

TEST(ImapEdits, HostileTagsGoOutRawWithinWhatTheCodecRemembers) {
  std::set<std::string> forms;
  for (std::uint32_t seed = 0; seed < 2000; ++seed) {
    Session s = {{Action::command("LOGIN", "a b"), Action::command("NOOP")}};
    auto rng = rng_for(seed);
    ASSERT_TRUE(imap_tag_edit(s, rng));
    const auto raw = std::find_if(s.actions.begin(), s.actions.end(),
                                  [](const Action& a) { return a.kind == Action::Kind::kRaw; });
    ASSERT_NE(raw, s.actions.end());
    const std::string& p = raw->payload;
    ASSERT_TRUE(p.ends_with("\r\n")) << p;
    const std::string tag = p.substr(0, p.find_first_of(" \r"));
    ASSERT_LE(tag.size(), proto::kImapMaxTag);
    if (tag == "+" || tag == "*" || tag.empty() || tag == "a001") forms.insert(tag.empty() ? "empty" : tag);
    if (tag == "LOGIN" || tag == "NOOP") forms.insert("none");
    if (tag.size() == proto::kImapMaxTag) forms.insert("longest");
    if (p.find("\r\n" + tag + " ") != std::string::npos) forms.insert("twice");
    if (tag == "(" || tag == "{" || tag == "%") forms.insert("atom-special");
  }
  EXPECT_EQ(forms, (std::set<std::string>{"+", "*", "empty", "a001", "none", "longest", "twice",
                                          "atom-special"}));
}

TEST(ImapEdits, AHostileTagCarriesNoLiteral) {
  // A raw line goes out at once: a synchronizing literal's octets would precede the server's
  // "+", and a server that rejects the tag rightly reads them as commands.
  for (std::uint32_t seed = 0; seed < 200; ++seed) {
    Session s = {{Action::command("APPEND", "INBOX (\\Seen) {5}\r\nhello")}};
    auto rng = rng_for(seed);
    ASSERT_TRUE(imap_tag_edit(s, rng));
    const std::string& p = s.actions[0].payload;
    EXPECT_EQ(p.substr(p.find(' ') + 1).find('{'), std::string::npos) << p;  // past the tag
    EXPECT_EQ(p.find("hello"), std::string::npos) << p;
    EXPECT_NE(p.find("APPEND INBOX (\\Seen)\r\n"), std::string::npos) << p;
  }
}

TEST(ImapEdits, SequenceSetsReplaceTheSetAndNothingElse) {
  std::set<std::string> sets;
  std::size_t longest = 0;
  for (std::uint32_t seed = 0; seed < 1500; ++seed) {
    Session s = {{Action::command("FETCH", "1 (FLAGS)")}};
    auto rng = rng_for(seed);
    ASSERT_TRUE(imap_sequence_set_edit(s, rng));
    ASSERT_EQ(s.actions[0].verb(), "FETCH");
    const std::string_view argument = s.actions[0].argument();
    ASSERT_TRUE(argument.ends_with(" (FLAGS)")) << argument;
    const std::string set(argument.substr(0, argument.size() - 8));
    sets.insert(set);
    longest = std::max(longest, set.size());
    ASSERT_LE(set.size(), kImapEditMaxBytes);
    Session uid = {{Action::command("UID", "FETCH 1:* FLAGS")}};
    ASSERT_TRUE(imap_sequence_set_edit(uid, rng));
    ASSERT_TRUE(uid.actions[0].argument().starts_with("FETCH ")) << uid.actions[0].payload;
    ASSERT_TRUE(uid.actions[0].argument().ends_with(" FLAGS"));
  }
  for (const char* set : {"0", "*", "*:1", "2:1", "4294967296", "1:4294967295", "99999999999999999999"}) {
    EXPECT_TRUE(sets.count(set)) << set;
  }
  EXPECT_GT(longest, 4000u);  // thousands of numbers
}

TEST(ImapEdits, NestedListsGoDeepWithinTheBound) {
  std::size_t deepest = 0;
  bool unbalanced = false;
  for (std::uint32_t seed = 0; seed < 600; ++seed) {
    for (const char* line : {"FETCH 1 (FLAGS)", "STORE 1 +FLAGS (\\Seen)", "SEARCH ALL"}) {
      Session s = {{Action{Action::Kind::kCommand, line}}};
      auto rng = rng_for(seed);
      ASSERT_TRUE(imap_nested_list_edit(s, rng));
      const std::string& p = s.actions[0].payload;
      ASSERT_LE(p.size(), kImapEditMaxBytes + 64) << p.substr(0, 80);
      const std::string_view verb = std::string_view(line).substr(0, std::string_view(line).find(' '));
      ASSERT_EQ(s.actions[0].verb(), verb) << p.substr(0, 80);
      const auto open = static_cast<std::size_t>(std::count(p.begin(), p.end(), '('));
      const auto close = static_cast<std::size_t>(std::count(p.begin(), p.end(), ')'));
      deepest = std::max(deepest, open);
      unbalanced = unbalanced || open != close;
    }
  }
  EXPECT_GE(deepest, 4096u);
  EXPECT_TRUE(unbalanced);
}

TEST(ImapEdits, TheMutatorUsesThemAndKeepsLibFuzzersBound) {
  SessionMutator m(imap(), [](std::uint8_t*, std::size_t size, std::size_t) { return size; });
  Session s = {{Action::command("LOGIN", "mailtest mailtest"), Action::command("SELECT", "INBOX"),
                Action::command("FETCH", "1:* (FLAGS)")}};
  std::size_t raw_tags = 0, literals = 0;
  for (std::uint32_t seed = 0; seed < 3000; ++seed) {
    s = m.mutate(s, seed, 2048);
    ASSERT_LE(encode(s).size(), 2048u) << describe(s);
    ASSERT_FALSE(s.actions.empty());
    for (const auto& a : s.actions) {
      ASSERT_NE(a.kind, Action::Kind::kMessage);  // SMTP's; an IMAP message is a literal
      if (a.kind == Action::Kind::kRaw && a.payload.rfind("+ ", 0) == 0) ++raw_tags;
      if (a.kind == Action::Kind::kCommand && a.payload.find("}\r\n") != std::string::npos) ++literals;
    }
    if (s.actions.size() > 40) s.actions.resize(3);  // keep the walk near real sessions
  }
  EXPECT_GT(raw_tags, 0u);
  EXPECT_GT(literals, 0u);
}

}  // namespace
}  // namespace rfcheck::fuzz
