#include "spec/target_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace rfcheck {
namespace {

namespace fs = std::filesystem;

class TargetLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rfcheck-loader-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  // The error of loading `text` as a profile, as "line:col: message".
  std::string profile_error(const std::string& text) {
    auto result = load_target_profile(write("p.yaml", text), {"ftp", "smtp", "pop3"});
    if (!std::holds_alternative<LoadError>(result)) return "no error";
    const auto& e = std::get<LoadError>(result);
    EXPECT_EQ(e.where.file, (dir_ / "p.yaml").string());
    return std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " + e.message;
  }
  std::string baseline_error(const std::string& text) {
    auto result = load_baseline(write("b.yaml", text));
    if (!std::holds_alternative<LoadError>(result)) return "no error";
    const auto& e = std::get<LoadError>(result);
    return std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " + e.message;
  }

  fs::path dir_;
};

TEST_F(TargetLoaderTest, FullProfile) {
  auto path = write("full.yaml", R"(name: vsftpd
protocol: ftp
host: "::1"
port: auto
credentials: {user: ftptest, password: secret}
vars: {mailbox: INBOX, count: 3}
baseline: vsftpd.baseline.yaml
launch:
  command: [/usr/sbin/vsftpd, "{workdir}/vsftpd.conf"]
  env: {ASAN_OPTIONS: "detect_leaks=0"}
  files: {vsftpd.conf: "listen_port={port}\n", sub/x.txt: "x"}
  root: ftp-root
  prepare: [[chown, -R, "ftptest:ftptest", "{workdir}/root"], [true]]
  ready: {timeout: 750ms}
  limits: {memory: 512MiB, cpu: 2m}
)");
  auto result = load_target_profile(path);
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(result)) << std::get<LoadError>(result).describe();
  const auto& p = std::get<TargetProfile>(result);
  EXPECT_EQ(p.name, "vsftpd");
  EXPECT_EQ(p.protocol, "ftp");
  EXPECT_EQ(p.host, "::1");
  EXPECT_FALSE(p.port.has_value());
  EXPECT_EQ(p.variables, (std::map<std::string, std::string>{
                             {"user", "ftptest"}, {"password", "secret"}, {"mailbox", "INBOX"}, {"count", "3"}}));
  EXPECT_EQ(p.baseline, (dir_ / "vsftpd.baseline.yaml").string());
  EXPECT_EQ(p.file, path);
  ASSERT_TRUE(p.launch.has_value());
  const auto& l = *p.launch;
  EXPECT_EQ(l.command, (std::vector<std::string>{"/usr/sbin/vsftpd", "{workdir}/vsftpd.conf"}));
  EXPECT_EQ(l.environment.at("ASAN_OPTIONS"), "detect_leaks=0");
  EXPECT_EQ(l.files.at("vsftpd.conf"), "listen_port={port}\n");
  EXPECT_EQ(l.files.at("sub/x.txt"), "x");
  EXPECT_EQ(l.root, "ftp-root");
  ASSERT_EQ(l.prepare.size(), 2u);
  EXPECT_EQ(l.prepare[0], (std::vector<std::string>{"chown", "-R", "ftptest:ftptest", "{workdir}/root"}));
  EXPECT_EQ(l.ready_timeout, std::chrono::milliseconds(750));
  EXPECT_EQ(l.memory_limit_bytes, std::size_t{512} << 20);
  EXPECT_EQ(l.cpu_limit, std::chrono::seconds(120));
  EXPECT_EQ(l.where.line, 9);
  EXPECT_EQ(l.where.column, 3);
}

TEST_F(TargetLoaderTest, MinimalProfileOfARunningServer) {
  auto result = load_target_profile(write("p.yaml", "name: x\nprotocol: smtp\nport: 2525\n"));
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(result)) << std::get<LoadError>(result).describe();
  const auto& p = std::get<TargetProfile>(result);
  EXPECT_EQ(p.host, "127.0.0.1");
  EXPECT_EQ(p.port, 2525);
  EXPECT_FALSE(p.launch.has_value());
  EXPECT_TRUE(p.variables.empty());
  EXPECT_TRUE(p.baseline.empty());
}

