// Client paths: "/a/b" as the client sees it, resolved against a current directory with "."
// and ".." folded, never above "/"; real paths are the root plus the virtual path.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pftp2 {

// The components of arg taken from cwd (both virtual); ".." at "/" stays at "/".
std::vector<std::string> resolve(const std::string& cwd, const std::string& arg);
std::string join(const std::vector<std::string>& parts);  // "/" for none
// The real path of a virtual path, or nullopt when a symlink on the way leads out of root.
std::optional<std::string> real_path(const std::string& root, const std::vector<std::string>& parts);

}  // namespace pftp2
