// Minimization (ddmin over actions, then payloads) and the findings store: dedup keys from
// sanitizer reports, atomic claims, files written and read back.
#include <gtest/gtest.h>

#include <filesystem>

#include "fuzz/findings_store.h"
#include "fuzz/triage.h"

namespace rfcheck::fuzz {
namespace {

Session numbered(int n) {
  Session s;
  for (int i = 0; i < n; ++i) s.actions.push_back(Action::command("CMD" + std::to_string(i), "argument"));
  return s;
}

bool contains(const Session& s, const std::string& verb) {
  for (const auto& a : s.actions) {
    if (a.verb() == verb) return true;
  }
  return false;
}

TEST(Minimize, KeepsOnlyTheActionsTheFindingNeeds) {
  // "Reproduces" when CMD3 and CMD11 are both there, in that order.
  const Reproduces needs = [](const Session& s) { return contains(s, "CMD3") && contains(s, "CMD11"); };
  std::size_t replays = 0;
  const Session m = minimize(numbered(20), needs, {}, &replays);
  ASSERT_EQ(m.actions.size(), 2u);
  EXPECT_EQ(m.actions[0].verb(), "CMD3");
  EXPECT_EQ(m.actions[1].verb(), "CMD11");
  EXPECT_LT(replays, 120u);
}

TEST(Minimize, ShortensArgumentsToTheLengthThatStillFails) {
  Session s;
  s.actions.push_back(Action::command("USER", std::string(4000, 'A')));
  // A server that overflows a 100-byte buffer.
  const Reproduces overflow = [](const Session& s) {
    return !s.actions.empty() && s.actions[0].argument().size() > 100;
  };
  const Session m = minimize(s, overflow);
  ASSERT_EQ(m.actions.size(), 1u);
  EXPECT_EQ(m.actions[0].verb(), "USER");
  EXPECT_GT(m.actions[0].argument().size(), 100u);
  EXPECT_LT(m.actions[0].argument().size(), 120u);
}

TEST(Minimize, StaysWithinItsReplayBudget) {
  int calls = 0;
  const Reproduces flaky = [&](const Session&) { return ++calls % 7 == 0; };
  const Session in = numbered(10);
  const Session m = minimize(in, flaky, {30});
  EXPECT_LE(calls, 30);
  EXPECT_LE(m.actions.size(), in.actions.size());
  EXPECT_FALSE(m.actions.empty());
}

const char* kReport = R"(=================================================================
==4242==ERROR: AddressSanitizer: heap-use-after-free on address 0x6 at pc 0x5 bp 0x4 sp 0x3
READ of size 8 at 0x6 thread T0
    #0 0x55 in __interceptor_strlen ../sanitizer_common_interceptors.inc:389
    #1 0x56 in cmd_rnto(Session&, std::string const&) /src/session.cpp:301:9
    #2 0x57 in dispatch(Session&) /src/session.cpp:99:3
    #3 0x58 in serve(int) /src/main.cpp:40:5
    #4 0x59 in main /src/main.cpp:80:3

0x6 is located 0 bytes inside of 32-byte region
freed by thread T0 here:
    #0 0x60 in operator delete(void*)
    #1 0x61 in cmd_dele(Session&, std::string const&) /src/session.cpp:250:5
SUMMARY: AddressSanitizer: heap-use-after-free /src/session.cpp:301:9 in cmd_rnto
)";

TEST(FindingKey, StackSignatureSkipsRuntimeFramesAndFreeStack) {
  EXPECT_EQ(stack_signature(kReport), "heap-use-after-free|cmd_rnto|dispatch|serve");
  EXPECT_EQ(stack_signature("no report here"), "");
  EXPECT_EQ(stack_signature("x.c:3:5: runtime error: signed integer overflow: 2147483647 + 1 "
                            "cannot be represented in type 'int'\n    #0 0x1 in f x.c:3\n"),
            "ubsan: signed integer overflow|f");
}

TEST(FindingKey, SameBugSameKeyDifferentAddressesToo) {
  std::string other = kReport;
  other.replace(other.find("0x55"), 4, "0x99");
  EXPECT_EQ(finding_key(FindingKind::kCrash, stack_signature(kReport)),
            finding_key(FindingKind::kCrash, stack_signature(other)));
  EXPECT_NE(finding_key(FindingKind::kCrash, "a"), finding_key(FindingKind::kHang, "a"));
  EXPECT_EQ(finding_key(FindingKind::kCrash, "a").size(), 16u);
}

TEST(FindingsStore, ClaimsOnceAcrossStoresAndReadsBack) {
  const auto dir = std::filesystem::temp_directory_path() / ("rfcheck-store-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  FindingsStore a(dir.string()), b(dir.string());  // two workers, one directory
  EXPECT_TRUE(a.claim("k1"));
  EXPECT_FALSE(a.claim("k1"));
  EXPECT_FALSE(b.claim("k1"));  // the other worker has it
  b.hit("k1");
  EXPECT_EQ(b.hits("k1"), 1u);
  FuzzFinding f;
  f.key = "k1";
  f.kind = FindingKind::kCrash;
  f.message = std::string("bad \xff bytes\0 here", 16);
  f.first_seen_seconds = 3.5;
  a.save(f, "session", "min", "suite: x\n");
  EXPECT_TRUE(std::filesystem::exists(dir / "k1" / "reproducer.yaml"));
  const auto all = b.load_all();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].kind, FindingKind::kCrash);
  EXPECT_EQ(all[0].first_seen_seconds, 3.5);
  EXPECT_EQ(all[0].reproducer_session, (dir / "k1" / "minimized.bin").string());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rfcheck::fuzz
