// The fuzzer's first corpus: every case of the loaded suites as one session. The suites know
// how a correct session looks (login, transfers, transactions), so mutation starts from
// conversations that reach deep states instead of from random bytes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/spec_model.h"
#include "fuzz/session.h"

namespace rfcheck::fuzz {

// One session per case (fixtures are already expanded by the loader), identical sessions
// once. `variables` are the target's ({user}, {password}, ...), as a profile gives them, and
// the protocol plug-in's connection variables ({passive_command}, ...); the fixture files'
// variables and {uniq} are added here. A step whose template names a value only known at run time (a capture,
// {data.port_arg}) is dropped; steps on connections other than "main" are dropped.
// Commands stay untagged (the executor tags them, as the runner tags `send:`); a `send:` in
// parts becomes one command with its literals inline ("APPEND box {310}\r\n<octets>"), each
// cut to a couple of KiB and announced at the length kept; a SASL answer (`send_base64:`
// without a prefix) is a raw line, as the runner writes it.
std::vector<Session> seed_sessions(const SpecSet& specs,
                                   const std::map<std::string, std::string>& variables);

// The session of one case, with the variables completed as above.
Session session_from_case(const Case& c, const SpecSet& specs,
                          const std::map<std::string, std::string>& variables);

}  // namespace rfcheck::fuzz
