#include "fuzz/sanitizer_report.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <sstream>

namespace rfcheck::fuzz {
namespace {

// "SUMMARY: AddressSanitizer: heap-buffer-overflow /src/x.c:3 in f" -> "heap-buffer-overflow":
// the sanitizer's own name for the bug, the same in every report of it.
std::string summary_type(std::string_view report) {
  const auto summary = report.find("SUMMARY: ");
  if (summary == std::string_view::npos) return {};
  const auto colon = report.find("Sanitizer: ", summary);
  const auto line_end = report.find('\n', summary);
  if (colon == std::string_view::npos || colon > line_end) return {};
  const std::string_view rest = report.substr(colon + 11, line_end - colon - 11);
  return std::string(rest.substr(0, rest.find(' ')));
}

// From the ERROR line when there is no SUMMARY: its words up to the first that carries a
// number ("on address 0x...", "of size 8", "requested allocation size 0x10 (...)").
std::string error_line_type(std::string_view report) {
  const auto err = report.find("Sanitizer: ");
  if (err == std::string_view::npos) return {};
  const std::string_view line = report.substr(err + 11, report.find('\n', err) - err - 11);
  std::istringstream words{std::string(line)};
  std::string word, out;
  while (words >> word) {
    if (word == "on" || word == "at" || word == "of" ||
        std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); })) {
      break;
    }
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

// UBSan: "x.c:3:5: runtime error: signed integer overflow: 2147483647 + 1 cannot be ..." ->
// "ubsan: signed integer overflow" (the values after the colon differ from hit to hit).
std::string ubsan_type(std::string_view report) {
  const auto at = report.find("runtime error: ");
  if (at == std::string_view::npos) return {};
  std::string_view what = report.substr(at + 15, report.find('\n', at) - at - 15);
  what = what.substr(0, what.find(':'));
  std::string out = "ubsan: ";
  for (char c : what) {
    if (std::isdigit(static_cast<unsigned char>(c))) break;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\'')) out.pop_back();
  return out;
}

// "    #1 0x56 in cmd_rnto(Session&) /src/session.cpp:301:9", "    #1 0x56 in f (/bin/s+0x12)",
// "    #1 0x56  (/bin/s+0x12) (BuildId: ab)".
StackFrame parse_frame(const std::string& line) {
  StackFrame frame;
  std::string rest = line;
  if (const auto build_id = rest.find(" (BuildId: "); build_id != std::string::npos) rest.erase(build_id);
  if (const auto open = rest.rfind(" ("); open != std::string::npos && rest.back() == ')') {
    const std::string inside = rest.substr(open + 2, rest.size() - open - 3);
    if (const auto plus = inside.rfind("+0x"); plus != std::string::npos) {
      const std::string hex = inside.substr(plus + 3);
      const auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), frame.offset, 16);
      if (error == std::errc() && end == hex.data() + hex.size()) {
        frame.module = inside.substr(0, plus);
        rest.erase(open);
      }
    }
  }
  const auto in = rest.find(" in ");
  if (in == std::string::npos) return frame;
  std::string function = rest.substr(in + 4);
  // A source location after the name: its last word, a path with ":line".
  if (const auto space = function.rfind(' '); space != std::string::npos) {
    const std::string last = function.substr(space + 1);
    if (last.find(':') != std::string::npos || last.find('/') != std::string::npos) {
      frame.location = last;
      function.erase(space);
    }
  }
  frame.function = short_function_name(function);
  return frame;
}

bool is_frame_line(const std::string& line) {
  const auto hash = line.find_first_not_of(' ');
  return hash != std::string::npos && line.compare(hash, 1, "#") == 0 &&
         line.find(" 0x", hash) != std::string::npos;
}

}  // namespace

std::optional<StackFrame> parse_frame_line(const std::string& line) {
  if (!is_frame_line(line)) return std::nullopt;
  return parse_frame(line);
}

std::string short_function_name(std::string_view name) {
  std::string text(name);
  for (std::size_t at; (at = text.find("(anonymous namespace)")) != std::string::npos;) {
    text.replace(at, 21, "{anon}");
  }
  text = text.substr(0, text.find('('));
  if (const auto plus = text.find("+0x"); plus != std::string::npos) text.erase(plus);
  return text;
}

ParsedReport parse_sanitizer_report(std::string_view report) {
  ParsedReport parsed;
  parsed.bug_type = summary_type(report);
  if (parsed.bug_type.empty() || parsed.bug_type == "undefined-behavior") {
    if (auto ub = ubsan_type(report); !ub.empty()) parsed.bug_type = ub;
  }
  if (parsed.bug_type.empty()) parsed.bug_type = error_line_type(report);
  std::istringstream lines{std::string(report)};
  std::string line;
  bool in_stack = false;
  while (std::getline(lines, line)) {
    if (!is_frame_line(line)) {
      if (in_stack) break;  // only the first stack: where the bad access happened
      continue;
    }
    in_stack = true;
    parsed.frames.push_back(parse_frame(line));
  }
  return parsed;
}

std::vector<std::string> own_frames(const ParsedReport& report, std::size_t count) {
  static const char* const kRuntime[] = {"__asan", "__interceptor", "__sanitizer", "__ubsan",
                                         "__lsan", "__msan", "malloc", "calloc", "realloc", "free",
                                         "operator new", "operator delete", "__libc", "__GI_",
                                         "abort", "raise", "__memcpy", "__strcpy", "strcpy",
                                         "memcpy", "memmove", "memset", "strlen", "__pthread", "_start",
                                         "___interceptor", "__wrap_"};
  std::vector<std::string> out;
  for (const StackFrame& frame : report.frames) {
    if (out.size() >= count) break;
    if (frame.function.empty()) {
      if (frame.module.empty()) continue;
      const std::string module = frame.module.substr(frame.module.rfind('/') + 1);
      // Shared runtime libraries, when the symbolizer could not name the frame.
      static const char* const kRuntimeModules[] = {"libc.so", "libc-", "ld-linux", "libasan",
                                                    "libubsan", "libstdc++", "libpthread", "libgcc"};
      if (std::any_of(std::begin(kRuntimeModules), std::end(kRuntimeModules),
                      [&](const char* m) { return module.rfind(m, 0) == 0; })) {
        continue;
      }
      std::ostringstream id;
      id << module << "+0x" << std::hex << frame.offset;
      out.push_back(id.str());
      continue;
    }
    const bool runtime = std::any_of(std::begin(kRuntime), std::end(kRuntime), [&](const char* r) {
      return frame.function.rfind(r, 0) == 0;
    });
    if (!runtime) out.push_back(frame.function);
  }
  return out;
}

}  // namespace rfcheck::fuzz
