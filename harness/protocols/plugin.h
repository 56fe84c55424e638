// A protocol plug-in: everything rfcheck knows about one protocol, in one place. Each
// protocol's folder (harness/protocols/<name>/) builds one; registry.cpp lists them.
//   support     what the runner needs: codec, reply oracle, variables, provisioning, TLS,
//               launcher needs (runner/protocol_support.h)
//   fuzz_model  what the fuzzer needs: command grammar, phases, tokens (fuzz/protocol_model.h)
// The codec and the reply table live in proto/ (standard library only, fuzzed alone); the
// oracle in runner/; the plug-in ties them to the protocol's name.
#pragma once

#include "fuzz/protocol_model.h"
#include "runner/protocol_support.h"

namespace rfcheck {

struct ProtocolPlugin {
  ProtocolSupport support;
  fuzz::ProtocolModel fuzz_model;
};

}  // namespace rfcheck
