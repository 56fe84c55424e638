// The mutator's IMAP-only edits (ProtocolModel::protocol_edit of the IMAP fuzz model): what
// the generic edits cannot make because they know no IMAP syntax. Each rewrites one action
// of the session (or adds one when none fits) and keeps every payload bounded: a literal
// announced at 4294967295 octets carries the few octets the session already had.
#pragma once

#include <random>
#include <string>

#include "fuzz/session.h"

namespace rfcheck::fuzz {

// One of the edits below, chosen at random; false when it changed nothing.
bool imap_protocol_edit(Session& session, std::mt19937& rng);

// A command goes out raw with a hostile tag (the executor tags commands itself, so a raw line
// is how the server sees exactly this one): none, "+", "*", the same tag twice in one
// pipeline, a tag already used, atom-specials, the longest tag the codec remembers, empty.
bool imap_tag_edit(Session& session, std::mt19937& rng);

// Part of a command's argument becomes a literal whose announcement lies: shorter, longer,
// zero, {4294967295}, {99999999999999999999}, {-1}, {}, or {n+} (LITERAL+, RFC 7888, which
// a server that does not offer it must not take).
bool imap_literal_edit(Session& session, std::mt19937& rng);

// The sequence set of a FETCH, STORE, COPY, SEARCH or their UID forms becomes a hostile one:
// 0, *, reversed, beyond 32 bits, malformed, or a list of thousands of numbers.
bool imap_sequence_set_edit(Session& session, std::mt19937& rng);

// A parenthesized list nested hundreds or thousands deep (or left unbalanced) where the
// command takes a list: FETCH items, STORE and APPEND flags, SEARCH keys, STATUS items.
bool imap_nested_list_edit(Session& session, std::mt19937& rng);

// The longest announcement or set an edit writes stays below this (the payloads stay small
// beside libFuzzer's -max_len and kMaxPayload; the mutator trims to max_len anyway).
inline constexpr std::size_t kImapEditMaxBytes = 16 * 1024;

}  // namespace rfcheck::fuzz
