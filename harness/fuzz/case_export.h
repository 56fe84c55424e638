// A finding's reproducer as a spec case: the minimized session written as steps the runner
// plays exactly as the executor played them (executor.h), so `rfcheck replay` and any suite
// can keep it as a regression test. The case fails while the finding reproduces, through the
// runner's own judges: the crash oracle (the launched server died or its stderr shows a
// sanitizer report), the framing and reply-table oracles on every reply, and the few
// expectations the finding's kind adds (below). Every other expectation accepts any reply or
// a close, so a server that answers differently once fixed still passes. Where the model
// frames commands (IMAP: tags, literals after the "+"), each command is written as the raw
// bytes the executor wrote, tag included, its later parts under `if: {last: "+"}`.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/spec_model.h"
#include "fuzz/executor.h"
#include "fuzz/finding.h"
#include "fuzz/protocol_model.h"
#include "fuzz/session.h"

namespace rfcheck::fuzz {

// id `fuzz.<kind>-<first 12 hex digits of the key>` (the loader's id syntax needs a dot),
// title and quote the finding's message, ref the finding's rule or the protocol's base RFC,
// level MUST, tags [fuzz, <kind>].
//
// `played[i]` holds the replies action i got (missing entries: one reply is assumed for an
// action that waits for one). Per kind:
//   auth-bypass  the offending command's first reply must be 4yz/5yz (or a close)
//   hang         the last command waits `kHangExpectTimeout` for the reply that never came
//   path-escape  every data receive must not contain `canary_secret`
Case export_case(const Session& session, const std::vector<PlayedAction>& played,
                 const FuzzFinding& finding, const ProtocolModel& model,
                 const std::string& canary_secret = {});

// The same case as a standalone suite file (spec/case_writer.h), named after the protocol.
std::string export_case_yaml(const Session& session, const std::vector<PlayedAction>& played,
                             const FuzzFinding& finding, const ProtocolModel& model,
                             const std::string& canary_secret = {});

inline constexpr std::chrono::milliseconds kHangExpectTimeout{5'000};

}  // namespace rfcheck::fuzz
