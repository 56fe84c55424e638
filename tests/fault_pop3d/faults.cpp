#include "faults.hpp"

#include <array>

namespace fpop3d {

namespace {
// One line each: what the server then does, and the RFC sentence it breaks.
constexpr std::array<FaultInfo, static_cast<std::size_t>(Fault::Count_)> kFaults{{
    {Fault::RenumberAfterDele, "renumber-after-dele",
     "RFC 1939 5 DELE: later messages are renumbered, so a deleted message's number is valid again"},
    {Fault::DeleImmediate, "dele-immediate",
     "RFC 1939 5 DELE: the file is removed at DELE, not in the UPDATE state"},
    {Fault::RsetNoUnmark, "rset-no-unmark",
     "RFC 1939 5 RSET: answers +OK but messages marked as deleted stay marked"},
    {Fault::UpdateOnDrop, "update-on-drop",
     "RFC 1939 6: a session ended without QUIT still removes the marked messages"},
    {Fault::UpdateRemovesRetrieved, "removes-retrieved",
     "RFC 1939 6 QUIT: UPDATE also removes messages that were RETRieved but not marked"},
    {Fault::StatCountsDeleted, "stat-counts-deleted",
     "RFC 1939 5 STAT: messages marked as deleted are counted in both totals"},
    {Fault::ListDeleted, "list-deleted",
     "RFC 1939 5 LIST: LIST n of a message marked as deleted answers +OK with its scan listing"},
    {Fault::LfOctets, "lf-octets",
     "RFC 1939 11: STAT/LIST sizes count each line end as one octet (local LF form)"},
    {Fault::NoByteStuffing, "no-byte-stuffing",
     "RFC 1939 3: RETR/TOP lines starting with '.' are sent without the extra '.'"},
    {Fault::NoTerminator, "no-terminator",
     "RFC 1939 3: RETR's multi-line response ends without the final \".\" CRLF line"},
    {Fault::LowercaseOk, "lowercase-ok",
     "RFC 1939 3: positive responses start with \"+ok\" (MUST be upper case)"},
    {Fault::BareLf, "bare-lf", "RFC 1939 3: response lines end with LF instead of CRLF"},
    {Fault::LongGreeting, "long-greeting",
     "RFC 1939 3 / RFC 2449 4: the greeting is 600 octets long (maximum 512 with CRLF)"},
    {Fault::CaseSensitive, "case-sensitive",
     "RFC 1939 3: keywords with lower-case letters answered -ERR (keywords are case-insensitive)"},
    {Fault::StatBeforeLogin, "stat-before-login",
     "RFC 1939 3: STAT in the AUTHORIZATION state answers \"+OK 0 0\" (wrong state MUST get -ERR)"},
    {Fault::PassWithoutUser, "pass-without-user",
     "RFC 1939 7 PASS: PASS without a preceding successful USER logs in"},
    {Fault::AnyPassword, "any-password",
     "RFC 1939 7 PASS: USER with the right name then PASS with any password logs in"},
    {Fault::ApopAnyDigest, "apop-any-digest",
     "RFC 1939 7 APOP: a wrong digest is accepted (MUST get a negative response)"},
    {Fault::ApopNoTimestamp, "apop-no-timestamp",
     "RFC 1939 7 APOP: greeting has no timestamp, yet APOP works (digest of the secret alone)"},
    {Fault::SameTimestamp, "same-timestamp",
     "RFC 1939 7 APOP: every greeting carries the same timestamp (MUST differ each time)"},
    {Fault::NoLock, "no-lock",
     "RFC 1939 4: no exclusive-access lock: a second session logs in to a maildrop in use"},
    {Fault::TopIgnoresCount, "top-ignores-count",
     "RFC 1939 7 TOP: the whole body is sent whatever the number of lines asked"},
    {Fault::TopNoBlankLine, "top-no-blank-line",
     "RFC 1939 7 TOP: the blank line between headers and body is left out"},
    {Fault::UidlUnstable, "uidl-unstable",
     "RFC 1939 7 UIDL: unique-ids change from one session to the next"},
    {Fault::UidlTooLong, "uidl-too-long",
     "RFC 1939 7 UIDL: unique-ids are longer than 70 characters"},
    {Fault::TopUnavailable, "top-unavailable",
     "RFC 2449 6.1: CAPA announces TOP but the TOP command answers -ERR"},
    {Fault::PipeliningDrops, "pipelining-drops",
     "RFC 2449 6.6: commands arriving together with another are dropped unanswered"},
    {Fault::CapaShrinks, "capa-shrinks",
     "RFC 2449 5: CAPA after login omits USER and SASL, announced before login"},
    {Fault::ShortCommandLimit, "short-command-limit",
     "RFC 2449 4: command lines over 47 octets get -ERR (CAPA servers MUST take 255)"},
    {Fault::QuitNoClose, "quit-no-close",
     "RFC 1939 6 QUIT: UPDATE and +OK done, but the connection is not closed"},
}};
}  // namespace

std::span<const FaultInfo> all_faults() { return kFaults; }

std::optional<Fault> fault_from_name(std::string_view name) {
  return fcommon::find_fault(all_faults(), name);
}

}  // namespace fpop3d
