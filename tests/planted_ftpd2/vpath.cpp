#include "vpath.hpp"

#include <climits>
#include <cstdlib>

namespace pftp2 {

std::vector<std::string> resolve(const std::string& cwd, const std::string& arg) {
  std::vector<std::string> parts;
  std::string path = !arg.empty() && arg[0] == '/' ? arg : cwd + "/" + arg;
  std::size_t i = 0;
  while (i <= path.size()) {
    auto slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    std::string c = path.substr(i, slash - i);
    i = slash + 1;
    if (c.empty() || c == ".") continue;
    if (c == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(c);
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

std::optional<std::string> real_path(const std::string& root, const std::vector<std::string>& parts) {
  std::string p = root + (parts.empty() ? "" : join(parts));
  // The deepest existing ancestor must stay under root (a symlink could lead out).
  std::string probe = p;
  char buf[PATH_MAX];
  while (!realpath(probe.c_str(), buf)) {
    auto slash = probe.rfind('/');
    if (slash == std::string::npos || slash < root.size()) return root == p ? std::optional(p) : std::nullopt;
    probe.resize(slash);
  }
  std::string r = buf;
  if (r != root && r.compare(0, root.size() + 1, root + "/") != 0) return std::nullopt;
  return p;
}

}  // namespace pftp2
