#include "target/free_port.h"
#include "target/listen_probe.h"
#include "target/process_tree.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace rfcheck {
namespace {

// Two lines of a real /proc/net/tcp: a listener on 127.0.0.1:8080, a connection from :5000.
constexpr const char* kTcp =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0 100 0 0 10 0\n"
    "   1: 0100007F:1388 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 12346 1 0 20 4 30 10 -1\n";
constexpr const char* kTcp6 =
    "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 00000000000000000000000001000000:0015 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0\n";

TEST(ListenProbe, FindsListenersOnly) {
  EXPECT_TRUE(proc_net_tcp_has_listener(kTcp, 8080));
  EXPECT_FALSE(proc_net_tcp_has_listener(kTcp, 5000));  // established, not listening
  EXPECT_FALSE(proc_net_tcp_has_listener(kTcp, 80));
  EXPECT_TRUE(proc_net_tcp_has_listener(kTcp6, 21));
  EXPECT_FALSE(proc_net_tcp_has_listener("", 21));
  EXPECT_FALSE(proc_net_tcp_has_listener("garbage\n0: x y 0A\n", 21));
}

TEST(FreePort, PicksABindablePortAndABlock) {
  auto port = pick_free_port("127.0.0.1");
  ASSERT_TRUE(port.has_value());
  EXPECT_GT(*port, 0);
  EXPECT_TRUE(port_is_bindable("127.0.0.1", *port));
  EXPECT_FALSE(port_is_listening(*port));
  auto block = pick_free_port_block("127.0.0.1", 20, {*port});
  ASSERT_TRUE(block.has_value());
  EXPECT_EQ(block->second - block->first, 19);
  for (int p = block->first; p <= block->second; ++p) {
    EXPECT_NE(p, *port);
    EXPECT_TRUE(port_is_bindable("127.0.0.1", p));
  }
  // A block handed out stays reserved until released.
  auto other = pick_free_port_block("127.0.0.1", 20, {});
  ASSERT_TRUE(other.has_value());
  EXPECT_TRUE(other->second < block->first || other->first > block->second);
  release_port_block(*block);
  release_port_block(*other);
  EXPECT_FALSE(pick_free_port("not-an-address").has_value());
  EXPECT_TRUE(pick_free_port("::1").has_value() || !port_is_bindable("::1", 0));
}

TEST(ProcessTree, DescribesWaitStatus) {
  EXPECT_EQ(describe_wait_status(1 << 8), "exited with status 1");
  EXPECT_EQ(describe_wait_status(0), "exited with status 0");
  EXPECT_EQ(describe_wait_status(SIGSEGV), "killed by signal 11 (SIGSEGV)");
  EXPECT_EQ(describe_wait_status(SIGKILL), "killed by signal 9 (SIGKILL)");
}

TEST(ProcessTree, FindsChildrenAndGrandchildren) {
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::setsid();
    if (::fork() == 0) {  // grandchild in its own session, like a vsftpd client process
      ::setsid();
      ::write(ready[1], "x", 1);
      ::pause();
      ::_exit(0);
    }
    ::pause();
    ::_exit(0);
  }
  char c;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  auto tree = collect_process_tree({child}, child);
  ASSERT_EQ(tree.size(), 2u);
  ProcessInfo info;
  ASSERT_TRUE(read_process_info(child, info));
  EXPECT_EQ(info.sid, child);
  for (const auto& ref : tree) {
    EXPECT_TRUE(process_is_running(ref));
    ::kill(ref.pid, SIGKILL);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_FALSE(process_is_running(tree[0]));
  for (int i = 0; i < 200 && process_is_running(tree[1]); ++i) ::usleep(10'000);
  EXPECT_FALSE(process_is_running(tree[1]));
  ::close(ready[0]);
  ::close(ready[1]);
}

}  // namespace
}  // namespace rfcheck
