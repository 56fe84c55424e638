// Client paths onto the tree below --root. The virtual root is "/"; ".." above it and
// symlinks that lead out of the root are refused (the caller answers 550).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planted {

class Paths {
 public:
  explicit Paths(std::string real_root);

  // Normalized virtual path ("/a/b") of arg relative to cwd; nullopt when it leaves the root.
  std::optional<std::string> resolve(std::string_view cwd, std::string_view arg) const;
  // Real path of arg if it stays inside the root (symlinks included); vpath_out gets the
  // virtual path.
  std::optional<std::string> map(std::string_view cwd, std::string_view arg,
                                 std::string* vpath_out = nullptr) const;
  const std::string& root() const { return root_; }

 private:
  bool contained(const std::string& real_path) const;
  std::string root_;
};

}  // namespace planted
