// rfcheck fuzz: the session fuzzer. Loads the target profile and the protocol's suites (whose
// cases become the seed corpus), writes the grammar's dictionary, starts the campaign (the
// server), hands libFuzzer its flags, and writes the findings summary (JSON, SARIF, HTML,
// CSV) at the end. libFuzzer's own flags (-max_total_time=60, -jobs=4, -fork=2, -dict=F,
// -artifact_prefix=P, -minimize_crash=1, ...) and corpus directories pass through.
//
// Parallel workers (-jobs/-workers/-fork) are new `rfcheck` processes libFuzzer starts with
// only its own flags; they find our options in RFCHECK_FUZZ_OPTIONS (main.cpp) and each
// launches its own server (own port, own workdir) from the profile.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/fuzz_engine.h"
#include "protocols/registry.h"
#include "fuzz/protocol_model.h"
#include "fuzz/seed_sessions.h"
#include "reports/coverage_csv.h"
#include "reports/fuzz_findings_html.h"
#include "reports/fuzz_findings_json.h"
#include "reports/fuzz_findings_sarif.h"
#include "spec/spec_loader.h"
#include "spec/target_loader.h"

namespace rfcheck::cli {
namespace {

namespace fs = std::filesystem;

struct FuzzOptions {
  std::string target_file, specs, out;
  std::vector<std::string> vars, disabled, corpus;
  int hang_timeout_ms = 3000, min_silence_ms = 20, max_silence_ms = 500;
  std::size_t minimize_replays = 200;
  bool no_minimize = false, crash_on_finding = false, no_seeds = false;
};

bool has_flag(const std::vector<std::string>& flags, const std::string& name) {
  for (const auto& f : flags) {
    if (f.rfind("-" + name + "=", 0) == 0) return true;
  }
  return false;
}

std::string flag_value(const std::vector<std::string>& flags, const std::string& name) {
  for (const auto& f : flags) {
    if (f.rfind("-" + name + "=", 0) == 0) return f.substr(name.size() + 2);
  }
  return {};
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The campaign of this process, for the exit handler libFuzzer's exit() runs.
struct Running {
  std::unique_ptr<fuzz::Campaign> campaign;
  std::unique_ptr<fuzz::SessionMutator> mutator;
  std::string out;
  std::string profile;  // as given, for the replay hints
  bool worker = false;
  bool done = false;
};
Running& running() {
  static Running r;
  return r;
}

void write_summary() {
  Running& r = running();
  if (r.done || !r.campaign) return;
  r.done = true;
  const fuzz::CampaignSummary summary = r.campaign->summary();
  // Stop the server now: exit() is destroying the statics it relies on (its port table).
  r.campaign.reset();
  if (r.worker) {
    // Workers share the findings; each keeps its own coverage curve.
    write_file(fs::path(r.out) / ("coverage-" + std::to_string(::getpid()) + ".csv"),
               reports::coverage_csv(summary.coverage));
    return;
  }
  write_file(fs::path(r.out) / "coverage.csv", reports::coverage_csv(summary.coverage));
  write_file(fs::path(r.out) / "findings.json", reports::fuzz_findings_json(summary));
  write_file(fs::path(r.out) / "findings.sarif", reports::fuzz_findings_sarif(summary));
  write_file(fs::path(r.out) / "report.html", reports::fuzz_findings_html(summary));
  std::cerr << "rfcheck fuzz: " << summary.executions << " sessions in " << summary.seconds
            << " s (" << (summary.seconds > 0 ? summary.executions / summary.seconds : 0)
            << "/s), " << summary.findings.size() << " findings, " << summary.server_restarts
            << " server restarts; report: " << (fs::path(r.out) / "report.html").string() << "\n";
  for (const auto& k : summary.known) {
    if (k.hits == 0) continue;
    std::cerr << "  known (" << k.case_id << "): " << fuzz::to_string(k.kind) << " " << k.message
              << ", seen " << k.hits << " times\n";
  }
  for (const auto& f : summary.findings) {
    std::cerr << "  " << fuzz::to_string(f.kind) << " " << f.key << " " << f.message
              << (f.confirmed ? "" : " (unconfirmed)") << "\n    replay: rfcheck replay --target "
              << r.profile << " " << f.reproducer_yaml << "\n";
  }
}

// The profile's baseline: its cases' sessions tell the campaign which findings are the
// target's known deviations. "" or why the baseline cannot be used.
std::string learn_baseline(fuzz::Campaign& campaign, const TargetProfile& profile, const SpecSet& specs,
                           const std::map<std::string, std::string>& variables) {
  if (profile.baseline.empty()) return {};
  auto loaded = load_baseline(profile.baseline);
  if (auto* e = std::get_if<LoadError>(&loaded)) return e->describe();
  std::vector<fuzz::Campaign::BaselineSession> sessions;
  for (const BaselineEntry& entry : std::get<std::vector<BaselineEntry>>(loaded)) {
    for (const Case* c : specs.all_cases()) {
      if (c->id != entry.id) continue;
      sessions.push_back({entry.id, entry.reason, fuzz::session_from_case(*c, specs, variables)});
    }
  }
  campaign.learn_baseline(sessions);
  return {};
}

int run_fuzz(FuzzOptions& o) {
  Running& r = running();
  r.worker = std::getenv("RFCHECK_FUZZ_WORKER") != nullptr;
  if (!have_libfuzzer()) {
    std::cerr << "rfcheck: this rfcheck was built without libFuzzer; build the fuzz preset "
                 "(cmake --preset fuzz && cmake --build --preset fuzz) and run "
                 "build/fuzz/harness/cli/rfcheck fuzz\n";
    return kExitUsage;
  }
  auto loaded = load_target_profile(o.target_file, protocol_names());
  if (auto* err = std::get_if<LoadError>(&loaded)) {
    std::cerr << "rfcheck: " << err->describe() << "\n";
    return kExitUsage;
  }
  TargetProfile profile = std::get<TargetProfile>(loaded);
  for (const auto& v : o.vars) {
    const auto eq = v.find('=');
    if (eq == std::string::npos) {
      std::cerr << "rfcheck: --var takes NAME=VALUE, not '" << v << "'\n";
      return kExitUsage;
    }
    profile.variables[v.substr(0, eq)] = v.substr(eq + 1);
  }
  const ProtocolPlugin* plugin = find_protocol_plugin(profile.protocol);
  if (!plugin) {
    std::cerr << "rfcheck: " << unknown_protocol_message(profile.protocol) << "\n";
    return kExitUsage;
  }
  const fuzz::ProtocolModel* model = &plugin->fuzz_model;
  // Seeds are played on IPv4 loopback: the plug-in's variables for that ({passive_command}).
  std::map<std::string, std::string> seed_variables = profile.variables;
  if (plugin->support.connection_variables) {
    for (const auto& [k, v] : plugin->support.connection_variables("127.0.0.1")) seed_variables[k] = v;
  }
  if (!plugin->support.maildrop_mailbox.empty()) {  // IMAP: the seeds SELECT INBOX
    seed_variables.emplace("maildrop.mailbox", plugin->support.maildrop_mailbox);
  }
  auto specs = load_spec_dir(o.specs.empty() ? default_specs_dir(profile.protocol) : o.specs);
  if (!specs.ok()) {
    std::cerr << "rfcheck: the " << profile.protocol << " specs do not load (rfcheck lint)\n";
    return kExitUsage;
  }

  fuzz::CampaignOptions co;
  co.profile = profile;
  co.protocol = &plugin->support;
  co.model = model;
  co.fixtures = specs.specs.files;
  if (o.out.empty()) o.out = "out/fuzz/" + profile.name;
  r.out = o.out;
  r.profile = o.target_file;
  co.out_dir = o.out;
  for (const auto& d : o.disabled) {
    fuzz::FindingKind kind;
    if (!fuzz::parse_finding_kind(d, &kind)) {
      std::cerr << "rfcheck: --disable takes crash, hang, framing, reply-table, auth-bypass or "
                   "path-escape, not '" << d << "'\n";
      return kExitUsage;
    }
    co.disabled.insert(kind);
  }
  co.hang_timeout = std::chrono::milliseconds(o.hang_timeout_ms);
  co.min_silence = std::chrono::milliseconds(o.min_silence_ms);
  co.max_silence = std::chrono::milliseconds(o.max_silence_ms);
  co.minimize = !o.no_minimize;
  co.minimize_replays = o.minimize_replays;
  std::vector<std::string> flags = libfuzzer_flags();
  co.crash_on_finding = o.crash_on_finding || flag_value(flags, "minimize_crash") == "1";
  co.log = [](const std::string& line) { std::cerr << "rfcheck fuzz: " << line << "\n"; };

  std::error_code ec;
  fs::create_directories(o.out, ec);
  std::vector<std::string> args = {"rfcheck"};
  if (const char* self = std::getenv("RFCHECK_SELF")) args[0] = self;
  std::error_code exe_ec;
  const auto exe = fs::read_symlink("/proc/self/exe", exe_ec);
  if (!exe_ec) args[0] = exe.string();
  args.insert(args.end(), flags.begin(), flags.end());
  if (!r.worker) {
    // Seeds: every case of the suites, as a session. Dictionary: the grammar's tokens.
    const fs::path seeds = fs::path(o.out) / "seeds";
    fs::create_directories(seeds, ec);
    std::size_t n = 0;
    for (const auto& s : fuzz::seed_sessions(specs.specs, seed_variables)) {
      write_file(seeds / ("seed-" + std::to_string(n++)), fuzz::encode(s));
    }
    const fs::path dict = fs::path(o.out) / "dictionary.txt";
    write_file(dict, fuzz::dictionary_text(*model));
    if (!has_flag(flags, "dict")) args.push_back("-dict=" + dict.string());
    if (!has_flag(flags, "max_len")) args.push_back("-max_len=16384");
    if (!has_flag(flags, "artifact_prefix")) {
      fs::create_directories(fs::path(o.out) / "artifacts", ec);
      args.push_back("-artifact_prefix=" + (fs::path(o.out) / "artifacts").string() + "/");
    }
    std::vector<std::string> corpus = o.corpus;
    if (corpus.empty()) corpus.push_back((fs::path(o.out) / "corpus").string());
    for (const auto& c : corpus) fs::create_directories(c, ec);
    args.insert(args.end(), corpus.begin(), corpus.end());
    if (!o.no_seeds) args.push_back(seeds.string());
  } else {
    args.insert(args.end(), o.corpus.begin(), o.corpus.end());
  }

  auto started = fuzz::Campaign::start(co);
  if (auto* err = std::get_if<std::string>(&started)) {
    std::cerr << "rfcheck: cannot start the target: " << *err << "\n";
    return kExitTarget;
  }
  r.campaign = std::move(std::get<std::unique_ptr<fuzz::Campaign>>(started));
  if (auto error = learn_baseline(*r.campaign, profile, specs.specs, seed_variables); !error.empty()) {
    std::cerr << "rfcheck: " << error << "\n";
    return kExitUsage;
  }
  r.mutator = std::make_unique<fuzz::SessionMutator>(*model, &byte_mutate);
  for (const auto& s : fuzz::seed_sessions(specs.specs, seed_variables)) r.mutator->add_splice_source(s);
  for (const auto& f : specs.specs.files) r.mutator->add_token(f.name);

  const bool parent_only = has_flag(flags, "jobs") || has_flag(flags, "workers") || has_flag(flags, "fork");
  if (!r.worker) {
    // What a worker libFuzzer starts needs besides libFuzzer's flags (main.cpp reads it).
    std::string options = "--target\x1f" + o.target_file + "\x1f--out\x1f" + o.out;
    auto add = [&](const std::string& name, const std::string& value) {
      options += "\x1f" + name + "\x1f" + value;
    };
    for (const auto& v : o.vars) add("--var", v);
    for (const auto& d : o.disabled) add("--disable", d);
    if (!o.specs.empty()) add("--specs", o.specs);
    add("--hang-timeout", std::to_string(o.hang_timeout_ms));
    add("--min-silence", std::to_string(o.min_silence_ms));
    add("--max-silence", std::to_string(o.max_silence_ms));
    add("--minimize-replays", std::to_string(o.minimize_replays));
    if (o.no_minimize) options += "\x1f--no-minimize";
    if (o.crash_on_finding) options += "\x1f--crash-on-finding";
    ::setenv("RFCHECK_FUZZ_OPTIONS", options.c_str(), 1);
  }
  if (parent_only && !r.worker) {
    // This process only supervises: each worker starts its own server.
    r.campaign->stop();
    ::setenv("RFCHECK_FUZZ_WORKER", "1", 1);
  }
  std::atexit(&write_summary);
  const int code = run_libfuzzer(args, r.campaign.get(), r.mutator.get());
  // -jobs: libFuzzer wrote each worker's log as fuzz-N.log where we run; keep them with the
  // campaign instead.
  for (int n = 0; parent_only; ++n) {
    const fs::path log = "fuzz-" + std::to_string(n) + ".log";
    if (!fs::exists(log, ec)) break;
    fs::rename(log, fs::path(o.out) / ("worker-" + std::to_string(n) + ".log"), ec);
    if (ec) fs::copy_file(log, fs::path(o.out) / ("worker-" + std::to_string(n) + ".log"), ec);
  }
  write_summary();
  return code;
}

}  // namespace

Command add_fuzz_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "fuzz", "Fuzz a server with mutated sessions (libFuzzer flags like -max_total_time=60 pass through)");
  auto o = std::make_shared<FuzzOptions>();
  sub->add_option("--target", o->target_file, "Target profile (targets/*.yaml)")->required();
  sub->add_option("--var", o->vars, "A variable for the suites: NAME=VALUE (repeatable)");
  sub->add_option("--specs", o->specs, "Spec folder whose cases seed the corpus");
  sub->add_option("--out", o->out, "Campaign folder (default out/fuzz/<target>)");
  sub->add_option("--disable", o->disabled,
                  "Switch an oracle off: crash, hang, framing, reply-table, auth-bypass, path-escape");
  sub->add_option("--hang-timeout", o->hang_timeout_ms, "Milliseconds without a greeting that make a hang")
      ->capture_default_str();
  sub->add_option("--min-silence", o->min_silence_ms, "Least wait for a reply (ms)")->capture_default_str();
  sub->add_option("--max-silence", o->max_silence_ms, "Most wait for a reply (ms)")->capture_default_str();
  sub->add_option("--minimize-replays", o->minimize_replays, "Replays spent minimizing one finding")
      ->capture_default_str();
  sub->add_flag("--no-minimize", o->no_minimize, "Keep findings as found");
  sub->add_flag("--crash-on-finding", o->crash_on_finding,
                "Abort on a confirmed finding so libFuzzer keeps the input as a crash");
  sub->add_flag("--no-seeds", o->no_seeds, "Do not seed the corpus from the suites");
  sub->add_option("corpus", o->corpus, "Corpus folders (the first receives new inputs)");
  return [o]() { return run_fuzz(*o); };
}

std::vector<std::string>& libfuzzer_flags() {
  static std::vector<std::string> flags;
  return flags;
}

}  // namespace rfcheck::cli
