// libFuzzer target for the spec loader. The input is a suite file; it is loaded against a
// copy of specs/ftp/protocol.yaml (so seeds from specs/ftp reach validation through the
// real fixtures). The oracle: nothing crashes, nothing throws out of load_spec_files (a
// malformed suite is a list of errors, never an exception), and every error says something.
// The loader takes paths, so the input goes through a file in a temp dir made once.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "spec/spec_loader.h"

#ifndef RFCHECK_FUZZ_PROTOCOL_YAML
#error "RFCHECK_FUZZ_PROTOCOL_YAML must name the protocol.yaml to load against"
#endif

namespace {

namespace fs = std::filesystem;

struct Workspace {
  std::string protocol, suite;
};

void check(bool ok) {
  if (!ok) std::abort();
}

// Made on the first input, removed at a normal exit (a crash leaves it behind, next to the
// reproducer libFuzzer writes anyway).
const Workspace& workspace() {
  static const Workspace ws = [] {
    std::string tmpl = (fs::temp_directory_path() / "rfcheck-spec-fuzz.XXXXXX").string();
    check(::mkdtemp(tmpl.data()) != nullptr);
    static const std::string dir = tmpl;
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    });
    Workspace w{dir + "/protocol.yaml", dir + "/suite.yaml"};
    fs::copy_file(RFCHECK_FUZZ_PROTOCOL_YAML, w.protocol);
    return w;
  }();
  return ws;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Workspace& ws = workspace();
  {
    std::ofstream out(ws.suite, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    check(static_cast<bool>(out));
  }
  // No try/catch on purpose: an exception escaping the loader is the bug we look for.
  const rfcheck::SpecLoadResult result = rfcheck::load_spec_files(ws.protocol, {ws.suite});
  for (const auto& error : result.errors) check(!error.message.empty());
  return 0;
}
