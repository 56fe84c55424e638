// Where the suites are when no --specs is given: RFCHECK_SPECS, else beside the binary
// (installed: PREFIX/bin/rfcheck and PREFIX/share/rfcheck/specs; the build tree links
// build/<preset>/harness/cli/specs to the sources). No path of the build machine is compiled in.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "cli/commands.h"

namespace rfcheck::cli {

std::string specs_root() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("RFCHECK_SPECS"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "share/rfcheck/specs";  // no /proc: the loader's error names it
  const fs::path installed = exe.parent_path() / "../share/rfcheck/specs";
  for (const fs::path& candidate : {installed, exe.parent_path() / "specs"}) {
    if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  return installed.lexically_normal().string();  // missing: the loader's error names it
}

std::string default_specs_dir(const std::string& protocol) {
  return (std::filesystem::path(specs_root()) / protocol).string();
}

}  // namespace rfcheck::cli
