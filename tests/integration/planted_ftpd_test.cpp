// The planted-bug FTP server (tests/planted_ftpd) and the coverage shim (fuzz/shim), tested
// from outside: the test starts the built binaries itself (each on a kernel-chosen loopback
// port, read from --port-file), talks raw FTP to them, and stops every process it started by
// its pid. A clean session is RFC 959-correct, each planted bug's exact session kills the
// server with the expected AddressSanitizer report, the near misses do not, and the shim fills
// the shared coverage map, from forked children too.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <optional>
#include <poll.h>
#include <regex>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kServer = PLANTED_FTPD;
const std::string kProbe = COVERAGE_SHIM_PROBE;
constexpr size_t kMapSize = 65536;
const std::string kText = "first line\nsecond line\n";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& content) {
  std::ofstream(p, std::ios::binary) << content;
}

// A private directory per test: the server's root, its logs, the coverage map.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "planted-ftpd-test-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Starts argv with the environment overridden by env (an empty value unsets), stdout to
// /dev/null and stderr to stderr_path. Returns the pid or -1.
pid_t spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
            const fs::path& stderr_path) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    if (!env.count(kv.substr(0, kv.find('=')))) env_strings.push_back(kv);
  }
  for (const auto& [k, v] : env)
    if (!v.empty()) env_strings.push_back(k + "=" + v);
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
  args.push_back(nullptr);
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  if (posix_spawn(&pid, args[0], &fa, nullptr, args.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

// Waits up to timeout for pid to exit; its wait status, or nullopt if it still runs.
std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 || std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(5ms);
  }
}

// One planted_ftpd process; the destructor stops it by pid (SIGTERM, then SIGKILL).
class Server {
 public:
  explicit Server(const TempDir& dir, bool fork_mode = false,
                  std::map<std::string, std::string> env = {})
      : dir_(dir.path()) {
    fs::create_directories(dir_ / "root");
    write_file(dir_ / "root" / "text.txt", kText);
    env.emplace("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0:symbolize=1");
    env.emplace("RFCHECK_COVERAGE_SHM", "");
    std::vector<std::string> argv = {kServer, "--host", "127.0.0.1", "--port", "0",
                                     "--port-file", (dir_ / "port").string(),
                                     "--root", (dir_ / "root").string(),
                                     "--user", "alice", "--password", "s3cret"};
    if (fork_mode) argv.push_back("--fork");
    pid_ = spawn(argv, env, dir_ / "stderr.log");
    for (int i = 0; pid_ > 0 && i < 500 && port_ == 0; ++i) {
      std::string text = read_file(dir_ / "port");
      if (!text.empty()) port_ = std::atoi(text.c_str());
      else if (wait_exit(pid_, 0ms)) pid_ = -1;  // died before listening
      else std::this_thread::sleep_for(10ms);
    }
  }
  ~Server() { stop(); }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  bool ready() const { return pid_ > 0 && port_ > 0; }
  int port() const { return port_; }
  std::string stderr_text() const { return read_file(dir_ / "stderr.log"); }
  // Waits for the server to die; true if it did within the time.
  bool dies_within(std::chrono::milliseconds t) {
    if (pid_ <= 0) return true;
    if (!wait_exit(pid_, t)) return false;
    pid_ = -1;
    return true;
  }
  bool alive() { return pid_ > 0 && !dies_within(0ms); }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    if (!wait_exit(pid_, 2s)) {
      kill(pid_, SIGKILL);
      wait_exit(pid_, 2s);
    }
    pid_ = -1;
  }

 private:
  fs::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

int connect_loopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// A raw FTP control connection. Every read waits at most 2 s; a reply code of 0 means the
// connection ended (or stayed silent) instead.
class Ftp {
 public:
  explicit Ftp(int port) : fd_(connect_loopback(port)) { greeting_ = read_reply(); }
  ~Ftp() {
    if (fd_ >= 0) close(fd_);
  }
  int greeting() const { return greeting_; }
  const std::string& last() const { return last_; }

