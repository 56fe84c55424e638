// How the fuzzer writes an IMAP command and reads its answer (RFC 3501 2.2, 4.3, 7): the
// ProtocolModel hooks frame_command and interim_reply of the IMAP fuzz model.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "fuzz/protocol_model.h"
#include "proto/reply.h"

namespace rfcheck::fuzz {

// The tag of the connection's index-th command (from 0): a001, a002, ... as the runner's
// ControlConnection::next_tag numbers them, so transcripts read alike.
std::string imap_fuzz_tag(std::size_t index);

// The command line with its tag in front, cut after each synchronizing literal's
// announcement ("{n}" CRLF) that more octets follow: those wait for the server's "+". The
// literal's octets are skipped by the announced count, as the codec and the server skip them
// (proto::imap_literal_size), so an announcement that lies cuts where they would read. A
// non-synchronizing "{n+}" and an unreadable one ("{99999999999999999999}") cut nothing;
// an announcement at the very end leaves the literal to the session's next action.
CommandWire frame_imap_command(std::string_view line, std::size_t index);

// An untagged response while a command is in progress (Reply::answers names it): part of
// that command's answer, whose end is the tagged completion or a continuation request.
// The greeting and untagged data with no command in progress end nothing and are final.
bool imap_interim_reply(const proto::Reply& reply);


}  // namespace rfcheck::fuzz
