#include "faults.hpp"

#include <array>

namespace fsmtpd {

namespace {
constexpr std::array<FaultInfo, static_cast<std::size_t>(Fault::Count_)> kFaults{{
    {Fault::NoDotUnstuffing, "no-dot-unstuffing",
     "RFC 2821 4.5.2: a data line starting with '.' is stored with its leading dot kept"},
    {Fault::RcptBeforeMail, "rcpt-before-mail",
     "RFC 2821 4.1.4/4.3.2: RCPT without MAIL answers 250 instead of 503"},
    {Fault::RsetNoClear, "rset-no-clear",
     "RFC 2821 4.1.1.5: RSET answers 250 but keeps sender and recipients (DATA still works)"},
    {Fault::BrokenContinuation, "broken-continuation",
     "RFC 2821 4.2: EHLO's middle reply lines lack the '250-' prefix"},
    {Fault::No354, "no-354", "RFC 2821 4.1.1.4/4.3.2: DATA answered 250 instead of 354"},
    {Fault::BareLf, "bare-lf", "RFC 2821 2.3.7: reply lines end with LF instead of CRLF"},
    {Fault::SecondMailAccepted, "second-mail-accepted",
     "RFC 2821 4.1.4/4.3.2: MAIL inside a transaction answers 250 instead of 503"},
    {Fault::PostmasterRejected, "postmaster-rejected",
     "RFC 2821 4.5.1: RCPT TO:<Postmaster> answered 550"},
    {Fault::CaseSensitive, "case-sensitive",
     "RFC 2821 2.4: command verbs with lower-case letters answered 500"},
    {Fault::QuitNoClose, "quit-no-close",
     "RFC 2821 4.1.1.10: QUIT answers 221 but the connection stays open"},
    {Fault::Crash, "crash", "server process aborts (SIGABRT) on VRFY"},
    {Fault::TruncateBody, "truncate-body",
     "RFC 2821 4.1.1.4/6.1: the last line of the message is dropped on delivery"},
    {Fault::DataEarlyEnd, "data-early-end",
     "RFC 2821 4.1.1.4: LF '.' LF (bare LFs) ends the data; only CRLF.CRLF may"},
    {Fault::WrongGreeting, "wrong-greeting", "RFC 2821 3.1/4.3.2: greeting is 250 instead of 220"},
    {Fault::EhloNoDomain, "ehlo-no-domain",
     "RFC 2821 4.1.1.1: first line of the EHLO reply does not start with the server's domain"},
    {Fault::NoopArgRejected, "noop-arg-rejected",
     "RFC 2821 4.1.1.9: NOOP with a parameter answered 501 (the server SHOULD ignore it)"},
    {Fault::LostRecipient, "lost-recipient",
     "RFC 2821 4.1.1.4/6.1: with 2+ recipients only the first gets the message"},
}};
}  // namespace

std::span<const FaultInfo> all_faults() { return kFaults; }

std::optional<Fault> fault_from_name(std::string_view name) {
  return fcommon::find_fault(all_faults(), name);
}

}  // namespace fsmtpd