  int cmd(const std::string& line) {
    std::string out = line + "\r\n";
    if (fd_ < 0 || send(fd_, out.data(), out.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(out.size()))
      return 0;
    return read_reply();
  }
  // Reads one reply, multi-line included (RFC 959 4.2).
  int read_reply() {
    std::string first;
    if (!read_line(first) || first.size() < 3) return 0;
    last_ = first;
    if (first.size() > 3 && first[3] == '-') {
      std::string line;
      do {
        if (!read_line(line)) return 0;
        last_ += "\n" + line;
      } while (line.compare(0, 4, first.substr(0, 3) + " ") != 0);
    }
    return std::atoi(first.substr(0, 3).c_str());
  }
  // PASV, then connects to the port of the 227 reply; the data fd, or -1.
  int pasv() {
    if (cmd("PASV") != 227) return -1;
    std::smatch m;
    std::regex re(R"(\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\))");
    if (!std::regex_search(last_, m, re)) return -1;
    return connect_loopback(std::stoi(m[5]) * 256 + std::stoi(m[6]));
  }
  void login() {
    ASSERT_EQ(cmd("USER alice"), 331) << last_;
    ASSERT_EQ(cmd("PASS s3cret"), 230) << last_;
  }
  // PASV + command + the data read to its end: the preliminary and final codes and the bytes.
  struct Transfer {
    int preliminary = 0, final = 0;
    std::string data;
  };
  Transfer transfer(const std::string& command) {
    Transfer t;
    int dfd = pasv();
    if (dfd < 0) return t;
    t.preliminary = cmd(command);
    if (t.preliminary == 150) {
      t.data = read_all(dfd);
      t.final = read_reply();
    }
    close(dfd);
    return t;
  }

 private:
  static std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, 2000) > 0) {
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  bool read_line(std::string& line) {
    while (true) {
      auto nl = buf_.find("\r\n");
      if (nl != std::string::npos) {
        line = buf_.substr(0, nl);
        buf_.erase(0, nl + 2);
        return true;
      }
      pollfd p{fd_, POLLIN, 0};
      if (fd_ < 0 || poll(&p, 1, 2000) <= 0) return false;
      char buf[4096];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return false;
      buf_.append(buf, static_cast<size_t>(n));
    }
  }

  int fd_;
  int greeting_ = 0;
  std::string buf_, last_;
};

constexpr const char* kAsanError = "ERROR: AddressSanitizer: ";

// The server must die and its stderr must carry ASan's report of kind (and `access`, e.g.
// "WRITE of size", when given).
void expect_asan_death(Server& server, const std::string& kind, const std::string& access = "") {
  EXPECT_TRUE(server.dies_within(2s)) << "the server survived; stderr:\n" << server.stderr_text();
  const std::string err = server.stderr_text();
  EXPECT_NE(err.find(kAsanError + kind), std::string::npos) << err;
  if (!access.empty()) {
    EXPECT_NE(err.find(access), std::string::npos) << err;
  }
}

// The server must still be alive, answer NOOP, and have no sanitizer report.
void expect_alive(Server& server, Ftp& ftp) {
  EXPECT_EQ(ftp.cmd("NOOP"), 200) << ftp.last();
  EXPECT_TRUE(server.alive());
  const std::string err = server.stderr_text();
  EXPECT_EQ(err.find(kAsanError), std::string::npos) << err;
}

TEST(PlantedFtpdTest, CleanSessionGetsRfc959Replies) {
  TempDir dir;
  Server server(dir);
  ASSERT_TRUE(server.ready()) << server.stderr_text();
  Ftp ftp(server.port());
  EXPECT_EQ(ftp.greeting(), 220);
  EXPECT_EQ(ftp.cmd("LIST"), 530) << "file access before login";
  ftp.login();
  EXPECT_EQ(ftp.cmd("REIN"), 220) << ftp.last();  // no transfer yet: no bug 4
  EXPECT_EQ(ftp.cmd("PWD"), 257);
  ftp.login();
  EXPECT_EQ(ftp.cmd("SYST"), 215);
  EXPECT_EQ(ftp.cmd("FEAT"), 211);
  EXPECT_EQ(ftp.cmd("TYPE I"), 200);
  auto list = ftp.transfer("LIST");
  EXPECT_EQ(list.preliminary, 150);
  EXPECT_EQ(list.final, 226);
  EXPECT_NE(list.data.find("text.txt\r\n"), std::string::npos) << list.data;
  auto retr = ftp.transfer("RETR text.txt");
  EXPECT_EQ(retr.final, 226);
  EXPECT_EQ(retr.data, kText);
  EXPECT_EQ(ftp.cmd("TYPE A"), 200);
  EXPECT_EQ(ftp.transfer("RETR text.txt").data, "first line\r\nsecond line\r\n");
  EXPECT_EQ(ftp.cmd("RNFR text.txt"), 350);
  EXPECT_EQ(ftp.cmd("RNTO renamed.txt"), 250);
  EXPECT_TRUE(fs::exists(dir.path() / "root" / "renamed.txt"));
  EXPECT_EQ(ftp.cmd("RNTO again.txt"), 503) << "RNTO without RNFR";
  EXPECT_EQ(ftp.cmd("CWD .."), 550) << "above the root";
  EXPECT_EQ(ftp.cmd("RETR ../../../../etc/passwd"), 550);
  EXPECT_EQ(ftp.cmd("REST 5"), 350);
  EXPECT_EQ(ftp.cmd("XYZZY"), 500);
  EXPECT_EQ(ftp.cmd("QUIT"), 221);
  EXPECT_EQ(ftp.read_reply(), 0) << "the connection stays open after QUIT";
  EXPECT_TRUE(server.alive());
  EXPECT_EQ(server.stderr_text().find(kAsanError), std::string::npos) << server.stderr_text();
}

