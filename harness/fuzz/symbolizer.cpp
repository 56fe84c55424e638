#include "fuzz/symbolizer.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/text_file.h"
#include "target/spawn.h"

namespace rfcheck::fuzz {
namespace {

namespace fs = std::filesystem;

std::string find_program() {
  if (const char* path = std::getenv("ASAN_SYMBOLIZER_PATH"); path && *path) return path;
  const char* search = std::getenv("PATH");
  std::istringstream dirs(search ? search : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    for (const char* name : {"llvm-symbolizer", "llvm-symbolizer-14"}) {
      const fs::path candidate = fs::path(dir) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  return {};
}

// llvm-symbolizer's answer for one address: "function\nfile:line:col\n" per inlined level,
// innermost first, then a blank line. "??" is unknown.
std::vector<std::vector<std::string>> answer_blocks(std::istream& in) {
  std::vector<std::vector<std::string>> blocks(1);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
      continue;
    }
    blocks.back().push_back(line);
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

std::string run_tool(const std::vector<std::string>& argv) {
  char dir_template[] = "/tmp/rfcheck-symbolizer-XXXXXX";
  if (!::mkdtemp(dir_template)) return {};
  const fs::path out = fs::path(dir_template) / "out";
  SpawnOptions options;
  options.argv = argv;
  options.stdout_path = out.string();
  options.stderr_path = (fs::path(dir_template) / "err").string();
  std::string error;
  const pid_t pid = spawn_process(options, error);
  std::string text;
  if (pid > 0) {
    // A symbolizer that hangs on a strange module must not stop the campaign.
    if (!wait_until(pid, std::chrono::steady_clock::now() + std::chrono::seconds(20))) {
      ::kill(-pid, SIGKILL);
      wait_until(pid, std::chrono::steady_clock::now() + std::chrono::seconds(5));
    } else {
      text = read_text_file(out).value_or("");
    }
  }
  std::error_code ec;
  fs::remove_all(dir_template, ec);
  return text;
}

}  // namespace

Symbolizer::Symbolizer(std::string program)
    : program_(program.empty() ? find_program() : std::move(program)) {}

void Symbolizer::look_up(const std::string& module, const std::vector<std::uint64_t>& offsets) {
  std::vector<std::string> argv = {program_, "--obj=" + module, "--functions=linkage", "--demangle"};
  for (std::uint64_t offset : offsets) {
    std::ostringstream hex;
    hex << "0x" << std::hex << offset;
    argv.push_back(hex.str());
  }
  ++tool_runs_;
  std::istringstream text(run_tool(argv));
  const auto blocks = answer_blocks(text);
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    Name name;  // stays empty when the tool said nothing or "??": not asked again either
    if (i < blocks.size() && blocks.size() == offsets.size() && !blocks[i].empty() && blocks[i][0] != "??") {
      name.function = blocks[i][0];
      if (blocks[i].size() > 1 && blocks[i][1].rfind("??", 0) != 0) name.location = blocks[i][1];
    }
    cache_[{module, offsets[i]}] = name;
  }
}

void Symbolizer::symbolize(std::vector<StackFrame>& frames) {
  std::map<std::string, std::set<std::uint64_t>> wanted;
  for (const StackFrame& f : frames) {
    if (f.function.empty() && !f.module.empty() && !cache_.count({f.module, f.offset})) {
      wanted[f.module].insert(f.offset);
    }
  }
  if (!program_.empty()) {
    for (const auto& [module, offsets] : wanted) look_up(module, {offsets.begin(), offsets.end()});
  }
  for (StackFrame& f : frames) {
    auto it = cache_.find({f.module, f.offset});
    if (!f.function.empty() || it == cache_.end() || it->second.function.empty()) continue;
    f.function = short_function_name(it->second.function);
    f.location = it->second.location;
  }
}

std::string Symbolizer::symbolized_text(std::string_view report) {
  std::vector<std::string> lines;
  std::vector<StackFrame> frames;  // every stack's frames, each with its line's index
  std::vector<std::size_t> frame_line;
  std::istringstream in{std::string(report)};
  for (std::string line; std::getline(in, line);) {
    if (auto frame = parse_frame_line(line); frame && frame->function.empty() && !frame->module.empty()) {
      frames.push_back(*frame);
      frame_line.push_back(lines.size());
    }
    lines.push_back(line);
  }
  symbolize(frames);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto cached = cache_.find({frames[i].module, frames[i].offset});
    if (cached == cache_.end() || cached->second.function.empty()) continue;
    std::string& line = lines[frame_line[i]];
    const auto module = line.rfind(" (" + frames[i].module + "+");
    if (module == std::string::npos) continue;
    // "#1 0x56  (/bin/s+0x12)" -> "#1 0x56 in f(int) /src/x.c:3:5"; the module stays when
    // there is no source location.
    std::string head = line.substr(0, module);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    line = head + " in " + cached->second.function + " " +
           (cached->second.location.empty() ? line.substr(module + 1) : cached->second.location);
  }
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

}  // namespace rfcheck::fuzz