TEST_F(TargetLoaderTest, LaunchDefaults) {
  auto result = load_target_profile(write("p.yaml", "name: x\nprotocol: pop3\nlaunch: {command: [srv]}\n"));
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(result)) << std::get<LoadError>(result).describe();
  const auto& p = std::get<TargetProfile>(result);
  EXPECT_FALSE(p.port.has_value());  // auto when launched
  EXPECT_EQ(p.launch->root, "root");
  EXPECT_EQ(p.launch->ready_timeout, std::chrono::milliseconds(10'000));
  EXPECT_FALSE(p.launch->memory_limit_bytes.has_value());
}

TEST_F(TargetLoaderTest, ShippedVsftpdProfileLoads) {
  auto result = load_target_profile(RFCHECK_SOURCE_DIR "/targets/vsftpd.yaml");
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(result)) << std::get<LoadError>(result).describe();
  const auto& p = std::get<TargetProfile>(result);
  EXPECT_EQ(p.protocol, "ftp");
  auto baseline = load_baseline(p.baseline);
  ASSERT_TRUE(std::holds_alternative<std::vector<BaselineEntry>>(baseline))
      << std::get<LoadError>(baseline).describe();
  // Every known deviation says what the server does and the RFC text it breaks.
  for (const auto& entry : std::get<std::vector<BaselineEntry>>(baseline)) {
    EXPECT_NE(entry.reason.find("RFC"), std::string::npos) << entry.id;
  }
}

TEST_F(TargetLoaderTest, UnknownKeys) {
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: 21\nhots: a\n"),
            "4:1: profile: unknown key 'hots' (allowed: accounts, baseline, credentials, host, launch, "
            "maildrop, name, port, protocol, tls, vars)");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch:\n  command: [a]\n  timeout: 5s\n"),
            "5:3: launch: unknown key 'timeout' (allowed: command, env, files, limits, prepare, ready, root, user)");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: 21\ncredentials: {user: a, pass: b}\n"),
            "4:24: credentials: unknown key 'pass' (allowed: password, user)");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch:\n  command: [a]\n  ready: {timeout: 1s, tries: 3}\n"),
            "5:24: launch.ready: unknown key 'tries' (allowed: timeout)");
}

TEST_F(TargetLoaderTest, MissingRequiredKeys) {
  EXPECT_EQ(profile_error("protocol: ftp\nport: 21\n"), "1:1: profile: missing required key 'name'");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch:\n  env: {}\n"),
            "4:3: launch: missing required key 'command'");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: 21\ncredentials: {user: a}\n"),
            "4:14: credentials: missing required key 'password'");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\n"),
            "1:1: profile: missing required key 'port' (a target that is not launched needs a port)");
}

TEST_F(TargetLoaderTest, WrongTypes) {
  EXPECT_EQ(profile_error("name: [a]\nprotocol: ftp\nport: 1\n"), "1:7: name: expected a string, found a list");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: 1\nvars: [a, b]\n"),
            "4:7: vars: expected a mapping, found a list");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: 1\nvars: {a: {b: c}}\n"),
            "4:11: vars.a: expected a string, found a mapping");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch:\n  command: /usr/sbin/vsftpd\n"),
            "4:12: launch.command: expected a list of strings, found a scalar");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch:\n  command: [a]\n  prepare: [chown, x]\n"),
            "5:13: launch.prepare command: expected a list of strings, found a scalar");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nhost:\nport: 1\n"), "3:1: profile: 'host' has no value");
  EXPECT_EQ(profile_error("- a\n- b\n"), "1:1: profile: expected a mapping, found a list");
}

TEST_F(TargetLoaderTest, BadValues) {
  EXPECT_EQ(profile_error("name: x\nprotocol: http\nport: 1\n"),
            "2:11: protocol: unknown protocol 'http'; known: ftp, smtp, pop3");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: 70000\n"), "3:7: port: expected 'auto' or a number 1..65535");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: -1\n"), "3:7: port: expected 'auto' or a number 1..65535");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: auto\n"),
            "3:7: port: 'auto' needs a launch: section (a server the harness starts)");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch: {command: [a], ready: {timeout: 5}}\n"),
            "3:41: launch.ready.timeout: expected a positive duration like 500ms, 5s, 1m");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch: {command: [a], limits: {memory: 512M}}\n"),
            "3:41: launch.limits.memory: expected a size like 512MiB, 2GiB, 65536");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch: {command: [a], limits: {cpu: 500ms}}\n"),
            "3:38: launch.limits.cpu: expected whole seconds like 60s, 5m");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch: {command: []}\n"),
            "3:19: launch.command: needs at least the program");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch: {command: [a], root: ../etc}\n"),
            "3:30: launch.root: must be a relative path inside {workdir}");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch: {command: [a], files: {/etc/passwd: x}}\n"),
            "3:45: launch.files: '/etc/passwd' must be a relative path inside {workdir}");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: 1\ncredentials: {user: a, password: b}\nvars: {user: c}\n"),
            "5:14: vars.user: already set by credentials");
}

