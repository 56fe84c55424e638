// Maps client paths onto the real directory tree below --root. The virtual root is "/";
// ".." above it is refused (unless the path-escape fault is on) and symlinks that lead out of
// the root are refused too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fftpd {

class Sandbox {
 public:
  Sandbox(std::string real_root, bool allow_escape);

  // Normalized virtual path ("/a/b") of arg relative to cwd, or nullopt when it leaves the root.
  std::optional<std::string> resolve(std::string_view cwd, std::string_view arg) const;
  // Real filesystem path of a virtual path from resolve().
  std::string real(std::string_view vpath) const;
  // Real path of arg if it stays inside the root (symlinks included), else nullopt.
  std::optional<std::string> map(std::string_view cwd, std::string_view arg,
                                 std::string* vpath_out = nullptr) const;

 private:
  bool contained(const std::string& real_path) const;
  std::string root_;
  bool allow_escape_;
};

// "/a/b" -> "b"; "/" -> "/".
std::string base_name(std::string_view vpath);

}  // namespace fftpd