// Bug 1: USER with a name longer than 100 bytes, as the very first command.
TEST(PlantedFtpdTest, Bug1LongUserOverflowsHeapBuffer) {
  TempDir dir;
  Server server(dir);
  ASSERT_TRUE(server.ready()) << server.stderr_text();
  Ftp ftp(server.port());
  EXPECT_EQ(ftp.cmd("USER " + std::string(101, 'u')), 0);
  expect_asan_death(server, "heap-buffer-overflow", "WRITE of size");
}

// Bug 2: REST with a negative marker after login.
TEST(PlantedFtpdTest, Bug2NegativeRestAfterLoginReadsBeforeArray) {
  TempDir dir;
  Server server(dir);
  ASSERT_TRUE(server.ready()) << server.stderr_text();
  Ftp ftp(server.port());
  ftp.login();
  EXPECT_EQ(ftp.cmd("REST -1"), 0);
  expect_asan_death(server, "heap-buffer-overflow", "READ of size");
}

// Bug 3: RNFR f, DELE f, RNTO g.
TEST(PlantedFtpdTest, Bug3RenameAfterDeleteUsesFreedRecord) {
  TempDir dir;
  Server server(dir);
  ASSERT_TRUE(server.ready()) << server.stderr_text();
  Ftp ftp(server.port());
  ftp.login();
  EXPECT_EQ(ftp.cmd("RNFR text.txt"), 350);
  EXPECT_EQ(ftp.cmd("DELE text.txt"), 250);
  EXPECT_EQ(ftp.cmd("RNTO other.txt"), 0);
  expect_asan_death(server, "heap-use-after-free");
}

// Bug 4: a completed transfer, then REIN.
TEST(PlantedFtpdTest, Bug4ReinAfterTransferFreesBufferTwice) {
  TempDir dir;
  Server server(dir);
  ASSERT_TRUE(server.ready()) << server.stderr_text();
  Ftp ftp(server.port());
  ftp.login();
  EXPECT_EQ(ftp.transfer("NLST").final, 226);
  EXPECT_EQ(ftp.cmd("REIN"), 0);
  expect_asan_death(server, "attempting double-free");
}

