// A sanitizer report (ASan, UBSan, LSan...) as the fuzzer keys it: the bug type and the frames
// of the first stack (where the bad access happened). Reports come symbolized ("in f file:3")
// or not ("(/path/server+0x1234)": a campaign runs servers with symbolize=0, because ASan's
// own symbolization of every repeat of a known crash costs seconds; see symbolizer.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rfcheck::fuzz {

struct StackFrame {
  std::string function;  // "cmd_rnto" (parameters dropped); empty until symbolized
  std::string module;    // "/build/server" when the report names it
  std::uint64_t offset = 0;  // within the module
  std::string location;  // "/src/session.cpp:301:9" when known
};

struct ParsedReport {
  // The sanitizer's short name for the bug: "heap-buffer-overflow", "SEGV",
  // "allocation-size-too-big", "ubsan: signed integer overflow". No address, size or range.
  std::string bug_type;
  std::vector<StackFrame> frames;  // the first stack only
};

ParsedReport parse_sanitizer_report(std::string_view report);

// One line of a stack ("    #1 0x56 in f /src/x.c:3", "    #1 0x56  (/bin/s+0x12)"); nullopt
// for any other line.
std::optional<StackFrame> parse_frame_line(const std::string& line);

// "cmd_rnto" from "cmd_rnto(Session&, std::string const&)"; "{anon}::f" from
// "(anonymous namespace)::f(int)".
std::string short_function_name(std::string_view name);

// The first frames that are the program's own (not the sanitizer runtime's, the allocator's
// or libc's), as the key names them: the function, else "module+0xoffset".
std::vector<std::string> own_frames(const ParsedReport& report, std::size_t count);

}  // namespace rfcheck::fuzz
