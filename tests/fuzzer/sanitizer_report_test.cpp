#include "fuzz/sanitizer_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fuzz/findings_store.h"

namespace rfcheck::fuzz {
namespace {

using ::testing::ElementsAre;

// Two hits of one planted bug as ASan prints them with symbolize=0: other addresses, sizes,
// pids and thread, the overflow reached through another command's handler further up.
const char* kFirstHit = R"(==311==ERROR: AddressSanitizer: stack-buffer-overflow on address 0x7ffd3a1c on pc 0x55 bp 0x7ff sp 0x7fe
WRITE of size 301 at 0x7ffd3a1c thread T0
    #0 0x55e3c49a1b2c  (/build/planted+0x4a1b2c) (BuildId: 5f2a)
    #1 0x55e3c4a0c001  (/build/planted+0x50c001) (BuildId: 5f2a)
    #2 0x55e3c4a0d002  (/build/planted+0x50d002) (BuildId: 5f2a)
    #3 0x7f0a12c29d8f  (/lib/x86_64-linux-gnu/libc.so.6+0x29d8f) (BuildId: aa)

Address 0x7ffd3a1c is located in stack of thread T0 at offset 300 in frame
SUMMARY: AddressSanitizer: stack-buffer-overflow (/build/planted+0x4a1b2c) (BuildId: 5f2a)
)";

TEST(SanitizerReport, ReadsTheBugTypeWithoutAddressesOrSizes) {
  EXPECT_EQ(parse_sanitizer_report(kFirstHit).bug_type, "stack-buffer-overflow");
  // No SUMMARY (the report was cut): the ERROR line up to the first number.
  EXPECT_EQ(parse_sanitizer_report("==1==ERROR: AddressSanitizer: requested allocation size "
                                   "0xffffffff (0x100000000 after adjustments) exceeds maximum\n")
                .bug_type,
            "requested allocation size");
  EXPECT_EQ(parse_sanitizer_report("==1==ERROR: AddressSanitizer: SEGV on unknown address 0x0\n"
                                   "SUMMARY: AddressSanitizer: SEGV /src/a.c:3 in f\n")
                .bug_type,
            "SEGV");
}

TEST(SanitizerReport, ReadsSymbolizedAndBareFrames) {
  const ParsedReport bare = parse_sanitizer_report(kFirstHit);
  ASSERT_EQ(bare.frames.size(), 4u);
  EXPECT_EQ(bare.frames[0].module, "/build/planted");
  EXPECT_EQ(bare.frames[0].offset, 0x4a1b2cu);
  EXPECT_EQ(bare.frames[0].function, "");
  // libc is runtime, the rest are the program's own, named by module+offset until symbolized.
  EXPECT_THAT(own_frames(bare, 5), ElementsAre("planted+0x4a1b2c", "planted+0x50c001", "planted+0x50d002"));

  const auto named = parse_frame_line("    #1 0x56 in (anonymous namespace)::cmd_rnto(Session&, std::string const&) /src/s.cpp:301:9");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->function, "{anon}::cmd_rnto");
  EXPECT_EQ(named->location, "/src/s.cpp:301:9");
  const auto in_module = parse_frame_line("    #4 0x7f in __libc_start_main (/lib/libc.so.6+0x27d0a)");
  ASSERT_TRUE(in_module);
  EXPECT_EQ(in_module->function, "__libc_start_main");
  EXPECT_EQ(in_module->module, "/lib/libc.so.6");
  EXPECT_FALSE(parse_frame_line("READ of size 8 at 0x6 thread T0"));
  // Hostile text in a frame line must not throw.
  EXPECT_TRUE(parse_frame_line("    #1 0x56  (/x+0xzzzzzzzzzzzzzzzzzzzzzzzz)"));
  EXPECT_TRUE(parse_frame_line("    #1 0x56  (/x+0xffffffffffffffffffffffff)"));
}

TEST(SanitizerReport, EveryHitOfOneBugHasOneSignature) {
  std::string second = kFirstHit;
  for (auto [from, to] : {std::pair{"==311==", "==977=="}, {"0x7ffd3a1c", "0x7ffc11ee"},
                          {"size 301", "size 4096"}, {"offset 300", "offset 12"},
                          {"0x55e3c49a1b2c", "0x5612aa9a1b2c"}}) {
    for (std::size_t at; (at = second.find(from)) != std::string::npos;) second.replace(at, std::string(from).size(), to);
  }
  EXPECT_EQ(stack_signature(kFirstHit), stack_signature(second));
  EXPECT_EQ(stack_signature(kFirstHit), "stack-buffer-overflow|planted+0x4a1b2c|planted+0x50c001|planted+0x50d002");
}

}  // namespace
}  // namespace rfcheck::fuzz

#include "protocols/registry.h"

namespace rfcheck::fuzz {
namespace {

Observation observation(Observation::Kind kind, const std::string& command, const std::string& phase,
                        const std::string& message) {
  Observation o;
  o.kind = kind;
  o.command = command;
  o.phase = phase;
  o.message = message;
  return o;
}

TEST(ObservationSignature, OneViolationOneSignatureWhateverLedThere) {
  const ProtocolModel& ftp = *find_model("ftp");
  const std::string wrong = "999 is not an allowed reply to PWD as the first reply (allowed: [257, 500])";
  const auto sig = [&](const std::string& command, const std::string& phase) {
    return observation_signature(ftp, observation(Observation::Kind::kReplyTable, command, phase, wrong));
  };
  // Letter case (RFC 959 5.3: upper and lower case are the same command) and the phase the
  // session had reached are not part of what was violated.
  EXPECT_EQ(sig("PWD", "logged-in"), sig("pwd", "logged-in"));
  EXPECT_EQ(sig("PWD", "logged-in"), sig("PWd extra", "pre-login/data"));
  EXPECT_NE(sig("PWD", "logged-in"), sig("CWD", "logged-in"));
  EXPECT_EQ(key_verb(ftp, "XYZZY a b"), "(other)");
  EXPECT_EQ(key_verb(ftp, "retr x"), "RETR");

  // A framing break is the server's way of writing replies, whatever the command.
  const auto framing = [&](const std::string& command, const std::string& message) {
    return observation_signature(ftp, observation(Observation::Kind::kFraming, command, "logged-in", message));
  };
  EXPECT_EQ(framing("NOOP", "line at byte 12: reply line ended in a bare LF"),
            framing("LIST", "line at byte 4096: reply line ended in a bare LF"));
}

}  // namespace
}  // namespace rfcheck::fuzz
