// The transcript and findings of one case as it runs, with times since the case started.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "net/stream.h"

namespace rfcheck {

class Recorder {
 public:
  Recorder() : start_(net::Clock::now()) {}
  void add(TranscriptEntry::Kind kind, const std::string& connection, std::string text);
  void finding(Finding f) { findings_.push_back(std::move(f)); }
  double elapsed_ms() const;
  std::vector<TranscriptEntry>& transcript() { return transcript_; }
  std::vector<Finding>& findings() { return findings_; }

 private:
  net::Clock::time_point start_;
  std::vector<TranscriptEntry> transcript_;
  std::vector<Finding> findings_;
};

// Shows bytes as a person reads them: printable ASCII as is, CR LF as \r\n, others as \xNN.
std::string escape_bytes(std::string_view bytes, std::size_t max = 4096);

}  // namespace rfcheck