// In --fork mode a bug kills only the connection's child: the report is on stderr while the
// server lives and serves the next connection.
TEST(PlantedFtpdTest, ForkModeReportsWhileServerLives) {
  TempDir dir;
  Server server(dir, /*fork_mode=*/true);
  ASSERT_TRUE(server.ready()) << server.stderr_text();
  {
    Ftp ftp(server.port());
    EXPECT_EQ(ftp.cmd("USER " + std::string(200, 'u')), 0);
  }
  for (int i = 0; i < 200 && server.stderr_text().find("SUMMARY: AddressSanitizer") == std::string::npos; ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_NE(server.stderr_text().find(std::string(kAsanError) + "heap-buffer-overflow"),
            std::string::npos) << server.stderr_text();
  EXPECT_TRUE(server.alive());
  Ftp next(server.port());
  EXPECT_EQ(next.greeting(), 220);
  next.login();
  EXPECT_EQ(next.cmd("NOOP"), 200);
}

TEST(PlantedFtpdTest, NearMissesDoNotCrash) {
  TempDir dir;
  Server server(dir);
  ASSERT_TRUE(server.ready()) << server.stderr_text();
  Ftp ftp(server.port());
  EXPECT_EQ(ftp.cmd("USER " + std::string(100, 'u')), 331) << "100 bytes fit";
  EXPECT_EQ(ftp.cmd("PASS s3cret"), 530);
  EXPECT_EQ(ftp.cmd("REST -1"), 530) << "REST before login";
  EXPECT_EQ(ftp.cmd("REIN"), 220) << "REIN without a transfer";
  ftp.login();
  EXPECT_EQ(ftp.cmd("REIN"), 220);
  ftp.login();
  // Another order of the bug 3 commands.
  EXPECT_EQ(ftp.cmd("RNFR text.txt"), 350);
  EXPECT_EQ(ftp.cmd("RNTO moved.txt"), 250);
  EXPECT_EQ(ftp.cmd("DELE moved.txt"), 250);
  // RNFR f, DELE f, then anything but RNTO clears the stale rename: RNTO is refused.
  write_file(dir.path() / "root" / "again.txt", "x");
  EXPECT_EQ(ftp.cmd("RNFR again.txt"), 350);
  EXPECT_EQ(ftp.cmd("DELE again.txt"), 250);
  EXPECT_EQ(ftp.cmd("NOOP"), 200);
  EXPECT_EQ(ftp.cmd("RNTO x.txt"), 503);
  // A transfer refused before its data connection, then REIN.
  EXPECT_EQ(ftp.cmd("RETR no-such-file.txt"), 550);
  EXPECT_EQ(ftp.cmd("REIN"), 220);
  ftp.login();
  EXPECT_EQ(ftp.cmd("EPRT |1|127.0.0.1|1|"), 504) << "privileged port (RFC 2577 3)";
  expect_alive(server, ftp);
}

// The server fills the shared map during a session; the map is zeroed first, as the fuzzer
// does between sessions.
TEST(PlantedFtpdTest, ServerWritesCoverageMap) {
  TempDir dir;
  const fs::path map = dir.path() / "coverage";
  write_file(map, std::string(kMapSize, '\1'));
  Server server(dir, false, {{"RFCHECK_COVERAGE_SHM", map.string()}});
  ASSERT_TRUE(server.ready()) << server.stderr_text();
  write_file(map, std::string(kMapSize, '\0'));
  {
    Ftp ftp(server.port());
    ftp.login();
    EXPECT_EQ(ftp.cmd("SYST"), 215);
    EXPECT_EQ(ftp.cmd("QUIT"), 221);
  }
  std::this_thread::sleep_for(50ms);
  const std::string bytes = read_file(map);
  ASSERT_EQ(bytes.size(), kMapSize);
  auto hit = std::count_if(bytes.begin(), bytes.end(), [](char c) { return c != 0; });
  EXPECT_GT(hit, 20) << "edges recorded";
  EXPECT_EQ(server.stderr_text(), "");
}

struct ProbeRun {
  int status = -1;
  std::string err, map;
};

ProbeRun run_probe(const TempDir& dir, const std::string& arg, const std::string& map_env,
                   size_t map_size = kMapSize) {
  const fs::path map = dir.path() / "probe-map";
  write_file(map, std::string(map_size, '\0'));
  std::vector<std::string> argv{kProbe};
  if (!arg.empty()) argv.push_back(arg);
  ProbeRun r;
  pid_t pid = spawn(argv, {{"RFCHECK_COVERAGE_SHM", map_env == "MAP" ? map.string() : map_env},
                           {"ASAN_OPTIONS", "detect_leaks=0"}},
                    dir.path() / "probe.err");
  if (pid < 0) return r;
  auto status = wait_exit(pid, 5s);
  if (!status) {
    kill(pid, SIGKILL);
    wait_exit(pid, 2s);
    return r;
  }
  r.status = *status;
  r.err = read_file(dir.path() / "probe.err");
  r.map = read_file(map);
  return r;
}

int max_byte(const std::string& map) {
  int m = 0;
  for (char c : map) m = std::max(m, static_cast<int>(static_cast<unsigned char>(c)));
  return m;
}

// A hot loop's edges are hit 1000 times: their bytes saturate at 255 (no wrap-around).
TEST(CoverageShimTest, CountsSaturateInSharedMap) {
  TempDir dir;
  ProbeRun r = run_probe(dir, "", "MAP");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(max_byte(r.map), 255);
  EXPECT_GT(std::count_if(r.map.begin(), r.map.end(), [](char c) { return c != 0; }), 3);
}

// The hot loop runs only in a forked child: its counts reach the map the parent mapped.
TEST(CoverageShimTest, ForkedChildSharesTheMap) {
  TempDir dir;
  ProbeRun r = run_probe(dir, "fork", "MAP");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(max_byte(r.map), 255);
}

TEST(CoverageShimTest, WithoutVariableRunsNormally) {
  TempDir dir;
  ProbeRun r = run_probe(dir, "", "");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(max_byte(r.map), 0) << "nothing written without RFCHECK_COVERAGE_SHM";
}

TEST(CoverageShimTest, UnusableFileWarnsOnceAndRuns) {
  TempDir dir;
  ProbeRun missing = run_probe(dir, "", (dir.path() / "no-such-file").string());
  ASSERT_EQ(missing.status, 0) << missing.err;
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
  EXPECT_NE(missing.err.find("rfcheck coverage shim"), std::string::npos) << missing.err;

  ProbeRun small = run_probe(dir, "", "MAP", 100);  // mapping it whole would be SIGBUS
  ASSERT_EQ(small.status, 0) << small.err;
  EXPECT_EQ(std::count(small.err.begin(), small.err.end(), '\n'), 1) << small.err;
  EXPECT_EQ(max_byte(small.map), 0);
}

}  // namespace
