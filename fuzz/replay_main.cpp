// A main for the fuzz targets when built without libFuzzer ({fmt}'s habit): runs
// LLVMFuzzerTestOneInput once over every file named on the command line, and over every
// regular file below each directory named there. So a gcc build replays the corpora (and
// every crash reproducer kept in them) in CTest. An input that crashes crashes this too.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool replay(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "ERROR: cannot read %s\n", file.c_str());
    return false;
  }
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A fresh copy of exactly `size` bytes, so ASan sees a read past the end.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  std::printf("replay %s (%zu bytes)\n", file.c_str(), input.size());
  std::fflush(stdout);
  LLVMFuzzerTestOneInput(input.empty() ? nullptr : input.data(), input.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    if (fs::is_directory(arg)) {
      for (const auto& entry : fs::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "ERROR: no inputs (give corpus files or directories)\n");
    return 2;
  }
  std::size_t done = 0;
  for (const auto& file : files) done += replay(file) ? 1 : 0;
  std::printf("SUMMARY: replayed %zu of %zu inputs\n", done, files.size());
  return done == files.size() ? 0 : 1;
}
