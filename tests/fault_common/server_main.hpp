// What every fault server's main() does with its command line: --help prints the usage
// (exit 0); bad options print "program: error" and the usage (exit 2); otherwise the options
// are kept for the life of the process and handed to `run`, whose result is the exit status.
#pragma once

#include <iostream>
#include <string>
#include <utility>

namespace fcommon {

// parse(argc, argv, err, help) -> std::optional<Options>; run(const Options&) -> int.
template <class Options, class Parse, class Run>
int main_with_options(const char* program, int argc, char** argv, Parse parse,
                      const std::string& usage, Run run) {
  std::string err;
  bool help = false;
  auto opts = parse(argc, argv, err, help);
  if (help) {
    std::cout << usage;
    return 0;
  }
  if (!opts) {
    std::cerr << program << ": " << err << "\n" << usage;
    return 2;
  }
  // Never freed: client threads are detached and may still read the options while the
  // process exits after SIGTERM (a root LeakSanitizer sees).
  static const Options* const kept = new Options(std::move(*opts));
  return run(*kept);
}

}  // namespace fcommon
