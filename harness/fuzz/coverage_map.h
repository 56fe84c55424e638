// The grey-box side of the coverage shim (fuzz/shim/rfcheck_coverage.c): a 64 KiB file in
// shared memory that a server compiled with the shim maps and counts its edges into. The
// fuzzer creates it, names it to the server in RFCHECK_COVERAGE_SHM, zeroes it before each
// session and reads it after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace rfcheck::fuzz {

inline constexpr std::size_t kCoverageMapSize = 65536;
inline constexpr const char* kCoverageEnv = "RFCHECK_COVERAGE_SHM";

class CoverageMap {
 public:
  CoverageMap();  // creates and maps the file; valid() tells whether that worked
  ~CoverageMap();
  CoverageMap(const CoverageMap&) = delete;
  CoverageMap& operator=(const CoverageMap&) = delete;

  bool valid() const { return map_ != nullptr; }
  const std::string& path() const { return path_; }
  void clear();
  const std::uint8_t* data() const { return map_; }

 private:
  std::string path_;
  std::uint8_t* map_ = nullptr;
};

}  // namespace rfcheck::fuzz
