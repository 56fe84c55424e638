// Launches real processes: small python3 servers, and vsftpd from targets/vsftpd.yaml.
// Every process a test starts is stopped by the test, by its pid.
#include "target/launcher.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "spec/target_loader.h"
#include "target/listen_probe.h"
#include "target/process_tree.h"

namespace rfcheck {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kPython = "/usr/bin/python3";

// Listens on argv[1] and sleeps; optional behaviour before listening via `prelude`.
std::string listener_script(const std::string& prelude = "", const std::string& after = "time.sleep(60)") {
  return "import os, signal, socket, sys, time\n" + prelude +
         "s = socket.socket()\n"
         "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
         "s.bind(('127.0.0.1', int(sys.argv[1])))\n"
         "s.listen()\n" +
         after + "\n";
}

TargetProfile python_profile(const std::string& script, std::vector<std::string> extra_args = {"{port}"}) {
  TargetProfile profile;
  profile.name = "py-test";
  profile.protocol = "smtp";
  LaunchSpec launch;
  launch.command = {kPython, "-c", script};
  for (auto& arg : extra_args) launch.command.push_back(arg);
  launch.ready_timeout = 10s;
  profile.launch = launch;
  return profile;
}

std::unique_ptr<LaunchedServer> must_start(const TargetProfile& profile,
                                           const std::vector<FixtureFile>& fixtures = {},
                                           LaunchNeeds needs = {}) {
  auto result = LaunchedServer::start(profile, fixtures, needs);
  if (auto* error = std::get_if<std::string>(&result)) {
    ADD_FAILURE() << "start failed: " << *error;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<LaunchedServer>>(result));
}

std::string start_error(const TargetProfile& profile) {
  auto result = LaunchedServer::start(profile, {});
  if (auto* error = std::get_if<std::string>(&result)) return *error;
  ADD_FAILURE() << "started unexpectedly";
  return {};
}

// Running = exists and not a zombie. Reads /proc directly, independent of the code under test.
bool running(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(in, text)) return false;
  auto close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

bool eventually_gone(pid_t pid) {
  for (int i = 0; i < 300 && running(pid); ++i) std::this_thread::sleep_for(10ms);
  return !running(pid);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

pid_t wait_for_pid_file(const std::string& path) {
  for (int i = 0; i < 500; ++i) {
    std::string text = read_file(path);
    if (!text.empty() && text.back() == '\n') return std::stoi(text);
    std::this_thread::sleep_for(10ms);
  }
  return -1;
}

// A private folder for files the test reads after the server's workdir is gone.
class LauncherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rfcheck-launcher-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    // Safety net: a test that failed halfway still stops what it started, by pid.
    for (pid_t pid : started_) {
      if (running(pid)) ::kill(pid, SIGKILL);
    }
    fs::remove_all(dir_);
  }
  std::string path(const std::string& name) { return (dir_ / name).string(); }

  fs::path dir_;
  std::vector<pid_t> started_;
};

TEST_F(LauncherTest, StartsWaitsForListenAndStops) {
  auto server = must_start(python_profile(listener_script()));
  ASSERT_TRUE(server);
  started_.push_back(server->pid());
  EXPECT_EQ(server->host(), "127.0.0.1");
  EXPECT_GT(server->port(), 0);
  EXPECT_TRUE(port_is_listening(server->port()));
  EXPECT_TRUE(server->alive());
  EXPECT_EQ(server->exit_description(), "running");
  std::string workdir = server->workdir();
  EXPECT_TRUE(fs::is_directory(workdir));
  EXPECT_EQ(fs::status(workdir).permissions() & fs::perms::all, fs::perms(0755));
  EXPECT_TRUE(fs::is_directory(workdir + "/root"));

  auto log = server->log();
  ASSERT_GE(log.size(), 4u);
  std::string joined;
  for (const auto& line : log) joined += line + "\n";
  EXPECT_NE(joined.find("command: /usr/bin/python3 -c"), std::string::npos) << joined;
  EXPECT_NE(joined.find("pid " + std::to_string(server->pid())), std::string::npos) << joined;
  EXPECT_NE(joined.find("listening on 127.0.0.1:" + std::to_string(server->port()) + " after "),
            std::string::npos) << joined;

  pid_t pid = server->pid();
  server->stop();
  EXPECT_FALSE(running(pid));
  EXPECT_FALSE(server->alive());
  EXPECT_EQ(server->exit_description(), "killed by signal 15 (SIGTERM)");
  EXPECT_NE(server->log().back().find("stopped"), std::string::npos);
  server->stop();  // idempotent
  server.reset();
  EXPECT_FALSE(fs::exists(workdir));
}

