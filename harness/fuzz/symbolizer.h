// Names the frames of unsymbolized sanitizer reports with llvm-symbolizer, each module and
// offset once: a campaign runs its server with symbolize=0 (ASan's own symbolization takes
// seconds per report, paid again at every repeat of a known crash), and a crash seen a
// thousand times then costs one lookup of its frames in all.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/sanitizer_report.h"

namespace rfcheck::fuzz {

class Symbolizer {
 public:
  // `program`: empty finds $ASAN_SYMBOLIZER_PATH, else llvm-symbolizer on PATH. Without one,
  // frames stay module+offset (still stable keys within a build).
  explicit Symbolizer(std::string program = {});

  // Fills function and location of each frame that names a module and lacks a function.
  void symbolize(std::vector<StackFrame>& frames);

  // The report with each unsymbolized frame line given its function and location, as ASan
  // prints them symbolized: for the finding a person reads.
  std::string symbolized_text(std::string_view report);

  bool available() const { return !program_.empty(); }
  std::size_t tool_runs() const { return tool_runs_; }  // how often llvm-symbolizer ran

 private:
  struct Name {
    std::string function, location;
  };
  void look_up(const std::string& module, const std::vector<std::uint64_t>& offsets);

  std::string program_;
  std::map<std::pair<std::string, std::uint64_t>, Name> cache_;
  std::size_t tool_runs_ = 0;
};

}  // namespace rfcheck::fuzz
