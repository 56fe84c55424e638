// Running the built rfcheck executable from a test: its exit code and output, a scratch
// folder, a loopback port nothing listens on. Shared by the CLI tests.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace cli_testing {

namespace fs = std::filesystem;

inline const std::string kRfcheck = RFCHECK_BINARY_DIR "/harness/cli/rfcheck";
inline const std::string kSpecs = RFCHECK_SOURCE_DIR "/specs/ftp";

struct Ran {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

inline std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') out += "'\\''"; else out += c;
  }
  return out + "'";
}

inline Ran rfcheck(const std::vector<std::string>& args) {
  std::string command = quote(kRfcheck);
  for (const auto& a : args) command += " " + quote(a);
  command += " 2>&1 </dev/null";
  Ran ran;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return ran;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) ran.output.append(buffer, n);
  const int status = pclose(pipe);
  ran.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return ran;
}

// A port nothing listens on: bind an ephemeral one, then close it.
inline int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "rfcheck-cli-XXXXXX").string();
    if (mkdtemp(templ.data())) path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text;
}

}  // namespace cli_testing