TEST_F(LauncherTest, WritesFilesAndFixturesAndRunsPrepare) {
  auto profile = python_profile(listener_script());
  profile.protocol = "ftp";
  profile.variables["user"] = "alice";
  profile.launch->files["conf/server.conf"] =
      "port={port} host={host} root={root} pasv={pasv_min}-{pasv_max} user={user} {{literal}}\n";
  profile.launch->root = "ftp";
  profile.launch->prepare = {{"/bin/sh", "-c", "echo prepared > {workdir}/prepared.txt"}};
  profile.launch->environment["RFCHECK_TEST_VALUE"] = "on port {port}";
  std::vector<FixtureFile> fixtures = {{"text", "hello.txt", "line one\nline two\n"},
                                       {"binary", "data.bin", std::string("\0\r\n\xff", 4)}};
  auto server = must_start(profile, fixtures, {.data_ports = true});
  ASSERT_TRUE(server);
  started_.push_back(server->pid());
  const std::string w = server->workdir();
  const std::string conf = read_file(w + "/conf/server.conf");
  const std::string port = std::to_string(server->port());
  EXPECT_EQ(conf.rfind("port=" + port + " host=127.0.0.1 root=" + w + "/ftp pasv=", 0), 0u) << conf;
  EXPECT_NE(conf.find(" user=alice {literal}\n"), std::string::npos) << conf;
  int pasv_min = 0, pasv_max = 0;
  ASSERT_EQ(std::sscanf(conf.c_str() + conf.find("pasv=") + 5, "%d-%d", &pasv_min, &pasv_max), 2);
  EXPECT_EQ(pasv_max - pasv_min, 19);
  EXPECT_TRUE(server->port() < pasv_min || server->port() > pasv_max);
  EXPECT_EQ(read_file(w + "/ftp/hello.txt"), "line one\nline two\n");
  EXPECT_EQ(read_file(w + "/ftp/data.bin"), std::string("\0\r\n\xff", 4));
  EXPECT_EQ(fs::status(w + "/ftp/data.bin").permissions() & fs::perms::all, fs::perms(0644));
  EXPECT_EQ(read_file(w + "/prepared.txt"), "prepared\n");
  std::string environ = read_file("/proc/" + std::to_string(server->pid()) + "/environ");
  EXPECT_NE(environ.find(std::string("RFCHECK_TEST_VALUE=on port ") + port + '\0'), std::string::npos);
  server->stop();
}

TEST_F(LauncherTest, AppliesLimitsAndCapturesOutput) {
  auto profile = python_profile(listener_script(
      "import resource\n"
      "print(resource.getrlimit(resource.RLIMIT_AS), resource.getrlimit(resource.RLIMIT_CPU), flush=True)\n"
      "print('==42==ERROR: AddressSanitizer: heap-use-after-free on address 0x1', file=sys.stderr, flush=True)\n"
      "print('fds', sorted(int(f) for f in os.listdir('/proc/self/fd')), 'sid', os.getsid(0) == os.getpid(), flush=True)\n"));
  profile.launch->memory_limit_bytes = std::size_t{1} << 30;
  profile.launch->cpu_limit = std::chrono::seconds(30);
  auto server = must_start(profile);
  ASSERT_TRUE(server);
  started_.push_back(server->pid());
  std::string out = read_file(server->workdir() + "/stdout.log");
  EXPECT_NE(out.find("(1073741824, 1073741824) (30, 35)"), std::string::npos) << out;
  // Only stdin/stdout/stderr (and the listdir's own fd) are open in the server; it leads its session.
  EXPECT_NE(out.find("fds [0, 1, 2, 3] sid True"), std::string::npos) << out;
  EXPECT_NE(server->stderr_tail().find("ERROR: AddressSanitizer: heap-use-after-free"), std::string::npos);
  EXPECT_EQ(server->stderr_tail(4), "0x1\n");
  EXPECT_TRUE(server->stderr_has_sanitizer_report());
  server->stop();
}

TEST_F(LauncherTest, NoSanitizerReportInPlainStderr) {
  auto server = must_start(python_profile(listener_script("print('warning: all fine', file=sys.stderr, flush=True)\n")));
  ASSERT_TRUE(server);
  started_.push_back(server->pid());
  EXPECT_EQ(server->stderr_tail(), "warning: all fine\n");
  EXPECT_FALSE(server->stderr_has_sanitizer_report());
  server->stop();
}

