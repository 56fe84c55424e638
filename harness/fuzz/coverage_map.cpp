#include "fuzz/coverage_map.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>

namespace rfcheck::fuzz {

CoverageMap::CoverageMap() {
  static std::atomic<int> counter{0};
  // /dev/shm keeps the map in memory; a plain temp dir works the same, only slower to page.
  const std::string dir = std::filesystem::is_directory("/dev/shm")
                              ? "/dev/shm"
                              : std::filesystem::temp_directory_path().string();
  path_ = dir + "/rfcheck-coverage-" + std::to_string(::getpid()) + "-" +
          std::to_string(counter++);
  const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  if (::ftruncate(fd, kCoverageMapSize) == 0) {
    void* p = ::mmap(nullptr, kCoverageMapSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) map_ = static_cast<std::uint8_t*>(p);
  }
  ::close(fd);
  // The file stays until the destructor: a server (re)started later maps it by name.
}

CoverageMap::~CoverageMap() {
  if (map_) ::munmap(map_, kCoverageMapSize);
  if (!path_.empty()) ::unlink(path_.c_str());
}

void CoverageMap::clear() {
  if (map_) std::memset(map_, 0, kCoverageMapSize);
}

}  // namespace rfcheck::fuzz
