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

#include "fuzz/executor.h"
#include "fuzz/finding.h"
#include "fuzz/protocol_model.h"
#include "fuzz/symbolizer.h"

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
// The verb of a finding's key: upper case, "(other)" for a verb the protocol does not have.
std::string key_verb(const ProtocolModel& model, const std::string& command);
// The signature of a protocol finding (framing, reply table, auth bypass, path escape): what
// was violated, not the bytes, letter case or commands that led there.
std::string observation_signature(const ProtocolModel& model, const Observation& observation);

// "heap-buffer-overflow|handle_user|dispatch|serve": the sanitizer's name for the bug and the
// first frames of the report's first stack that are not the sanitizer's or libc's own, by
// function name (parameters, addresses, sizes and offsets left out, so every hit of one bug
// gives one signature). Unsymbolized frames are named by `symbolizer` when given, else they
// count as module+offset. Empty without a report.
std::string stack_signature(const std::string& sanitizer_report, Symbolizer* symbolizer = nullptr,
                            std::size_t frames = 3);

}  // namespace rfcheck::fuzz
