#include "fuzz/symbolizer.h"

#include <dlfcn.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "fuzz/findings_store.h"

extern "C" __attribute__((noinline)) int rfcheck_symbolizer_probe(int x) { return x * 3 + 1; }

namespace rfcheck::fuzz {
namespace {

using ::testing::HasSubstr;

// A frame inside rfcheck_symbolizer_probe, as an unsymbolized report names it: this test's
// own executable and the offset from where it is loaded.
StackFrame probe_frame() {
  Dl_info info{};
  const auto address = reinterpret_cast<std::uintptr_t>(&rfcheck_symbolizer_probe);
  if (::dladdr(reinterpret_cast<void*>(address), &info) == 0) return {};
  StackFrame frame;
  frame.module = std::filesystem::read_symlink("/proc/self/exe").string();
  frame.offset = address - reinterpret_cast<std::uintptr_t>(info.dli_fbase) + 4;
  return frame;
}

TEST(Symbolizer, NamesAFrameOnceAndThenFromItsCache) {
  Symbolizer symbolizer;
  ASSERT_TRUE(symbolizer.available()) << "llvm-symbolizer is installed with clang";
  std::vector<StackFrame> frames = {probe_frame()};
  ASSERT_FALSE(frames[0].module.empty());
  symbolizer.symbolize(frames);
  EXPECT_EQ(frames[0].function, "rfcheck_symbolizer_probe");
  EXPECT_THAT(frames[0].location, HasSubstr("symbolizer_test.cpp:12"));
  EXPECT_EQ(symbolizer.tool_runs(), 1u);

  // The thousandth hit of a known crash: no second run of the tool.
  std::vector<StackFrame> again = {probe_frame(), probe_frame()};
  symbolizer.symbolize(again);
  EXPECT_EQ(again[1].function, "rfcheck_symbolizer_probe");
  EXPECT_EQ(symbolizer.tool_runs(), 1u);
}

TEST(Symbolizer, KeysAndTextOfABareReportNameTheFunction) {
  Symbolizer symbolizer;
  const StackFrame frame = probe_frame();
  std::ostringstream report;
  report << "==9==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x1 at pc 0x2\n"
         << "    #0 0x55  (" << frame.module << "+0x" << std::hex << frame.offset << ") (BuildId: 1)\n"
         << "SUMMARY: AddressSanitizer: heap-buffer-overflow\n";
  EXPECT_EQ(stack_signature(report.str(), &symbolizer), "heap-buffer-overflow|rfcheck_symbolizer_probe");
  const std::string text = symbolizer.symbolized_text(report.str());
  EXPECT_THAT(text, HasSubstr("#0 0x55 in rfcheck_symbolizer_probe "));
  EXPECT_THAT(text, HasSubstr("symbolizer_test.cpp:12"));
  EXPECT_THAT(text, HasSubstr("SUMMARY: AddressSanitizer: heap-buffer-overflow\n"));
}

TEST(Symbolizer, WithoutTheToolFramesStayModuleAndOffset) {
  Symbolizer none("/nonexistent/llvm-symbolizer");
  std::vector<StackFrame> frames = {probe_frame()};
  none.symbolize(frames);
  EXPECT_EQ(frames[0].function, "");
  EXPECT_EQ(none.tool_runs(), 1u);  // tried once, failed, remembered
  none.symbolize(frames);
  EXPECT_EQ(none.tool_runs(), 1u);
}

}  // namespace
}  // namespace rfcheck::fuzz