// What rfcheck grade's profiles use: another user, process and file-size limits.
TEST_F(TargetLoaderTest, LaunchUserAndConfinementLimits) {
  auto result = load_target_profile(
      write("c.yaml", "name: x\nprotocol: pop3\nlaunch: {command: [a], user: '64001', "
                      "limits: {processes: 32, file_size: 16MiB}}\n"),
      {"pop3"});
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(result));
  const LaunchSpec& launch = *std::get<TargetProfile>(result).launch;
  EXPECT_EQ(launch.user, "64001");
  EXPECT_EQ(launch.process_limit, 32u);
  EXPECT_EQ(launch.file_size_limit, 16u << 20);
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch: {command: [a], limits: {processes: 0}}\n"),
            "3:44: launch.limits.processes: expected a positive whole number, not '0'");
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nlaunch: {command: [a], limits: {file_size: lots}}\n"),
            "3:44: launch.limits.file_size: expected a size like 16MiB, 65536");
}

TEST_F(TargetLoaderTest, DuplicateKeys) {
  EXPECT_EQ(profile_error("name: x\nprotocol: ftp\nport: 1\nname: y\n"), "4:1: profile: duplicate key 'name'");
}

TEST_F(TargetLoaderTest, SyntaxAndFileErrors) {
  EXPECT_EQ(profile_error("name: x\nprotocol: [ftp\n"), "3:1: end of sequence flow not found");
  EXPECT_EQ(profile_error(""), "1:1: the file is empty");
  auto result = load_target_profile((dir_ / "missing.yaml").string());
  ASSERT_TRUE(std::holds_alternative<LoadError>(result));
  EXPECT_EQ(std::get<LoadError>(result).message, "cannot read the file");
}

TEST_F(TargetLoaderTest, Baseline) {
  auto result = load_baseline(write("b.yaml", R"(known:
  - id: ftp.type.ascii-crlf
    reason: "RFC 959 3.1.1.1: vsftpd sends LF"
  - {id: ftp.mlsd.basic, reason: no MLSD}
)"));
  ASSERT_TRUE(std::holds_alternative<std::vector<BaselineEntry>>(result))
      << std::get<LoadError>(result).describe();
  const auto& entries = std::get<std::vector<BaselineEntry>>(result);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].id, "ftp.type.ascii-crlf");
  EXPECT_EQ(entries[0].reason, "RFC 959 3.1.1.1: vsftpd sends LF");
  EXPECT_EQ(entries[1].id, "ftp.mlsd.basic");
}

TEST_F(TargetLoaderTest, BaselineErrors) {
  EXPECT_EQ(baseline_error("known:\n  - id: a.b\n"), "2:5: known entry: missing required key 'reason'");
  EXPECT_EQ(baseline_error("known:\n  - {id: a.b, reason: \"\"}\n"), "2:23: reason: must not be empty");
  EXPECT_EQ(baseline_error("known:\n  - {id: a, reason: r, why: w}\n"),
            "2:24: known entry: unknown key 'why' (allowed: id, reason)");
  EXPECT_EQ(baseline_error("known:\n  - {id: a, reason: r}\n  - {id: a, reason: s}\n"), "3:5: known: duplicate id 'a'");
  EXPECT_EQ(baseline_error("known: {id: a}\n"), "1:8: known: expected a list of {id, reason}, found a mapping");
  EXPECT_EQ(baseline_error("ids: []\n"), "1:1: baseline: unknown key 'ids' (allowed: known)");
}

}  // namespace
}  // namespace rfcheck
