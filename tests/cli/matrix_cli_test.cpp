// rfcheck run over several targets end to end: a folder of profiles (a clean fault_ftpd, one
// with a planted fault, one whose server cannot start) gives a servers x cases matrix, each
// target's own report, and the worst exit code.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli_support.h"

namespace {

using namespace cli_testing;
using ::testing::HasSubstr;
using ::testing::Not;

std::string profile(const std::string& name, const std::string& binary, const std::string& fault) {
  return "name: " + name + "\nprotocol: ftp\nhost: 127.0.0.1\nport: auto\n"
         "credentials: {user: alice, password: s3cret}\n"
         "launch:\n  command: [" + binary + ", --host, \"{host}\", --port, \"{port}\", --root, "
         "\"{root}\", --user, alice, --password, s3cret" + fault + "]\n  root: root\n"
         "  ready: {timeout: 5s}\n";
}

class MatrixCli : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.str() + "/targets");
    const std::string ftpd = RFCHECK_BINARY_DIR "/tests/fault_ftpd/fault_ftpd";
    dir_.write("targets/a-clean.yaml", profile("clean", ftpd, ""));
    dir_.write("targets/b-faulty.yaml", profile("faulty", ftpd, ", --fault, wrong-code"));
    dir_.write("targets/c-dead.yaml", profile("dead", "/nonexistent/ftpd", ""));
    // A baseline beside the profiles is not a profile.
    dir_.write("targets/b-faulty.baseline.yaml", "known: []\n");
  }
  std::string out(const std::string& name) const { return dir_.str() + "/out/" + name; }
  TempDir dir_;
};

TEST_F(MatrixCli, AFolderOfProfilesGivesOneMatrixAndTheWorstExitCode) {
  const Ran r = rfcheck({"run", "--target", dir_.str() + "/targets", "--specs", kSpecs,
                         "--filter", "ftp.noop", "-q", "--report", "csv:" + out("m.csv"),
                         "--report", "markdown:" + out("m.md"), "--report", "html:" + out("m.html"),
                         "--report", "json:" + out("r.json")});
  EXPECT_EQ(r.exit_code, 3) << "the dead server's exit code wins:\n" << r.output;
  EXPECT_THAT(r.output, HasSubstr("MATRIX: 3 targets:"));
  EXPECT_THAT(r.output, HasSubstr("dead: exit 3 (the target would not start"));
  EXPECT_THAT(r.output, HasSubstr("faulty: exit 1"));

  const std::string csv = read_file(out("m.csv"));
  EXPECT_THAT(csv, HasSubstr("protocol,case,level,ref,title,clean,faulty,dead\r\n"));
  EXPECT_THAT(csv, HasSubstr("ftp,ftp.noop.replies-ok,MUST,RFC 959 4.1.3,NOOP answers 200,PASS,FAIL,\r\n"));
  EXPECT_THAT(csv, Not(HasSubstr("ftp.user.")));  // the filter reached every child run

  EXPECT_THAT(read_file(out("m.md")), HasSubstr("| clean | ftp | "));
  EXPECT_THAT(read_file(out("m.md")), HasSubstr("| ftp.noop.replies-ok | MUST | "));
  EXPECT_THAT(read_file(out("m.html")), HasSubstr("<th>faulty</th>"));
  EXPECT_THAT(read_file(out("r.faulty.json")), HasSubstr("\"target\": \"faulty\""));
  EXPECT_THAT(read_file(out("r.clean.json")), HasSubstr("\"target\": \"clean\""));
}

TEST_F(MatrixCli, ListedTargetsRunAndAMatrixFormatIsCheckedFirst) {
  const std::string clean = dir_.str() + "/targets/a-clean.yaml";
  const std::string faulty = dir_.str() + "/targets/b-faulty.yaml";
  Ran r = rfcheck({"run", "--target", clean, "--target", faulty, "--specs", kSpecs,
                   "--filter", "ftp.noop.replies-ok", "-q", "--report", "csv:" + out("two.csv")});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_THAT(read_file(out("two.csv")), HasSubstr(",PASS,FAIL\r\n"));

  r = rfcheck({"run", "--target", clean, "--target", faulty, "--report", "xml:" + out("m.xml")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("with several targets, FORMAT is html, markdown or csv"));
}

TEST_F(MatrixCli, ReplayTakesOneTarget) {
  const Ran r = rfcheck({"replay", "--target", dir_.str() + "/targets/a-clean.yaml", "--target",
                         dir_.str() + "/targets/b-faulty.yaml", "x.yaml"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("this command takes one target profile"));
}

}  // namespace
