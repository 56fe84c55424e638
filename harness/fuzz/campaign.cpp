#include "fuzz/campaign.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <thread>

#include "fuzz/case_export.h"
#include "fuzz/coverage_map.h"
#include "fuzz/findings_store.h"
#include "fuzz/symbolizer.h"
#include "fuzz/triage.h"
#include "runner/control_connection.h"
#include "runner/recorder.h"
#include "target/launcher.h"

namespace rfcheck::fuzz {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Campaign::Impl {
  std::unique_ptr<net::Network> network = net::make_tcp_network();
  CoverageMap coverage;
  std::unique_ptr<LaunchedServer> server;
  std::unique_ptr<SessionExecutor> executor;
  std::unique_ptr<FindingsStore> store;
  std::uint64_t stderr_offset = 0;
  std::string workdir;
  // Names the frames of the server's unsymbolized reports, each frame once (symbolizer.h).
  Symbolizer symbolizer;
};

namespace {

std::string random_hex(std::size_t n) {
  std::random_device rd;
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += hex[rd() & 15];
  return out;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// "==12==ERROR: AddressSanitizer: heap-use-after-free on address ..." -> what follows ERROR:.
std::string report_headline(const std::string& report) {
  std::string line = first_line(report);
  const auto error = line.find("ERROR: ");
  if (error != std::string::npos) line = line.substr(error + 7);
  const auto on = line.find(" on address");
  if (on != std::string::npos) line = line.substr(0, on);
  return line;
}

std::string base_phase(const std::string& phase) { return phase.substr(0, phase.find('/')); }

FindingKind kind_of(Observation::Kind kind) {
  switch (kind) {
    case Observation::Kind::kFraming: return FindingKind::kFraming;
    case Observation::Kind::kReplyTable: return FindingKind::kReplyTable;
    case Observation::Kind::kAuthBypass: return FindingKind::kAuthBypass;
    case Observation::Kind::kPathEscape: return FindingKind::kPathEscape;
    case Observation::Kind::kSilence: break;
  }
  return FindingKind::kHang;
}

bool policy_yes(const TargetProfile& profile, const std::string& name) {
  auto it = profile.variables.find(name);
  return it != profile.variables.end() &&
         (it->second == "yes" || it->second == "true" || it->second == "1");
}

}  // namespace

Campaign::Campaign(CampaignOptions options, const ProtocolModel& model,
                   const ProtocolSupport& protocol)
    : options_(std::move(options)), model_(model), protocol_(protocol),
      impl_(std::make_unique<Impl>()), started_(Clock::now()) {}

Campaign::~Campaign() { stop(); }

std::variant<std::unique_ptr<Campaign>, std::string> Campaign::start(CampaignOptions options) {
  const ProtocolModel* model = options.model;
  const ProtocolSupport* protocol = options.protocol;
  if (!model || !protocol) return "rfcheck fuzz cannot fuzz protocol '" + options.profile.protocol + "' yet";
  if (options.profile.implicit_tls) return "rfcheck fuzz does not fuzz over implicit TLS yet";
  std::unique_ptr<Campaign> c(new Campaign(std::move(options), *model, *protocol));
  c->canary_ = "rfcheck-canary-" + random_hex(24);
  c->impl_->store = std::make_unique<FindingsStore>(c->options_.out_dir + "/findings");
  ExecutorOptions eo;
  eo.host = c->options_.profile.host;
  eo.port = c->options_.profile.port.value_or(0);
  eo.min_silence = c->options_.min_silence;
  eo.max_silence = c->options_.max_silence;
  eo.canary_secret = c->canary_;
  eo.check_auth = policy_yes(c->options_.profile, "policy.login_required") &&
                  !c->options_.disabled.count(FindingKind::kAuthBypass);
  if (c->options_.disabled.count(FindingKind::kPathEscape)) eo.canary_secret.clear();
  c->impl_->executor = std::make_unique<SessionExecutor>(*protocol, *model, *c->impl_->network, eo);
  if (auto error = c->ensure_server(); !error.empty()) return error;
  return c;
}

void Campaign::log(const std::string& line) const {
  if (options_.log) options_.log(line);
}

double Campaign::elapsed_seconds() const {
  return std::chrono::duration<double>(Clock::now() - started_).count();
}

std::string Campaign::ensure_server() {
  if (!options_.profile.launch) return {};  // a running server: nothing to start
  if (impl_->server && impl_->server->alive()) return {};
  if (impl_->server) {
    impl_->server->stop();
    impl_->server.reset();
    ++restarts_;
  }
  TargetProfile profile = options_.profile;
  if (impl_->coverage.valid()) profile.launch->environment[kCoverageEnv] = impl_->coverage.path();
  // A sanitizer report must end the server, or the next session talks to a broken one.
  auto& env = profile.launch->environment;
  if (!env.count("ASAN_OPTIONS")) env["ASAN_OPTIONS"] = "abort_on_error=1:detect_leaks=0";
  // The server's own symbolization costs seconds per report, paid again at each repeat of a
  // known crash; the campaign names the frames itself, each once (the last flag wins).
  if (impl_->symbolizer.available()) {
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
      const char* inherited = std::getenv(name);
      std::string& value = env[name];
      if (value.empty() && inherited) value = inherited;
      value += (value.empty() ? "" : ":") + std::string("symbolize=0");
    }
  }
  auto started = LaunchedServer::start(profile, options_.fixtures,
                                      {.data_ports = protocol_.reserves_data_ports});
  if (auto* error = std::get_if<std::string>(&started)) return *error;
  impl_->server = std::move(std::get<std::unique_ptr<LaunchedServer>>(started));
  impl_->stderr_offset = 0;
  impl_->executor->set_port(impl_->server->port());
  // The canary: a file beside the server's root, never inside it. Its secret in a reply or a
  // transfer means the server let a client out of its root.
  std::ofstream(impl_->server->workdir() + "/rfcheck-canary.txt") << canary_ << "\n";
  return {};
}

void Campaign::restart_server() {
  if (!options_.profile.launch || !impl_->server) return;
  impl_->server->stop();
  ensure_server();
}

int Campaign::port() const { return impl_->executor->options().port; }

void Campaign::stop() {
  if (impl_ && impl_->server) impl_->server->stop();
}

bool Campaign::responsive(milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::string error;
  auto stream = impl_->network->connect(impl_->executor->options().host,
                                        impl_->executor->options().port, deadline, &error);
  if (!stream) return false;
  Recorder recorder;
  ControlConnection probe("probe", std::move(stream), protocol_, recorder);
  auto got = probe.next_reply(deadline);
  probe.close();
  return got.status == ControlConnection::Status::kOk;
}

std::vector<Candidate> Campaign::evaluate(const Session& session, Execution* execution) {
  std::vector<Candidate> out;
  if (auto error = ensure_server(); !error.empty()) {
    log("cannot restart the server: " + error);
    return out;
  }
  impl_->coverage.clear();
  Execution ex = impl_->executor->play(session);
  const std::string verb = key_verb(model_, ex.last_command);
  auto add = [&](FindingKind kind, std::string signature, std::string message, std::string ref,
                 std::string report = {}) {
    if (options_.disabled.count(kind)) return;
    Candidate c;
    c.kind = kind;
    c.signature = std::move(signature);
    c.key = finding_key(kind, c.signature);
    for (const auto& seen : out) {
      if (seen.key == c.key) return;
    }
    c.message = std::move(message);
    c.ref = std::move(ref);
    c.command = ex.last_command;
    c.phase = ex.last_phase;
    c.sanitizer_report = std::move(report);
    out.push_back(std::move(c));
  };

  // Unanswered commands, or a connection the server ended: is it still serving?
  const bool silent = std::any_of(ex.observations.begin(), ex.observations.end(), [](const auto& o) {
    return o.kind == Observation::Kind::kSilence;
  });
  const bool abnormal =
      !ex.connected || (ex.closed_by_server && base_phase(ex.last_phase) != "closed");
  // What the server wrote meanwhile: a sanitizer report already there needs no probe.
  std::string err = impl_->server ? impl_->server->stderr_since(&impl_->stderr_offset) : "";
  bool unresponsive = false;
  if ((silent || abnormal) && find_sanitizer_report(err) == std::string::npos &&
      (!impl_->server || impl_->server->alive())) {
    unresponsive = !responsive(options_.hang_timeout);
  }

  // Crash: the server died, or a sanitizer reported (a forked child may die alone, and a
  // dying server may still be writing its report).
  bool crashed = false;
  if (impl_->server) {
    LaunchedServer& server = *impl_->server;
    err += server.stderr_since(&impl_->stderr_offset);
    bool alive = server.alive();
    if (find_sanitizer_report(err) != std::string::npos || unresponsive) {
      // Let the report finish (symbolizing can take seconds) and a dying server die, so the
      // next session does not meet its remains: until "ABORTING" (ASan's last line), the
      // process ends, or half a second after a SUMMARY line (a report that does not abort).
      // With no report at all, a second is enough to see whether one starts.
      const auto start = Clock::now();
      std::optional<Clock::time_point> summary;
      while (alive && err.find("ABORTING") == std::string::npos) {
        const auto now = Clock::now();
        const bool reported = find_sanitizer_report(err) != std::string::npos;
        if (!summary && err.find("SUMMARY: ") != std::string::npos) summary = now;
        if (now - start > std::chrono::seconds(reported ? 10 : 1)) break;
        if (summary && now - *summary > milliseconds(500)) break;
        std::this_thread::sleep_for(milliseconds(5));
        err += server.stderr_since(&impl_->stderr_offset);
        alive = server.alive();
      }
      if (err.find("ABORTING") != std::string::npos) {
        for (int i = 0; i < 200 && alive; ++i) {  // it aborts right after
          std::this_thread::sleep_for(milliseconds(5));
          alive = server.alive();
        }
      }
      err += server.stderr_since(&impl_->stderr_offset);
    }
    const auto at = find_sanitizer_report(err);
    if (at != std::string::npos || !alive) {
      crashed = true;
      std::string report = at == std::string::npos ? std::string() : err.substr(at, 64 * 1024);
      std::string signature = stack_signature(report, &impl_->symbolizer);
      std::string message = report.empty() ? "the server " + server.exit_description()
                                           : report_headline(report);
      if (signature.empty()) signature = message + "|" + verb;
      add(FindingKind::kCrash, signature, message, "", report);
    }
  } else if (!ex.connected) {
    crashed = true;
    add(FindingKind::kCrash, "unreachable|" + verb, "the server stopped accepting connections",
        "");
  }

  // Hang: a command went unanswered, and the server, alive, answers no one any more.
  if (!crashed && unresponsive && silent) {
    add(FindingKind::kHang, "hang|" + verb,
        "the server stopped answering (no greeting on a new connection within " +
            std::to_string(options_.hang_timeout.count()) + " ms) after " + verb,
        "");
  }
  if (unresponsive && !crashed) restart_server();

  for (const auto& o : ex.observations) {
    if (o.kind == Observation::Kind::kSilence) continue;
    add(kind_of(o.kind), observation_signature(model_, o), o.message, o.ref);
  }
  if (execution) *execution = std::move(ex);
  return out;
}

void Campaign::learn_baseline(const std::vector<BaselineSession>& sessions) {
  for (const BaselineSession& listed : sessions) {
    for (const Candidate& c : evaluate(listed.session)) {
      if (c.kind == FindingKind::kCrash || c.kind == FindingKind::kHang) continue;
      baseline_known_.try_emplace(c.key, KnownFinding{c.key, c.kind, c.message, listed.case_id, listed.reason, 0});
    }
  }
  if (!baseline_known_.empty()) {
    log("the baseline's cases show " + std::to_string(baseline_known_.size()) +
        " known protocol findings; they are counted, not reported as new");
  }
}

bool Campaign::run_one(const Session& session) {
  feedback_.begin();
  Execution ex;
  auto candidates = evaluate(session, &ex);
  // A server that died before this session got its greeting crashed on the previous one.
  const bool never_greeted = !ex.connected || ex.transitions.empty();
  const Session& culprit = never_greeted && !previous_.actions.empty() ? previous_ : session;
  feedback_.add_transitions(ex);
  feedback_.add_edges(impl_->coverage.data(), kCoverageMapSize);
  ++executions_;
  bool found_new = false, known_crash = false;
  for (const auto& c : candidates) {
    if (auto known = baseline_known_.find(c.key); known != baseline_known_.end()) {
      ++known->second.hits;
      continue;
    }
    if (impl_->store->claim(c.key)) {
      ++known_findings_;
      found_new = true;
      triage(c, culprit);
    } else {
      impl_->store->hit(c.key);
      known_crash = known_crash || c.kind == FindingKind::kCrash || c.kind == FindingKind::kHang;
    }
  }
  previous_ = session;
  sample();
  return found_new || !known_crash;
}

void Campaign::sample() {
  const double now = elapsed_seconds();
  if (last_sample_ >= 0 && now - last_sample_ < 1.0) return;
  last_sample_ = now;
  samples_.push_back({now, executions_, feedback_.states(), feedback_.edges(), known_findings_});
}

void Campaign::triage(const Candidate& c, const Session& session) {
  FuzzFinding f;
  f.key = c.key;
  f.kind = c.kind;
  f.message = c.message;
  f.ref = c.ref;
  f.command = c.command;
  f.phase = c.phase;
  // Only a new finding's report is symbolized in full (every stack, with file and line).
  f.sanitizer_report = c.sanitizer_report.empty() ? std::string()
                                                  : impl_->symbolizer.symbolized_text(c.sanitizer_report);
  f.stack_signature = c.signature;
  f.first_seen_seconds = elapsed_seconds();
  f.original_actions = session.actions.size();
  log("NEW " + std::string(to_string(c.kind)) + " " + c.key + ": " + c.message + " (after " +
      c.command + ")");

  const Reproduces reproduces = [&](const Session& s) {
    // A hang leaves the server stuck: each replay needs a fresh one.
    if (c.kind == FindingKind::kHang) restart_server();
    for (const auto& again : evaluate(s)) {
      if (again.key == c.key) return true;
    }
    return false;
  };
  f.confirmed = reproduces(session);
  Session minimized = session;
  if (f.confirmed && options_.minimize) {
    std::size_t replays = 0;
    // A hang replay costs a server restart and the whole hang timeout: spend fewer.
    const std::size_t budget = c.kind == FindingKind::kHang
                                   ? std::min<std::size_t>(options_.minimize_replays, 20)
                                   : options_.minimize_replays;
    minimized = minimize(session, reproduces, {budget}, &replays);
    log("  minimized " + std::to_string(session.actions.size()) + " -> " +
        std::to_string(minimized.actions.size()) + " actions in " + std::to_string(replays) +
        " replays");
  } else if (!f.confirmed) {
    log("  not confirmed on replay (kept, marked unconfirmed)");
  }
  f.minimized_actions = minimized.actions.size();
  Execution ex;
  evaluate(minimized, &ex);
  f.transcript = ex.transcript;
  const std::string yaml = export_case_yaml(minimized, ex.played, f, model_, canary_);
  f.hits = 1;
  impl_->store->save(f, encode(session), encode(minimized), yaml);
  log("  reproducer: " + f.reproducer_yaml);
  if (f.confirmed && options_.crash_on_finding) {
    log("  --crash-on-finding: aborting so libFuzzer keeps this input");
    std::abort();
  }
}

CampaignSummary Campaign::summary() {
  CampaignSummary s;
  s.target = options_.profile.name;
  s.protocol = options_.profile.protocol;
  s.mode = grey_box() ? "grey-box" : "black-box";
  s.seconds = elapsed_seconds();
  s.executions = executions_;
  s.server_restarts = restarts_;
  s.findings = impl_->store->load_all();
  for (auto& f : s.findings) f.hits = std::max<std::uint64_t>(f.hits, 1) + impl_->store->hits(f.key);
  for (const auto& [key, known] : baseline_known_) s.known.push_back(known);
  s.coverage = samples_;
  if (!samples_.empty() && samples_.back().executions != executions_) {
    s.coverage.push_back({s.seconds, executions_, feedback_.states(), feedback_.edges(), known_findings_});
  }
  return s;
}

}  // namespace rfcheck::fuzz
