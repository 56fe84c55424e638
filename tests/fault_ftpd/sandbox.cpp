#include "sandbox.hpp"

#include <climits>
#include <cstdlib>
#include <vector>

namespace fftpd {

Sandbox::Sandbox(std::string real_root, bool allow_escape)
    : root_(std::move(real_root)), allow_escape_(allow_escape) {
  if (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::optional<std::string> Sandbox::resolve(std::string_view cwd, std::string_view arg) const {
  std::string full;
  if (!arg.empty() && arg.front() == '/')
    full = arg;
  else
    full = std::string(cwd) + "/" + std::string(arg);
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= full.size()) {
    size_t j = full.find('/', i);
    if (j == std::string::npos) j = full.size();
    std::string seg = full.substr(i, j - i);
    i = j + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else if (allow_escape_)
        parts.push_back("..");  // the fault: climb above the virtual root
      else
        return std::nullopt;
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? std::string("/") : out;
}

std::string Sandbox::real(std::string_view vpath) const {
  if (vpath == "/") return root_;
  return root_ + std::string(vpath);
}

bool Sandbox::contained(const std::string& real_path) const {
  if (allow_escape_) return true;
  // Canonicalize the longest existing prefix; what follows it cannot be a symlink yet.
  std::string probe = real_path;
  char buf[PATH_MAX];
  while (true) {
    if (realpath(probe.c_str(), buf)) break;
    auto slash = probe.rfind('/');
    if (slash == std::string::npos || slash == 0) return false;
    probe.resize(slash);
  }
  std::string canon = buf;
  return canon == root_ || (canon.size() > root_.size() && canon.compare(0, root_.size(), root_) == 0 &&
                            canon[root_.size()] == '/');
}

std::optional<std::string> Sandbox::map(std::string_view cwd, std::string_view arg,
                                        std::string* vpath_out) const {
  auto v = resolve(cwd, arg);
  if (!v) return std::nullopt;
  std::string r = real(*v);
  if (!contained(r)) return std::nullopt;
  if (vpath_out) *vpath_out = *v;
  return r;
}

std::string base_name(std::string_view vpath) {
  if (vpath == "/") return "/";
  auto s = vpath.rfind('/');
  return std::string(s == std::string_view::npos ? vpath : vpath.substr(s + 1));
}

}  // namespace fftpd