// The runner asks after every case and only new stderr is searched: a report written after
// an earlier look, even split across two looks, is still found.
TEST_F(LauncherTest, FindsASanitizerReportWrittenAfterAnEarlierLook) {
  auto server = must_start(python_profile(listener_script(
      "", "time.sleep(0.4)\n"
          "sys.stderr.write('==7==ERROR: Address'); sys.stderr.flush()\n"
          "time.sleep(0.4)\n"
          "sys.stderr.write('Sanitizer: SEGV on unknown address\\n'); sys.stderr.flush()\n"
          "time.sleep(60)")));
  ASSERT_TRUE(server);
  started_.push_back(server->pid());
  EXPECT_FALSE(server->stderr_has_sanitizer_report());
  bool found = false;
  for (int i = 0; i < 100 && !found; ++i) {
    std::this_thread::sleep_for(50ms);
    found = server->stderr_has_sanitizer_report();
  }
  EXPECT_TRUE(found) << server->stderr_tail();
  server->stop();
}

TEST_F(LauncherTest, ReportsAnEarlyExitWithStatusAndStderr) {
  std::string error = start_error(
      python_profile("import sys\nsys.stderr.write('bad config: line 3\\n')\nsys.exit(3)\n"));
  EXPECT_NE(error.find("the server exited with status 3 before listening on port"), std::string::npos) << error;
  EXPECT_NE(error.find("bad config: line 3"), std::string::npos) << error;
}

TEST_F(LauncherTest, ReportsACrashBySignal) {
  std::string error = start_error(python_profile("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"));
  EXPECT_NE(error.find("killed by signal 11 (SIGSEGV)"), std::string::npos) << error;
}

TEST_F(LauncherTest, TimesOutWhenNeverListeningAndLeavesNothingRunning) {
  auto profile = python_profile(
      "import os, sys, time\nopen(sys.argv[1], 'w').write('%d\\n' % os.getpid())\ntime.sleep(60)\n",
      {path("pid")});
  profile.launch->ready_timeout = 300ms;
  auto began = std::chrono::steady_clock::now();
  std::string error = start_error(profile);
  EXPECT_LT(std::chrono::steady_clock::now() - began, 5s);
  EXPECT_NE(error.find("was not listening on port"), std::string::npos) << error;
  EXPECT_NE(error.find("after 300 ms; stopped it"), std::string::npos) << error;
  pid_t pid = wait_for_pid_file(path("pid"));
  ASSERT_GT(pid, 0);
  started_.push_back(pid);
  EXPECT_TRUE(eventually_gone(pid));
}

TEST_F(LauncherTest, KillsAServerThatIgnoresTerm) {
  auto server = must_start(python_profile(listener_script("signal.signal(signal.SIGTERM, signal.SIG_IGN)\n")));
  ASSERT_TRUE(server);
  pid_t pid = server->pid();
  started_.push_back(pid);
  auto began = std::chrono::steady_clock::now();
  server->stop();
  auto took = std::chrono::steady_clock::now() - began;
  EXPECT_GE(took, 2900ms);
  EXPECT_LT(took, 6s);
  EXPECT_FALSE(running(pid));
  EXPECT_EQ(server->exit_description(), "killed by signal 9 (SIGKILL)");
  EXPECT_NE(server->log().back().find("SIGKILL to 1"), std::string::npos) << server->log().back();
}

// Like vsftpd: the server forks a child that leaves the process group and session.
const char* kForkingPrelude =
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.setsid()\n"
    "    open(sys.argv[2], 'w').write('%d\\n' % os.getpid())\n"
    "    time.sleep(60)\n"
    "    os._exit(0)\n"
    "while not os.path.exists(sys.argv[2]): time.sleep(0.01)\n";

TEST_F(LauncherTest, StopsChildrenThatLeftTheSession) {
  auto server = must_start(python_profile(listener_script(kForkingPrelude), {"{port}", path("child")}));
  ASSERT_TRUE(server);
  started_.push_back(server->pid());
  pid_t child = wait_for_pid_file(path("child"));
  ASSERT_GT(child, 0);
  started_.push_back(child);
  EXPECT_TRUE(running(child));
  server->stop();
  EXPECT_FALSE(running(server->pid()));
  EXPECT_TRUE(eventually_gone(child));
}

