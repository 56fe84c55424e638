#include "target/launcher.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "core/template.h"
#include "core/text_file.h"
#include "target/confine.h"
#include "target/free_port.h"
#include "target/listen_probe.h"
#include "target/process_tree.h"
#include "target/spawn.h"

namespace rfcheck {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kPollInterval{20};
constexpr milliseconds kStopGrace{3000};
constexpr milliseconds kPrepareTimeout{60'000};
constexpr milliseconds kTreeRefresh{200};

std::string indent_tail(const std::string& text) {
  if (text.empty()) return " (nothing on stderr)";
  return "; stderr:\n" + text;
}

bool write_file(const fs::path& path, const std::string& content, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) {
    error = "cannot write " + path.string();
    return false;
  }
  ::chmod(path.c_str(), 0644);
  return true;
}

std::string sanitize_name(const std::string& name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
  return out.substr(0, 32);
}

bool is_inside_relative(const std::string& path) {
  if (path.empty()) return false;
  fs::path p(path);
  if (p.is_absolute()) return false;
  for (const auto& part : p) {
    if (part == "..") return false;
  }
  return true;
}

}  // namespace

struct LaunchedServer::Impl {
  std::string name;
  std::string host;
  int port = 0;
  std::string workdir;
  std::optional<std::pair<int, int>> passive;
  pid_t pid = -1;
  std::optional<int> wait_status;  // set once reaped; -1 when someone else reaped it
  bool stopped = false;
  std::vector<ProcessRef> known_tree;  // descendants seen so far, for ones that get reparented
  Clock::time_point tree_seen;
  std::vector<std::string> notes;
  // The runner asks after every case: scan only what stderr gained since the last look.
  std::uint64_t stderr_scanned = 0;  // bytes already searched
  std::string stderr_overlap;        // their tail, for a marker split across two looks
  bool sanitizer_report = false;
  // What start ran, so that restart can run it again in the same workdir, on the same port.
  SpawnOptions spawned;
  milliseconds ready_timeout{0};
  int restarts = 0;

  std::string stderr_path() const { return workdir + "/stderr.log"; }

  // True once the server has exited (reaped now or before).
  bool reap_nonblocking() {
    if (pid <= 0) return true;
    if (wait_status) return true;
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      wait_status = status;
    } else if (r < 0 && errno == ECHILD) {
      wait_status = -1;
    }
    return wait_status.has_value();
  }

  void remember_tree(bool force) {
    if (wait_status || pid <= 0) return;
    auto now = Clock::now();
    if (!force && now - tree_seen < kTreeRefresh) return;
    tree_seen = now;
    for (const auto& ref : collect_process_tree({pid}, pid)) {
      bool known = false;
      for (const auto& k : known_tree) known = known || (k.pid == ref.pid && k.start_time == ref.start_time);
      if (!known) known_tree.push_back(ref);
    }
  }

  std::string describe_exit() const {
    if (!wait_status) return "running";
    if (*wait_status == -1) return "exited (status unknown: reaped elsewhere)";
    return describe_wait_status(*wait_status);
  }
};

LaunchedServer::LaunchedServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LaunchedServer::~LaunchedServer() {
  stop();
  if (impl_->passive) release_port_block(*impl_->passive);
  const char* keep = std::getenv("RFCHECK_KEEP_WORKDIR");
  if (!impl_->workdir.empty() && !(keep && std::string(keep) == "1")) {
    std::error_code ec;
    fs::remove_all(impl_->workdir, ec);
  }
}

int LaunchedServer::port() const { return impl_->port; }
const std::string& LaunchedServer::host() const { return impl_->host; }
const std::string& LaunchedServer::workdir() const { return impl_->workdir; }
pid_t LaunchedServer::pid() const { return impl_->pid; }

bool LaunchedServer::alive() {
  if (impl_->pid <= 0) return false;
  if (impl_->reap_nonblocking()) return false;
  impl_->remember_tree(false);
  return true;
}

std::string LaunchedServer::exit_description() {
  alive();
  return impl_->describe_exit();
}

std::string LaunchedServer::stderr_tail(std::size_t max_bytes) {
  return read_file_tail(impl_->stderr_path(), max_bytes);
}

namespace {
const char* const kMarkers[] = {
    "ERROR: AddressSanitizer",  "ERROR: LeakSanitizer",  "ERROR: MemorySanitizer",
    "WARNING: ThreadSanitizer", "ERROR: ThreadSanitizer", "ERROR: UndefinedBehaviorSanitizer",
    "ERROR: HWAddressSanitizer", "SUMMARY: UndefinedBehaviorSanitizer", ": runtime error: "};
}  // namespace

