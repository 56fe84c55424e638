// Findings on disk, one directory per deduplication key under the campaign's findings dir:
//   <dir>/<key>/finding.json      the FuzzFinding (finding.h)
//   <dir>/<key>/session.bin       the session that found it (a libFuzzer input)
//   <dir>/<key>/minimized.bin     the minimized session
//   <dir>/<key>/reproducer.yaml   the exported case: `rfcheck replay` it, or keep it in a suite
// Parallel workers share the directory: a key is claimed by creating its directory (atomic),
// so each finding is triaged once, by the worker that saw it first.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "fuzz/finding.h"

namespace rfcheck::fuzz {

class FindingsStore {
 public:
  explicit FindingsStore(std::string dir);

  const std::string& dir() const { return dir_; }
  std::string path_of(const std::string& key) const { return dir_ + "/" + key; }
  // True once: for the first caller in any process; later callers only count a hit.
  bool claim(const std::string& key);
  void hit(const std::string& key) { ++hits_[key]; }
  std::uint64_t hits(const std::string& key) const;

  // Writes the finding's files; the finding's reproducer paths are filled in.
  void save(FuzzFinding& finding, const std::string& session, const std::string& minimized,
            const std::string& reproducer_yaml);
  std::vector<FuzzFinding> load_all() const;  // every saved finding, oldest first

 private:
  std::string dir_;
  std::map<std::string, std::uint64_t> hits_;
};

// The deduplication key: a sanitizer report's bug type and top frames when there is one,
// else the kind, the command and the phase. 16 hex digits.
std::string finding_key(FindingKind kind, const std::string& signature);
// "heap-buffer-overflow|handle_user|dispatch|serve": the bug type and the first frames of the
// report's first stack that are not the sanitizer's or libc's own. Empty without a report.
std::string stack_signature(const std::string& sanitizer_report, std::size_t frames = 3);

}  // namespace rfcheck::fuzz