TEST_F(LauncherTest, StopsChildrenOfAServerThatAlreadyDied) {
  // The server exits after listening; its child was reparented and is only known from before.
  auto server = must_start(python_profile(listener_script(kForkingPrelude, "time.sleep(0.5)\nsys.exit(7)"),
                                          {"{port}", path("child")}));
  ASSERT_TRUE(server);
  started_.push_back(server->pid());
  pid_t child = wait_for_pid_file(path("child"));
  ASSERT_GT(child, 0);
  started_.push_back(child);
  for (int i = 0; i < 300 && server->alive(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(server->alive());
  EXPECT_EQ(server->exit_description(), "exited with status 7");
  EXPECT_TRUE(running(child));
  server->stop();
  EXPECT_TRUE(eventually_gone(child));
  EXPECT_EQ(server->exit_description(), "exited with status 7");
}

TEST_F(LauncherTest, FailingPrepareReportsItsStderr) {
  auto profile = python_profile(listener_script());
  profile.launch->prepare = {{"/bin/sh", "-c", "echo 'chown: invalid user' >&2; exit 4"}};
  std::string error = start_error(profile);
  EXPECT_NE(error.find("launch.prepare: /bin/sh -c"), std::string::npos) << error;
  EXPECT_NE(error.find("exited with status 4"), std::string::npos) << error;
  EXPECT_NE(error.find("chown: invalid user"), std::string::npos) << error;
}

TEST_F(LauncherTest, ConfigurationErrors) {
  auto profile = python_profile(listener_script(), {"{port}", "{nope}"});
  EXPECT_NE(start_error(profile).find("unknown variable {nope}"), std::string::npos);

  profile = python_profile(listener_script());
  profile.launch->command[0] = "rfcheck-no-such-program";
  EXPECT_NE(start_error(profile).find("program not found: rfcheck-no-such-program"), std::string::npos);

  profile = python_profile(listener_script());
  profile.launch->command[0] = "/nonexistent/server";
  EXPECT_NE(start_error(profile).find("cannot start /nonexistent/server"), std::string::npos);

  profile = python_profile(listener_script());
  profile.launch.reset();
  EXPECT_EQ(start_error(profile), "the target profile has no launch: section");
}

TEST_F(LauncherTest, RefusesAFixedPortInUse) {
  auto first = must_start(python_profile(listener_script()));
  ASSERT_TRUE(first);
  started_.push_back(first->pid());
  auto profile = python_profile(listener_script());
  profile.port = first->port();
  EXPECT_EQ(start_error(profile), "port " + std::to_string(first->port()) + " on 127.0.0.1 is already in use");
  first->stop();
}

// --- vsftpd, launched from the shipped profile ---------------------------------------------

// Reads one CRLF-terminated line (a single-line reply) with a timeout.
std::string read_reply(int fd) {
  std::string line;
  char c;
  while (line.size() < 4096 && ::recv(fd, &c, 1, 0) == 1) {
    line += c;
    if (line.size() >= 2 && line.compare(line.size() - 2, 2, "\r\n") == 0) break;
  }
  return line;
}

int connect_to(const std::string& host, int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void send_line(int fd, const std::string& line) {
  std::string wire = line + "\r\n";
  ASSERT_EQ(::send(fd, wire.data(), wire.size(), MSG_NOSIGNAL), static_cast<ssize_t>(wire.size()));
}

TEST_F(LauncherTest, VsftpdFromItsProfile) {
  if (::geteuid() != 0 || !fs::exists("/usr/sbin/vsftpd")) GTEST_SKIP() << "needs root and vsftpd";
  auto loaded = load_target_profile(RFCHECK_SOURCE_DIR "/targets/vsftpd.yaml");
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(loaded)) << std::get<LoadError>(loaded).describe();
  const auto& profile = std::get<TargetProfile>(loaded);
  // FTP reserves passive ports (the FTP plug-in asks: ProtocolSupport::reserves_data_ports).
  auto server = must_start(profile, {{"text", "hello.txt", "hello\n"}}, {.data_ports = true});
  ASSERT_TRUE(server);
  started_.push_back(server->pid());
  EXPECT_TRUE(server->alive());

  int fd = connect_to(server->host(), server->port());
  ASSERT_GE(fd, 0);
  EXPECT_EQ(read_reply(fd), "220 (vsFTPd 3.0.3)\r\n");
  send_line(fd, "USER " + profile.variables.at("user"));
  EXPECT_EQ(read_reply(fd).substr(0, 4), "331 ");
  send_line(fd, "PASS " + profile.variables.at("password"));
  EXPECT_EQ(read_reply(fd).substr(0, 4), "230 ");
  send_line(fd, "SIZE hello.txt");
  EXPECT_EQ(read_reply(fd), "213 6\r\n");

  // The logged-in session runs in processes of its own session: all must stop with the server.
  auto tree = collect_process_tree({server->pid()}, server->pid());
  EXPECT_GE(tree.size(), 2u);
  for (const auto& ref : tree) started_.push_back(ref.pid);
  pid_t pid = server->pid();
  server->stop();
  EXPECT_FALSE(running(pid));
  for (const auto& ref : tree) EXPECT_TRUE(eventually_gone(ref.pid)) << ref.pid;
  char c;
  EXPECT_LE(::recv(fd, &c, 1, 0), 0);  // the session is gone, the connection closed
  ::close(fd);
  EXPECT_FALSE(server->stderr_has_sanitizer_report());
}

}  // namespace
}  // namespace rfcheck
