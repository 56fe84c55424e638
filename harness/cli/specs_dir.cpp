#include <unistd.h>

#include <filesystem>

#include "cli/commands.h"

namespace rfcheck::cli {

std::string default_specs_dir(const std::string& protocol) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate :
         {exe.parent_path() / "../share/rfcheck/specs", exe.parent_path() / "specs"}) {
      if (fs::is_directory(candidate / protocol, ec)) return (candidate / protocol).string();
    }
  }
  return (fs::path(RFCHECK_SOURCE_DIR) / "specs" / protocol).string();
}

}  // namespace rfcheck::cli
