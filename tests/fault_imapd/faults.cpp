#include "faults.hpp"

#include <array>

namespace fimapd {

namespace {
// One line each: what the server then does, and the RFC rule it breaks (README.md quotes the
// sentences).
constexpr std::array<FaultInfo, static_cast<std::size_t>(Fault::Count_)> kFaults{{
    {Fault::LiteralShort, "literal-short",
     "RFC 3501 4.3: FETCH BODY[] sends one octet less than the literal's {n} announces"},
    {Fault::BareLf, "bare-lf", "RFC 3501 2.2: response lines end with LF instead of CRLF"},
    {Fault::WrongTag, "wrong-tag",
     "RFC 3501 2.2.2: NOOP is completed with the previous command's tag, not its own"},
    {Fault::CaseSensitive, "case-sensitive",
     "RFC 3501 9: command names with lower-case letters get BAD (they are case-insensitive)"},
    {Fault::LogoutNoBye, "logout-no-bye",
     "RFC 3501 6.1.3: LOGOUT answers OK and closes without the untagged BYE"},
    {Fault::ExamineNoReadOnly, "examine-no-read-only",
     "RFC 3501 6.3.2: EXAMINE's tagged OK lacks the [READ-ONLY] response code"},
    {Fault::SelectNoUidvalidity, "select-no-uidvalidity",
     "RFC 3501 6.3.1: SELECT/EXAMINE send no OK [UIDVALIDITY n]"},
    {Fault::UidvalidityChanges, "uidvalidity-changes",
     "RFC 3501 2.3.1.1: UIDVALIDITY is new at every SELECT although the UIDs stay"},
    {Fault::FailedSelectKeepsMailbox, "failed-select-keeps",
     "RFC 3501 6.3.1: a failed SELECT leaves the previous mailbox selected"},
    {Fault::UnseenCount, "unseen-count",
     "RFC 3501 6.3.1: OK [UNSEEN n] gives the number of unseen messages, not the first one"},
    {Fault::ListPercentStar, "list-percent-star",
     "RFC 3501 6.3.8: LIST/LSUB '%' matches the hierarchy delimiter too (like '*')"},
    {Fault::RenameInboxKeeps, "rename-inbox-keeps",
     "RFC 3501 6.3.5: RENAME INBOX copies the messages and leaves them in INBOX"},
    {Fault::AppendCreates, "append-creates",
     "RFC 3501 6.3.11: APPEND to a missing mailbox creates it and answers OK"},
    {Fault::NoAppendExists, "no-append-exists",
     "RFC 3501 6.3.11: APPEND to the selected mailbox sends no untagged EXISTS"},
    {Fault::CopyNoTrycreate, "copy-no-trycreate",
     "RFC 3501 6.4.7: COPY to a missing mailbox answers NO without [TRYCREATE]"},
    {Fault::UidReuse, "uid-reuse",
     "RFC 3501 2.3.1.1: after EXPUNGE the next new message gets an expunged message's UID"},
    {Fault::CloseSendsExpunge, "close-sends-expunge",
     "RFC 3501 6.4.2: CLOSE sends untagged EXPUNGE responses"},
    {Fault::ExpungeOriginalNumbers, "expunge-original-numbers",
     "RFC 3501 7.4.1: several EXPUNGE responses give the original numbers, not decremented ones"},
    {Fault::ExpungeDuringFetch, "expunge-during-fetch",
     "RFC 3501 7.4.1: another session's expunges are reported during FETCH/STORE/SEARCH"},
    {Fault::RecentTwice, "recent-twice",
     "RFC 3501 2.3.2: \\Recent is shown to every session, not only to the first one told"},
    {Fault::PeekSetsSeen, "peek-sets-seen",
     "RFC 3501 6.4.5: BODY.PEEK[...] sets the \\Seen flag"},
    {Fault::SilentStoreFetch, "silent-store-fetch",
     "RFC 3501 6.4.6: STORE ...FLAGS.SILENT still sends untagged FETCH responses"},
    {Fault::StoreNoFetch, "store-no-fetch",
     "RFC 3501 6.4.6: STORE (not .SILENT) sends no untagged FETCH with the new flags"},
    {Fault::SearchIgnoresNot, "search-ignores-not",
     "RFC 3501 6.4.4: SEARCH NOT key matches what key matches"},
    {Fault::BodystructureFlat, "bodystructure-flat",
     "RFC 3501 7.4.2: nested multiparts are flattened into their parent in BODY/BODYSTRUCTURE"},
    {Fault::SizeLf, "size-lf",
     "RFC 3501 2.3.4: RFC822.SIZE counts each line end as one octet (the file's LF form)"},
    {Fault::HeaderNoBlankLine, "header-no-blank-line",
     "RFC 3501 6.4.5: BODY[HEADER] and RFC822.HEADER leave out the blank line after the header"},
}};
}  // namespace

std::span<const FaultInfo> all_faults() { return kFaults; }

std::optional<Fault> fault_from_name(std::string_view name) {
  return fcommon::find_fault(all_faults(), name);
}

}  // namespace fimapd