std::size_t find_sanitizer_report(std::string_view text) {
  std::size_t first = std::string_view::npos;
  for (const char* marker : kMarkers) {
    auto at = text.find(marker);
    if (at == std::string_view::npos) continue;
    // Back to the start of the line ("==1234==ERROR: ...", "file.c:3:5: runtime error: ...").
    const auto line = text.rfind('\n', at);
    at = line == std::string_view::npos ? 0 : line + 1;
    first = std::min(first, at);
  }
  return first;
}

std::string LaunchedServer::stderr_since(std::uint64_t* offset, std::size_t max_bytes) {
  std::ifstream in(impl_->stderr_path(), std::ios::binary);
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uint64_t>(std::max<std::streamoff>(in.tellg(), 0));
  if (size <= *offset) return {};
  in.seekg(static_cast<std::streamoff>(*offset));
  std::string out(static_cast<std::size_t>(std::min<std::uint64_t>(size - *offset, max_bytes)), '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<std::size_t>(in.gcount()));
  *offset += out.size();
  return out;
}

bool LaunchedServer::stderr_has_sanitizer_report() {
  if (impl_->sanitizer_report) return true;
  std::ifstream in(impl_->stderr_path(), std::ios::binary);
  in.seekg(static_cast<std::streamoff>(impl_->stderr_scanned));
  // Chunks overlap by the longest marker so a marker across a chunk boundary is found.
  constexpr std::size_t kChunk = 64 * 1024, kOverlap = 64;
  std::string window = std::move(impl_->stderr_overlap);
  std::string chunk(kChunk, '\0');
  while (in) {
    in.read(chunk.data(), kChunk);
    const auto got = static_cast<std::size_t>(in.gcount());
    impl_->stderr_scanned += got;
    window.append(chunk.data(), got);
    for (const char* marker : kMarkers) {
      if (window.find(marker) != std::string::npos) return impl_->sanitizer_report = true;
    }
    if (window.size() > kOverlap) window.erase(0, window.size() - kOverlap);
  }
  impl_->stderr_overlap = std::move(window);
  return false;
}

void LaunchedServer::stop() {
  Impl& s = *impl_;
  if (s.stopped || s.pid <= 0) return;
  s.stopped = true;
  s.reap_nonblocking();

  // Everything to stop, collected before the first signal: once the server dies, its children
  // are reparented and no longer findable as its descendants.
  std::vector<pid_t> roots;
  if (!s.wait_status) roots.push_back(s.pid);
  for (const auto& ref : s.known_tree) {
    if (ref.pid != s.pid && process_is_running(ref)) roots.push_back(ref.pid);
  }
  std::vector<ProcessRef> tree = collect_process_tree(roots, s.pid);
  // Daemonized descendants (own session, parent gone) were reparented to us: they are found
  // only as our children we never spawned. Other servers of this process cannot tell theirs
  // apart, so all go; rfcheck runs one server per target at a time.
  const std::vector<ProcessRef> orphans = adopted_orphans(spawned_here);
  tree.insert(tree.end(), orphans.begin(), orphans.end());

  bool main_running = !s.wait_status;
  if (main_running) ::kill(-s.pid, SIGTERM);  // the group is ours while the leader is unreaped
  int termed = 0;
  for (const auto& ref : tree) {
    if (process_is_running(ref)) {
      ::kill(ref.pid, SIGTERM);
      ++termed;
    }
  }

  auto remaining = [&] {
    std::vector<ProcessRef> left;
    for (const auto& ref : tree) {
      if (ref.pid == s.pid && s.wait_status) continue;
      if (process_is_running(ref)) left.push_back(ref);
    }
    return left;
  };
  auto deadline = Clock::now() + kStopGrace;
  std::vector<ProcessRef> left;
  while (true) {
    s.reap_nonblocking();
    left = remaining();
    if (left.empty() || Clock::now() >= deadline) break;
    std::this_thread::sleep_for(milliseconds(10));
  }
  for (const auto& ref : left) {
    if (process_is_running(ref)) ::kill(ref.pid, SIGKILL);
  }
  if (!s.wait_status) {
    if (auto status = wait_until(s.pid, Clock::now() + milliseconds(2000))) s.wait_status = *status;
  }
  // As their subreaper we reap the orphans too, or they stay zombies while rfcheck runs.
  for (const auto& ref : orphans) wait_until(ref.pid, Clock::now() + milliseconds(500));
  std::string note = "stopped: SIGTERM to " + std::to_string(termed) + " process(es)";
  if (!left.empty()) note += ", SIGKILL to " + std::to_string(left.size()) + " that remained after 3 s";
  note += "; server " + s.describe_exit();
  s.notes.push_back(note);
}

std::vector<std::string> LaunchedServer::log() { return impl_->notes; }

int LaunchedServer::restarts() const { return impl_->restarts; }

std::string LaunchedServer::restart() {
  Impl& s = *impl_;
  if (s.spawned.argv.empty()) return "the server was never started";
  stop();  // whatever the dead server left running, and its exit status
  ++s.restarts;
  // The old stderr stays readable beside the new one; the new server's is scanned from 0.
  std::error_code ec;
  fs::rename(s.stderr_path(), s.workdir + "/stderr.before-restart-" + std::to_string(s.restarts) +
                                  ".log", ec);
  s.stopped = false;
  s.wait_status.reset();
  s.known_tree.clear();
  s.stderr_scanned = 0;
  s.stderr_overlap.clear();
  s.sanitizer_report = false;
  std::string error;
  const auto started = Clock::now();
  s.pid = spawn_process(s.spawned, error);
  if (s.pid < 0) return "restart failed: " + error;
  s.notes.push_back("restarted (" + std::to_string(s.restarts) + "): pid " + std::to_string(s.pid));
  while (!port_is_listening(s.port)) {
    if (s.reap_nonblocking()) {
      return "the restarted server " + s.describe_exit() + " before listening" +
             indent_tail(stderr_tail(4096));
    }
    if (Clock::now() >= started + s.ready_timeout) {
      stop();
      return "the restarted server was not listening after " +
             std::to_string(s.ready_timeout.count()) + " ms; stopped it";
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  s.remember_tree(true);
  return {};
}

std::variant<std::unique_ptr<LaunchedServer>, std::string> LaunchedServer::start(
    const TargetProfile& profile, const std::vector<FixtureFile>& fixtures, LaunchNeeds needs) {
  if (!profile.launch) return std::string("the target profile has no launch: section");
  const LaunchSpec& launch = *profile.launch;
  if (launch.command.empty()) return std::string("launch.command is empty");

  auto impl = std::make_unique<Impl>();
  impl->name = profile.name;
  impl->host = profile.host;

  // Ports.
  if (profile.port) {
    impl->port = *profile.port;
    if (port_is_listening(impl->port) || !port_is_bindable(impl->host, impl->port)) {
      return "port " + std::to_string(impl->port) + " on " + impl->host + " is already in use";
    }
  } else {
    auto port = pick_free_port(impl->host);
    if (!port) return "cannot find a free port on " + impl->host + " (host must be a numeric address)";
    impl->port = *port;
  }
  if (needs.data_ports) {
    impl->passive = pick_free_port_block(impl->host, 20, {impl->port});
    if (!impl->passive) return std::string("cannot find 20 free consecutive ports for passive mode");
  }

  // Workdir: private name, but traversable by the server's unprivileged children.
  std::string pattern = "/tmp/rfcheck-" + sanitize_name(profile.name) + "-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!::mkdtemp(buffer.data())) {
    if (impl->passive) release_port_block(*impl->passive);
    return "mkdtemp " + pattern + ": " + std::strerror(errno);
  }
  impl->workdir = buffer.data();
  ::chmod(impl->workdir.c_str(), 0755);
  std::unique_ptr<LaunchedServer> server(new LaunchedServer(std::move(impl)));
  Impl& s = *server->impl_;
  s.notes.push_back("workdir " + s.workdir);

  const char* keep = std::getenv("RFCHECK_KEEP_WORKDIR");
  const std::string kept = (keep && std::string(keep) == "1")
                               ? " (workdir kept: " + s.workdir + ")"
                               : " (set RFCHECK_KEEP_WORKDIR=1 to keep the workdir)";

  if (!is_inside_relative(launch.root)) return "launch.root must be a relative path: " + launch.root;
  const std::string root = s.workdir + "/" + launch.root;

  std::map<std::string, std::string> vars = profile.variables;
  vars["port"] = std::to_string(s.port);
  vars["host"] = s.host;
  vars["workdir"] = s.workdir;
  vars["root"] = root;
  if (s.passive) {
    vars["pasv_min"] = std::to_string(s.passive->first);
    vars["pasv_max"] = std::to_string(s.passive->second);
  }
  const std::string where = launch.where.line > 0      ? launch.where.describe()
                            : !profile.file.empty() ? profile.file
                                                    : std::string("profile");
  auto expand = [&](const std::string& text) -> std::optional<std::string> {
    TemplateResult r = expand_template(text, vars);
    if (r.ok()) return r.text;
    return std::nullopt;
  };
  auto expand_error = [&](const std::string& text, const std::string& what) {
    TemplateResult r = expand_template(text, vars);
    std::string out = where + ": " + what + ": ";
    for (const auto& name : r.missing) out += "unknown variable {" + name + "}; ";
    for (const auto& e : r.errors) out += e + "; ";
    return out.substr(0, out.size() - 2);
  };

  // Files, then fixtures, then prepare commands.
  std::string error;
  for (const auto& [name, content] : launch.files) {
    if (!is_inside_relative(name)) return where + ": launch.files: not a relative path: " + name;
    auto text = expand(content);
    if (!text) return expand_error(content, "launch.files." + name);
    if (!write_file(fs::path(s.workdir) / name, *text, error)) return error;
  }
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return "cannot create " + root + ": " + ec.message();
  ::chmod(root.c_str(), 0755);
  for (const auto& fixture : fixtures) {
    if (!is_inside_relative(fixture.name)) return "fixture file name is not a relative path: " + fixture.name;
    if (!write_file(fs::path(root) / fixture.name, fixture.content, error)) return error;
  }
  int index = 0;
  for (const auto& command : launch.prepare) {
    std::vector<std::string> argv;
    for (const auto& arg : command) {
      auto text = expand(arg);
      if (!text) return expand_error(arg, "launch.prepare");
      argv.push_back(*text);
    }
    std::string err_path = s.workdir + "/prepare-" + std::to_string(++index) + ".stderr.log";
    pid_t pid = spawn_process({argv, {}, s.workdir, "/dev/null", err_path, {}, {}}, error);
    if (pid < 0) return "launch.prepare: " + error;
    auto status = wait_until(pid, Clock::now() + kPrepareTimeout);
    if (!status) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      wait_until(pid, Clock::now() + milliseconds(2000));
      return "launch.prepare: " + quote_argv(argv) + " did not finish within 60 s";
    }
    if (*status != 0) {
      return "launch.prepare: " + quote_argv(argv) + " " + describe_wait_status(*status) +
             indent_tail(read_file_tail(err_path, 4096));
    }
    s.notes.push_back("prepare: " + quote_argv(argv));
  }

  // The server.
  std::vector<std::string> argv;
  for (const auto& arg : launch.command) {
    auto text = expand(arg);
    if (!text) return expand_error(arg, "launch.command");
    argv.push_back(*text);
  }
  std::map<std::string, std::string> env;
  for (const auto& [name, value] : launch.environment) {
    auto text = expand(value);
    if (!text) return expand_error(value, "launch.env." + name);
    env[name] = *text;
  }
  auto started = Clock::now();
  s.spawned = {argv,
               env,
               s.workdir,
               s.workdir + "/stdout.log",
               s.stderr_path(),
               launch.memory_limit_bytes,
               launch.cpu_limit,
               launch.process_limit,
               launch.file_size_limit,
               {},
               false};
  if (!launch.user.empty()) {
    auto ids = resolve_user(launch.user, error);
    if (!ids) return where + ": launch.user: " + error;
    if (auto err = give_tree_to(s.workdir, *ids); !err.empty()) return err;
    s.spawned.run_as = ids;
  }
  s.ready_timeout = launch.ready_timeout;
  s.pid = spawn_process(s.spawned, error);
  if (s.pid < 0) return error;
  s.notes.push_back("command: " + quote_argv(argv));
  s.notes.push_back("pid " + std::to_string(s.pid));

  // Readiness: the port in LISTEN state, watched from /proc without connecting.
  auto deadline = started + launch.ready_timeout;
  while (true) {
    if (port_is_listening(s.port)) break;
    if (s.reap_nonblocking()) {
      return "the server " + s.describe_exit() + " before listening on port " +
             std::to_string(s.port) + kept + indent_tail(server->stderr_tail(4096));
    }
    if (Clock::now() >= deadline) {
      server->stop();
      return "the server was not listening on port " + std::to_string(s.port) + " after " +
             std::to_string(launch.ready_timeout.count()) + " ms; stopped it" + kept +
             indent_tail(server->stderr_tail(4096));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - started).count();
  s.notes.push_back("listening on " + s.host + ":" + std::to_string(s.port) + " after " +
                    std::to_string(took) + " ms");
  s.remember_tree(true);
  return server;
}

}  // namespace rfcheck
