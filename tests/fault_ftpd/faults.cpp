#include "faults.hpp"

#include <array>

namespace fftpd {

namespace {
constexpr std::array<FaultInfo, static_cast<std::size_t>(Fault::Count_)> kFaults{{
    {Fault::WrongCode, "wrong-code", "RFC 959 5.4: NOOP answers 250 (table allows 200, 500, 421)"},
    {Fault::BrokenMultiline, "broken-multiline",
     "RFC 959 4.2: last line of a multi-line reply lacks 'ddd SP', the reply never ends"},
    {Fault::BareLf, "bare-lf", "RFC 959 4.2 / RFC 854: reply lines end with LF instead of CRLF"},
    {Fault::NoLoginRequired, "no-login-required",
     "RFC 959 5.4: commands before login are served instead of 530"},
    {Fault::TypeICorrupt, "type-i-corrupt",
     "RFC 959 3.1.1.3: TYPE I RETR alters one byte in the middle of the file"},
    {Fault::DataLeftOpen, "data-left-open",
     "RFC 959 3.3/4.1.3: data connection not closed after transfer (no EOF), yet 226 sent"},
    {Fault::NoReply, "no-reply", "RFC 959 5.4: PWD is never answered"},
    {Fault::Crash, "crash", "server process aborts (SIGABRT) on SYST"},
    {Fault::AcceptBadPassword, "accept-bad-password",
     "RFC 959 4.1.1/5.4: PASS with a wrong password answers 230 instead of 530"},
    {Fault::NoTypeAConversion, "no-type-a-conversion",
     "RFC 959 3.1.1.1: TYPE A RETR sends bare LF, not NVT-ASCII CRLF"},
    {Fault::RestIgnored, "rest-ignored",
     "RFC 959 4.1.3 REST: 350 given but the next RETR/STOR starts at byte 0"},
    {Fault::RntoWithoutRnfr, "rnto-without-rnfr",
     "RFC 959 4.1.3/5.4: RNTO without RNFR answers 250 instead of 503"},
    {Fault::PasvOtherHost, "pasv-other-host",
     "RFC 959 4.1.2 PASV: 227 names 10.1.2.3, not the server's address"},
    {Fault::CaseSensitive, "case-sensitive",
     "RFC 959 5.3: lower-case command verbs answered 500"},
    {Fault::DeleNoop, "dele-noop", "RFC 959 4.1.3 DELE: 250 but the file is not deleted"},
    {Fault::PathEscape, "path-escape",
     "RFC 2577 / sandbox: CWD .. above the root succeeds and exposes the real parent"},
    {Fault::QuitNoClose, "quit-no-close",
     "RFC 959 4.1.1 QUIT: 221 sent but the control connection stays open"},
    {Fault::MkdBadQuote, "mkd-bad-quote",
     "RFC 959 Appendix II: 257 path of MKD/PWD not enclosed in double quotes"},
    {Fault::StouUnnamed, "stou-unnamed",
     "RFC 959 4.1.3 STOU: neither the 150 nor the 226 names the file created"},
}};
}  // namespace

std::span<const FaultInfo> all_faults() { return kFaults; }

std::optional<Fault> fault_from_name(std::string_view name) {
  return fcommon::find_fault(all_faults(), name);
}

}  // namespace fftpd
