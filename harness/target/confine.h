// Confining processes we did not write (rfcheck grade's submissions): dropping to an
// unprivileged uid, a network namespace with only loopback, and finding or killing every
// process of a uid. The child-side pieces run between fork and exec (spawn.cpp).
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rfcheck {

// "nobody" or "64001": a user name, or a numeric uid (gid = uid) with no passwd entry.
// nullopt with `error` set when the name is unknown.
std::optional<std::pair<uid_t, gid_t>> resolve_user(const std::string& name_or_uid,
                                                    std::string& error);

// Child side, after fork: unshare the network namespace and bring `lo` up. Returns 0 or the
// errno of the step that failed (`step` names it); allocates nothing.
int enter_private_network(const char** step);
// Child side: setgroups({}), setgid, setuid, and the parent-death signal again (a change of
// credentials clears it). Returns 0 or an errno.
int drop_to(uid_t uid, gid_t gid, const char** step);

// Whether enter_private_network works here (root, a kernel with network namespaces, no
// seccomp policy against unshare): tried once in a throwaway child.
bool private_network_available();

// Running (non-zombie) processes whose real uid is `uid`.
std::vector<pid_t> processes_of_user(uid_t uid);

// SIGKILL every process of `uid`: a helper that becomes `uid` calls kill(-1, SIGKILL), which
// reaches all of them at once (a fork loop cannot outrun it), repeated until none is left
// or `rounds` ran out. Root only; never for a uid a real account uses. True when none is left.
bool kill_processes_of_user(uid_t uid, int rounds = 20);

// `dir` and everything in it owned by `ids` (lchown, symlinks themselves): a server run as
// another user (launch.user) owns its workdir as it would own its home, and a graded
// submission its copy. "" or what could not be changed.
std::string give_tree_to(const std::string& dir, std::pair<uid_t, gid_t> ids);

}  // namespace rfcheck
