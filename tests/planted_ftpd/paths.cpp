#include "paths.hpp"

#include <climits>
#include <cstdlib>
#include <vector>

namespace planted {

Paths::Paths(std::string real_root) : root_(std::move(real_root)) {
  if (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::optional<std::string> Paths::resolve(std::string_view cwd, std::string_view arg) const {
  std::string full = !arg.empty() && arg.front() == '/' ? std::string(arg)
                                                        : std::string(cwd) + "/" + std::string(arg);
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= full.size()) {
    size_t j = full.find('/', i);
    if (j == std::string::npos) j = full.size();
    std::string seg = full.substr(i, j - i);
    i = j + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (parts.empty()) return std::nullopt;  // above the root
      parts.pop_back();
      continue;
    }
    parts.push_back(std::move(seg));
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? std::string("/") : out;
}

bool Paths::contained(const std::string& real_path) const {
  // Canonicalize the longest existing prefix; what follows it cannot be a symlink yet.
  std::string probe = real_path;
  char buf[PATH_MAX];
  while (!realpath(probe.c_str(), buf)) {
    auto slash = probe.rfind('/');
    if (slash == std::string::npos || slash == 0) return false;
    probe.resize(slash);
  }
  std::string canon = buf;
  return canon == root_ || (canon.size() > root_.size() &&
                            canon.compare(0, root_.size(), root_) == 0 && canon[root_.size()] == '/');
}

std::optional<std::string> Paths::map(std::string_view cwd, std::string_view arg,
                                      std::string* vpath_out) const {
  auto v = resolve(cwd, arg);
  if (!v) return std::nullopt;
  std::string real = *v == "/" ? root_ : root_ + *v;
  if (!contained(real)) return std::nullopt;
  if (vpath_out) *vpath_out = *v;
  return real;
}

}  // namespace planted
