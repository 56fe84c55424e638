// Sessions per second: the fuzzer's machinery (executor, codec, oracles, feedback; what one
// libFuzzer iteration costs besides mutation) against the bare replay loop (bare_replay.h) on
// the same sessions and the same server instance, in alternating rounds so both see the same
// machine. Prints one line per round and the median ratio.
//
//   session_bench PROFILE CORPUS_DIR[:DIR...] [ROUNDS] [SPECS_DIR]
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "bare_replay.h"
#include "protocols/registry.h"
#include "fuzz/campaign.h"
#include "spec/spec_loader.h"
#include "spec/target_loader.h"

namespace fs = std::filesystem;
using namespace rfcheck;
using Clock = std::chrono::steady_clock;

namespace {

double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: session_bench PROFILE CORPUS_DIR [ROUNDS] [SPECS_DIR]\n";
    return 2;
  }
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 3;
  auto loaded = load_target_profile(argv[1]);
  if (std::holds_alternative<LoadError>(loaded)) {
    std::cerr << std::get<LoadError>(loaded).describe() << "\n";
    return 2;
  }
  const TargetProfile profile = std::get<TargetProfile>(loaded);
  const std::string specs_dir = argc > 4 ? argv[4] : "specs/" + profile.protocol;
  auto specs = load_spec_dir(specs_dir);

  // CORPUS_DIR may list several folders, colon-separated (the seeds and the corpus).
  std::vector<fuzz::Session> sessions;
  const std::string dirs = argv[2];
  for (std::size_t start = 0; start <= dirs.size();) {
    const auto colon = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, colon - start);
    start = colon + 1;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), {});
      if (sessions.size() < 2000) sessions.push_back(fuzz::decode(bytes));
    }
  }
  if (sessions.empty()) {
    std::cerr << "no sessions in " << argv[2] << "\n";
    return 2;
  }

  fuzz::CampaignOptions options;
  options.profile = profile;
  const ProtocolPlugin* plugin = find_protocol_plugin(profile.protocol);
  if (!plugin) {
    std::cerr << unknown_protocol_message(profile.protocol) << "\n";
    return 2;
  }
  options.protocol = &plugin->support;
  options.model = &plugin->fuzz_model;
  options.fixtures = specs.specs.files;
  options.out_dir = (fs::temp_directory_path() / ("rfcheck-bench-" + std::to_string(::getpid()))).string();
  auto started = fuzz::Campaign::start(options);
  if (auto* error = std::get_if<std::string>(&started)) {
    std::cerr << "cannot start " << profile.name << ": " << *error << "\n";
    return 3;
  }
  auto& campaign = *std::get<std::unique_ptr<fuzz::Campaign>>(started);
  // Sessions that kill or hang the server are left out: the bare loop cannot restart it.
  std::vector<fuzz::Session> kept;
  for (const auto& s : sessions) {
    bool fatal = false;
    for (const auto& c : campaign.evaluate(s)) {
      fatal = fatal || c.kind == fuzz::FindingKind::kCrash || c.kind == fuzz::FindingKind::kHang;
    }
    if (!fatal) kept.push_back(s);
  }
  std::printf("%zu of %zu sessions neither crash nor hang the server\n", kept.size(), sessions.size());
  sessions = std::move(kept);
  // Warm-up: new findings are triaged (replayed, minimized) once, here, not in the rounds.
  for (const auto& s : sessions) campaign.run_one(s);

  bench::BareOptions bare;
  bare.host = profile.host;
  bare.port = campaign.port();
  bare.ftp = plugin->support.has_data_channel;

  std::printf("target %s, %zu sessions, %d rounds\n", profile.name.c_str(), sessions.size(), rounds);
  std::printf("round  fuzzer/s  bare/s  ratio  fuzzer-cpu/wall  restarts\n");
  std::vector<double> ratios, fuzz_rates, bare_rates;
  for (int round = 0; round < rounds; ++round) {
    const auto restarts_before = campaign.restarts();
    const double cpu0 = cpu_seconds();
    auto t0 = Clock::now();
    for (const auto& s : sessions) campaign.run_one(s);
    const double fuzz_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = cpu_seconds() - cpu0;
    t0 = Clock::now();
    for (const auto& s : sessions) bench::bare_play(s, bare);
    const double bare_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const double fuzz_rate = static_cast<double>(sessions.size()) / fuzz_s;
    const double bare_rate = static_cast<double>(sessions.size()) / bare_s;
    ratios.push_back(fuzz_rate / bare_rate);
    fuzz_rates.push_back(fuzz_rate);
    bare_rates.push_back(bare_rate);
    std::printf("%5d  %8.1f  %6.1f  %5.3f  %15.3f  %8llu\n", round + 1, fuzz_rate, bare_rate,
                fuzz_rate / bare_rate, cpu / fuzz_s,
                static_cast<unsigned long long>(campaign.restarts() - restarts_before));
  }
  std::printf("median: fuzzer %.1f sessions/s, bare loop %.1f sessions/s, ratio %.3f\n",
              median(fuzz_rates), median(bare_rates), median(ratios));
  campaign.stop();
  std::error_code ec;
  fs::remove_all(options.out_dir, ec);
  return 0;
}
