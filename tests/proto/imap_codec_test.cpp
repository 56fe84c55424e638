#include "proto/imap_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "codec_session.h"

namespace rfcheck::proto {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using namespace std::string_literals;

// An IMAP connection as a pipelining client makes it: everything is sent (on_sent) before
// the server's bytes arrive, in the given pieces.
Session run(const std::string& sent, const std::vector<std::string>& pieces, bool close = false,
            CodecLimits limits = {}) {
  return run_after_sent<ImapCodec>(sent, pieces, close, limits);
}

Session run_bytewise(const std::string& sent, const std::string& bytes, bool close = false) {
  return run_after_sent_bytewise<ImapCodec>(sent, bytes, close);
}

std::vector<std::string> tags(const Session& s) {
  std::vector<std::string> out;
  for (const auto& r : s.replies) out.push_back(r.tag);
  return out;
}

const std::string kGreeting = "* OK IMAP4rev1 Service Ready\r\n";

// The greeting, then the responses to `sent`; the greeting is dropped from the result.
Session after_greeting(const std::string& sent, const std::string& bytes,
                       CodecLimits limits = {}) {
  Session s = run(sent, {kGreeting + bytes}, false, limits);
  EXPECT_FALSE(s.replies.empty());
  if (!s.replies.empty()) s.replies.erase(s.replies.begin());
  return s;
}

// ---- Helpers ----

TEST(ImapCodec, StatusWords) {
  for (const std::string w : {"OK", "ok", "No", "BAD", "bad", "PREAUTH", "preauth", "BYE"}) {
    EXPECT_TRUE(imap_is_status_word(w)) << w;
  }
  for (const std::string w : {"", "O", "OKAY", "CAPABILITY", "EXISTS", "+", "*", "OK "}) {
    EXPECT_FALSE(imap_is_status_word(w)) << w;
  }
}

TEST(ImapCodec, LiteralSizeAtTheEndOfALine) {
  struct Case {
    std::string line;
    bool found, valid, plus;
    std::uint64_t size;
  };
  const Case cases[] = {
      {"* 1 FETCH (BODY[] {342}", true, true, false, 342},
      {"a1 LOGIN {5}\r\n", true, true, false, 5},
      {"a1 LOGIN {5}\n", true, true, false, 5},
      {"a1 APPEND x {0}", true, true, false, 0},
      {"a1 APPEND x {12+}", true, true, true, 12},
      {"{18446744073709551615}", true, true, false, 18446744073709551615ull},
      {"{18446744073709551616}", true, false, false, 0},
      {"{99999999999999999999999}", true, false, false, 0},
      {"x {}", true, false, false, 0},
      {"x {+}", true, false, true, 0},
      {"x {5} y", false, false, false, 0},
      {"x {abc}", false, false, false, 0},
      {"x {-5}", false, false, false, 0},
      {"x 5}", false, false, false, 0},
      {"x {5", false, false, false, 0},
      {"", false, false, false, 0},
  };
  for (const auto& c : cases) {
    const ImapLiteralSize l = imap_literal_size(c.line);
    EXPECT_EQ(l.found, c.found) << c.line;
    EXPECT_EQ(l.valid, c.valid) << c.line;
    EXPECT_EQ(l.non_synchronizing, c.plus) << c.line;
    EXPECT_EQ(l.size, c.size) << c.line;
  }
}

// ---- Greetings (RFC 3501 7.1) ----

TEST(ImapCodec, Greetings) {
  const std::map<std::string, std::pair<std::string, std::string>> greetings = {
      {"* OK IMAP4rev1 Service Ready", {"OK", ""}},
      {"* ok [CAPABILITY IMAP4rev1 STARTTLS] hi", {"OK", "CAPABILITY IMAP4rev1 STARTTLS"}},
      {"* PREAUTH IMAP4rev1 server logged in as Smith", {"PREAUTH", ""}},
      {"* BYE Autologout; idle for too long", {"BYE", ""}},
      {"* BYE [ALERT] going down", {"BYE", "ALERT"}},
  };
  for (const auto& [line, expected] : greetings) {
    ImapCodec codec;
    const CodecOutput out = codec.feed(line + "\r\n");
    ASSERT_EQ(out.replies.size(), 1u) << line;
    const Reply& r = out.replies[0];
    EXPECT_EQ(r.tag, "*");
    EXPECT_EQ(r.status, expected.first) << line;
    EXPECT_EQ(r.response_code, expected.second) << line;
    EXPECT_EQ(r.code, 0);
    EXPECT_THAT(r.lines, ElementsAre(line));
    EXPECT_EQ(r.raw, line + "\r\n");
    EXPECT_THAT(r.literals, IsEmpty());
    EXPECT_THAT(out.findings, IsEmpty()) << line;
    EXPECT_FALSE(codec.in_reply());
  }
}

TEST(ImapCodec, BadGreeting) {
  for (const std::string line : {"* NO go away", "* CAPABILITY IMAP4rev1", "+ hello",
                                 "a1 OK hi", "220 ftp"}) {
    const Session s = run("", {line + "\r\n"});
    ASSERT_EQ(s.replies.size(), 1u) << line;
    ASSERT_FALSE(s.findings.empty()) << line;
    EXPECT_EQ(s.findings.back().kind, "bad-greeting") << line;
    EXPECT_EQ(s.findings.back().ref, "RFC 3501 7.1");
  }
}

// ---- Tagged completions (RFC 3501 7.1) ----

TEST(ImapCodec, TaggedCompletionsWithAndWithoutCodes) {
  Session s = after_greeting(
      "a001 LOGIN smith sesame\r\nA142 SELECT INBOX\r\nA143 EXAMINE x\r\na3 CREATE y\r\n"
      "a4 NOOP\r\na5 bogus\r\n",
      "a001 OK LOGIN completed\r\n"
      "A142 OK [READ-WRITE] SELECT completed\r\n"
      "A143 ok [READ-ONLY] EXAMINE completed\r\n"
      "a3 NO [TRYCREATE] no such mailbox\r\n"
      "a4 NO\r\n"
      "a5 BAD [PARSE] command unknown\r\n");
  EXPECT_THAT(tags(s), ElementsAre("a001", "A142", "A143", "a3", "a4", "a5"));
  EXPECT_THAT(statuses(s), ElementsAre("OK", "OK", "OK", "NO", "NO", "BAD"));
  std::vector<std::string> codes;
  for (const auto& r : s.replies) codes.push_back(r.response_code);
  EXPECT_THAT(codes, ElementsAre("", "READ-WRITE", "READ-ONLY", "TRYCREATE", "", "PARSE"));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, PendingTagsAreCompletedOutOfOrder) {
  ImapCodec codec;
  codec.on_sent("a1 NOOP\r\na2 NOOP\r\na3 NOOP\r\n");
  EXPECT_EQ(codec.pending_commands(), 3u);
  Session s;
  s.add(codec.feed(kGreeting + "a2 OK\r\na1 OK\r\n"));
  EXPECT_EQ(codec.pending_commands(), 1u);
  s.add(codec.feed("a3 OK\r\n"));
  EXPECT_EQ(codec.pending_commands(), 0u);
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, EachResponseSaysWhatItAnswers) {
  ImapCodec codec;
  EXPECT_EQ(codec.awaiting(), 1u);  // the greeting
  codec.on_sent("a1 SELECT INBOX\r\na2 uid fetch 1 FLAGS\r\na3 APPEND x {3}\r\n");
  EXPECT_EQ(codec.awaiting(), 4u);
  Session s;
  s.add(codec.feed(kGreeting + "* 2 EXISTS\r\na1 OK\r\n* 1 FETCH (UID 4 FLAGS ())\r\n"
                   "a2 OK\r\n+ go\r\n"));
  EXPECT_EQ(codec.awaiting(), 1u);
  codec.on_sent("abc\r\n");
  s.add(codec.feed("a3 OK\r\n* 3 EXISTS\r\n"));
  EXPECT_EQ(codec.awaiting(), 0u);
  std::vector<std::string> answers;
  for (const auto& r : s.replies) answers.push_back(r.answers.value_or("(none)"));
  // greeting, SELECT's data and completion, UID FETCH's, APPEND's go-ahead and completion,
  // then data with no command in progress.
  EXPECT_THAT(answers, ElementsAre("", "SELECT", "SELECT", "UID FETCH", "UID FETCH", "APPEND",
                                   "APPEND", ""));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, UnknownTag) {
  const Session s = after_greeting("a1 NOOP\r\n", "a1 OK\r\na1 OK again\r\nzz9 NO never sent\r\n");
  EXPECT_THAT(tags(s), ElementsAre("a1", "a1", "zz9"));
  ASSERT_THAT(s.kinds(), ElementsAre("unknown-tag", "unknown-tag"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("\"a1\""));
  EXPECT_THAT(s.findings[1].message, HasSubstr("\"zz9\""));
  EXPECT_EQ(s.findings[0].ref, "RFC 3501 2.2.2");
}

TEST(ImapCodec, TaggedResponseThatIsNoCompletion) {
  const Session s =
      after_greeting("a1 NOOP\r\na2 NOOP\r\n", "a1 PREAUTH x\r\na2 OK [ALERT oops\r\n");
  EXPECT_THAT(statuses(s), ElementsAre("", "OK"));
  EXPECT_EQ(s.replies[1].response_code, "");
  EXPECT_THAT(s.kinds(), ElementsAre("bad-response", "bad-response"));
}

// ---- Untagged data (RFC 3501 7.2 - 7.4) ----

TEST(ImapCodec, UntaggedData) {
  const Session s = after_greeting(
      "a1 SELECT INBOX\r\n",
      "* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n"
      "* 172 EXISTS\r\n"
      "* 1 recent\r\n"
      "* OK [UNSEEN 12] Message 12 is first unseen\r\n"
      "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
      "* OK [UIDNEXT 4392] Predicted next UID\r\n"
      "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
      "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"
      "* LIST (\\Noselect) \"/\" ~/Mail/foo\r\n"
      "* LIST () NIL \"INBOX\"\r\n"
      "* LSUB () \".\" #news.comp.mail.misc\r\n"
      "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n"
      "* SEARCH 2 84 882\r\n"
      "* SEARCH\r\n"
      "* 44 EXPUNGE\r\n"
      "* 23 FETCH (FLAGS (\\Seen) UID 4827313)\r\n"
      "* NO [NEWNAME old new] renamed\r\n"
      "* BAD bad things\r\n"
      "a1 OK [READ-WRITE] SELECT completed\r\n");
  EXPECT_THAT(statuses(s), ElementsAre("CAPABILITY", "EXISTS", "RECENT", "OK", "OK", "OK",
                                       "FLAGS", "OK", "LIST", "LIST", "LSUB", "STATUS",
                                       "SEARCH", "SEARCH", "EXPUNGE", "FETCH", "NO", "BAD",
                                       "OK"));
  EXPECT_EQ(s.replies[3].response_code, "UNSEEN 12");
  EXPECT_EQ(s.replies[4].response_code, "UIDVALIDITY 3857529045");
  EXPECT_EQ(s.replies[7].response_code, "PERMANENTFLAGS (\\Deleted \\Seen \\*)");
  EXPECT_EQ(s.replies[8].lines[0], "* LIST (\\Noselect) \"/\" ~/Mail/foo");
  EXPECT_EQ(s.replies[16].response_code, "NEWNAME old new");
  for (std::size_t i = 0; i + 1 < s.replies.size(); ++i) {
    EXPECT_EQ(s.replies[i].tag, "*");
    EXPECT_EQ(s.replies[i].response_code.empty(), !(i >= 3 && i <= 5) && i != 7 && i != 16);
  }
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, DataKeywordsAreNotStatusResponses) {
  // "[" after a data keyword is data, not a response code.
  const Session s = after_greeting("", "* FETCH [x\r\n* XYZZY [x] y\r\n");
  EXPECT_THAT(statuses(s), ElementsAre("FETCH", "XYZZY"));
  EXPECT_EQ(s.replies[1].response_code, "");
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, BadUntagged) {
  for (const std::string line : {"*", "* ", "*OK", "*  OK", "* 3", "* 3 ", "* (x)",
                                 "* OK [ALERT never closed", "* BYE [", "* 12 (FETCH)"}) {
    const Session s = after_greeting("", line + "\r\n");
    ASSERT_EQ(s.replies.size(), 1u) << line;
    EXPECT_EQ(s.replies[0].tag, "*") << line;
    EXPECT_EQ(s.replies[0].response_code, "") << line;
    EXPECT_THAT(s.kinds(), ElementsAre("bad-untagged")) << line;
    EXPECT_EQ(s.findings[0].ref, "RFC 3501 7");
  }
}

TEST(ImapCodec, BadResponse) {
  for (const std::string line : {"", " a1 OK", "(a1) OK", "a1", "+x", "a+1 OK", "{3} OK"}) {
    const Session s = after_greeting("", line + "\r\n");
    ASSERT_EQ(s.replies.size(), 1u) << line;
    EXPECT_THAT(s.kinds(), ElementsAre("bad-response")) << line;
    EXPECT_EQ(s.findings[0].ref, "RFC 3501 2.2.2");
  }
}

// ---- Literals (RFC 3501 4.3) ----

TEST(ImapCodec, FetchWithALiteralHoldingCrlfAndNul) {
  const std::string body = "Subject: hi\r\n\r\nA\0B\r\n* 9 EXISTS\r\n"s;  // 32 octets
  ASSERT_EQ(body.size(), 32u);
  const std::string response = "* 12 FETCH (FLAGS (\\Seen) BODY[] {32}\r\n" + body + ")\r\n";
  const Session s = after_greeting("a1 FETCH 12 (FLAGS BODY[])\r\n", response + "a1 OK done\r\n");
  ASSERT_EQ(s.replies.size(), 2u);
  const Reply& r = s.replies[0];
  EXPECT_EQ(r.tag, "*");
  EXPECT_EQ(r.status, "FETCH");
  EXPECT_THAT(r.literals, ElementsAre(body));
  EXPECT_THAT(r.lines, ElementsAre("* 12 FETCH (FLAGS (\\Seen) BODY[] {32}", ")"));
  EXPECT_EQ(r.raw, response);
  EXPECT_EQ(s.replies[1].status, "OK");
  EXPECT_THAT(s.findings, IsEmpty());  // the NUL and CRLFs are the literal's, no fault
}

TEST(ImapCodec, SeveralLiteralsInOneResponse) {
  const std::string response =
      "* 1 FETCH (BODY[HEADER] {5}\r\nab\r\nc BODY[TEXT] {0}\r\n UID 7 X {3}\r\n{1})\r\n";
  const Session s = after_greeting("", response);
  ASSERT_EQ(s.replies.size(), 1u);
  const Reply& r = s.replies[0];
  EXPECT_THAT(r.literals, ElementsAre("ab\r\nc", "", "{1}"));
  EXPECT_THAT(r.lines, ElementsAre("* 1 FETCH (BODY[HEADER] {5}", " BODY[TEXT] {0}",
                                   " UID 7 X {3}", ")"));
  EXPECT_EQ(r.raw, response);
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, LiteralsInListAndTaggedLines) {
  const Session s = after_greeting("a1 LIST \"\" *\r\n",
                                   "* LIST () \"/\" {7}\r\nfoo bar\r\na1 OK {2}\r\nhi done\r\n");
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_THAT(s.replies[0].literals, ElementsAre("foo bar"));
  EXPECT_THAT(s.replies[0].lines, ElementsAre("* LIST () \"/\" {7}", ""));
  EXPECT_EQ(s.replies[1].tag, "a1");
  EXPECT_THAT(s.replies[1].literals, ElementsAre("hi"));
  EXPECT_THAT(s.replies[1].lines, ElementsAre("a1 OK {2}", " done"));
}

TEST(ImapCodec, HugeLiteralIsReadButNotStored) {
  const CodecLimits limits{1024, 100, 4096};
  ImapCodec codec(limits);
  codec.on_sent("a1 FETCH 1 BODY[]\r\n");
  Session s;
  s.add(codec.feed(kGreeting + "* 1 FETCH (BODY[] {9999999999}\r\n"));
  EXPECT_TRUE(codec.in_reply());
  const std::string chunk(64 * 1024, 'm');
  for (int i = 0; i < 64; ++i) s.add(codec.feed(chunk));  // 4 MiB of it
  EXPECT_TRUE(codec.in_reply());
  s.add(codec.finish());
  ASSERT_EQ(s.replies.size(), 2u);
  const Reply& r = s.replies[1];
  std::size_t total = 0;
  for (const auto& l : r.literals) total += l.size();
  EXPECT_EQ(total, 4096u);
  EXPECT_LE(r.raw.size(), std::string("* 1 FETCH (BODY[] {9999999999}\r\n").size() + 4096);
  ASSERT_THAT(s.kinds(), ElementsAre("bad-literal", "literal-too-large", "partial-at-close"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("4294967295"));
  EXPECT_EQ(s.findings[0].ref, "RFC 3501 9");
  EXPECT_THAT(s.findings[1].message, HasSubstr("4096"));
  EXPECT_EQ(s.findings[1].ref, "RFC 3501 4.3");
  EXPECT_THAT(s.findings[2].message, HasSubstr("inside a literal"));
}

TEST(ImapCodec, LiteralLimitIsPerResponseAcrossLiterals) {
  const Session s = after_greeting("", "* 1 FETCH (A {6}\r\n123456 B {6}\r\nabcdef)\r\n"
                                       "* 2 FETCH (A {3}\r\nxyz)\r\n",
                                   CodecLimits{1024, 100, 8});
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_THAT(s.replies[0].literals, ElementsAre("123456", "ab"));
  EXPECT_THAT(s.replies[0].lines, ElementsAre("* 1 FETCH (A {6}", " B {6}", ")"));
  EXPECT_THAT(s.replies[1].literals, ElementsAre("xyz"));  // a new response, a new budget
  EXPECT_THAT(s.kinds(), ElementsAre("literal-too-large"));
}

TEST(ImapCodec, BadLiteralIsText) {
  const Session s =
      after_greeting("", "* OK x {99999999999999999999999}\r\n* OK y {}\r\n* OK z {5+}\r\n");
  ASSERT_EQ(s.replies.size(), 3u);
  for (const auto& r : s.replies) EXPECT_THAT(r.literals, IsEmpty());
  ASSERT_THAT(s.kinds(), ElementsAre("bad-literal", "bad-literal", "bad-literal"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("64 bits"));
  EXPECT_THAT(s.findings[2].message, HasSubstr("{n+}"));
  EXPECT_EQ(s.findings[0].ref, "RFC 3501 4.3");
}

TEST(ImapCodec, LiteralAnnouncedAtTheEndOfAnOverlongLine) {
  const std::string head = "* 1 FETCH (X " + std::string(100, 'x') + " {4}";
  const Session s = after_greeting("", head + "\r\nab\r\n)\r\n", CodecLimits{32, 100});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_THAT(s.replies[0].literals, ElementsAre("ab\r\n"));
  EXPECT_EQ(s.replies[0].lines[0], head.substr(0, 32));
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line"));
}

// ---- Continuations and AUTHENTICATE (RFC 3501 6.2.2, 7.5) ----

TEST(ImapCodec, ContinuationRequest) {
  const Session s = after_greeting("A003 APPEND saved-messages (\\Seen) {3}\r\n",
                                   "+ Ready for literal data\r\n+\r\n+ [ALERT] x\r\n");
  EXPECT_THAT(tags(s), ElementsAre("+", "+", "+"));
  EXPECT_THAT(statuses(s), ElementsAre("+", "+", "+"));
  EXPECT_EQ(s.replies[2].response_code, "ALERT");
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, AuthenticateExchange) {
  // RFC 3501 6.2.2's example; the SASL answers are no commands, whatever they look like.
  ImapCodec codec;
  Session s;
  s.add(codec.feed(kGreeting));
  codec.on_sent("A001 AUTHENTICATE GSSAPI\r\n");
  s.add(codec.feed("+ \r\n"));
  codec.on_sent("YIIB+wYJKoZIhvcSAQICAQBuggHqMIIB5qADAgEF\r\n");
  s.add(codec.feed("+ YGgGCSqGSIb3EgECAgIAb1kwV6ADAgEFoQMCAQ\r\n"));
  codec.on_sent("\r\n");  // an empty answer
  s.add(codec.feed(
      "+ YDMGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n"));
  codec.on_sent("a9 NOOP\r\n");  // an answer that looks like a command
  EXPECT_EQ(codec.pending_commands(), 1u);
  s.add(codec.feed("A001 OK GSSAPI authentication successful\r\n"));
  EXPECT_EQ(codec.pending_commands(), 0u);
  codec.on_sent("a2 SELECT INBOX\r\n");  // a command again
  EXPECT_EQ(codec.pending_commands(), 1u);
  s.add(codec.feed("a2 OK\r\n"));
  EXPECT_THAT(tags(s), ElementsAre("*", "+", "+", "+", "A001", "a2"));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, CommandPipelinedBehindASaslAnswerIsACommand) {
  // One answer per challenge (RFC 3501 6.2.2): a line sent while no challenge is open is the
  // next command, whose completion is no unknown tag.
  ImapCodec codec;
  Session s;
  s.add(codec.feed(kGreeting));
  codec.on_sent("a1 AUTHENTICATE PLAIN\r\n");
  s.add(codec.feed("+ \r\n"));
  codec.on_sent("AGFsaWNlAHMzY3JldA==\r\na2 NOOP\r\n");
  EXPECT_EQ(codec.pending_commands(), 2u);
  s.add(codec.feed("a1 OK in\r\na2 OK\r\n"));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, ZeroLengthLiteralRefusedThenANewCommand) {
  // "{0}" announced, refused with a completion: the client's next line is a new command.
  ImapCodec codec;
  Session s;
  s.add(codec.feed(kGreeting));
  codec.on_sent("a1 NOOP {0}\r\n");
  s.add(codec.feed("a1 BAD no literal here\r\n"));
  codec.on_sent("a2 NOOP\r\n");
  s.add(codec.feed("a2 OK\r\n"));
  EXPECT_THAT(tags(s), ElementsAre("*", "a1", "a2"));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, NoTagsAreRememberedForPlusStarOrOverlongTags) {
  const std::string long_tag(kImapMaxTag + 1, 't');
  ImapCodec codec;
  codec.on_sent("+ NOOP\r\n* NOOP\r\n" + long_tag + " NOOP\r\n");
  EXPECT_EQ(codec.pending_commands(), 0u);
  Session s;
  s.add(codec.feed(kGreeting + "* BAD no tag\r\n" + long_tag + " OK\r\n"));
  EXPECT_THAT(s.findings, IsEmpty());  // the long tag's completion is no unknown tag
}

TEST(ImapCodec, AuthenticateCancelled) {
  const Session s = after_greeting("a1 authenticate PLAIN\r\n*\r\n",
                                   "+ \r\na1 BAD [CANNOT] cancelled\r\n");
  EXPECT_THAT(statuses(s), ElementsAre("+", "BAD"));
  EXPECT_EQ(s.replies[1].response_code, "CANNOT");
  EXPECT_THAT(s.findings, IsEmpty());
}

// ---- Client literals (RFC 3501 4.3, 7.5; RFC 7888) ----

TEST(ImapCodec, ClientLiteralPayloadIsNoCommand) {
  const std::string payload = "a9 NOOP\r\nb7 LOGOUT\r\n";  // 21 octets that look like commands
  ImapCodec codec;
  codec.on_sent("a1 APPEND INBOX {21}\r\n");
  codec.on_sent(payload.substr(0, 5));
  codec.on_sent(payload.substr(5) + " {3+}\r\nc3\n\r\n");  // the line goes on with a LITERAL+
  codec.on_sent("a2 NOOP\r\n");
  EXPECT_EQ(codec.pending_commands(), 2u);
  Session s;
  s.add(codec.feed(kGreeting + "+ go ahead\r\na1 OK APPEND completed\r\na9 OK\r\nc3 OK\r\n"
                               "a2 OK\r\n"));
  EXPECT_THAT(tags(s), ElementsAre("*", "+", "a1", "a9", "c3", "a2"));
  EXPECT_THAT(s.kinds(), ElementsAre("unknown-tag", "unknown-tag"));
  EXPECT_EQ(codec.pending_commands(), 0u);
}

TEST(ImapCodec, RefusedSynchronizingLiteralIsNotSent) {
  // RFC 3501 7.5: the server refuses the literal with a completion; the client sends none.
  ImapCodec codec;
  Session s;
  s.add(codec.feed(kGreeting));
  codec.on_sent("a1 APPEND INBOX {999999}\r\n");
  s.add(codec.feed("a1 NO [TOOBIG] no thanks\r\n"));
  codec.on_sent("a2 NOOP\r\n");
  EXPECT_EQ(codec.pending_commands(), 1u);
  s.add(codec.feed("a2 OK\r\n"));
  EXPECT_THAT(s.findings, IsEmpty());
}

// ---- Line faults ----

TEST(ImapCodec, LineFindingsOncePerResponse) {
  const Session s = after_greeting(
      "", "* OK a\0b\0\n* 1 FETCH (X {2}\n\0\0 Y\r\rz\0 {1}\nQ)\n* OK clean\r\n"s);
  ASSERT_EQ(s.replies.size(), 3u);
  EXPECT_THAT(s.replies[1].literals, ElementsAre("\0\0"s, "Q"));
  EXPECT_THAT(s.replies[1].lines, ElementsAre("* 1 FETCH (X {2}", " Y\r\rz\0 {1}"s, ")"));
  EXPECT_THAT(s.kinds(), ElementsAre("nul-byte", "bare-lf", "bare-lf", "cr-in-line",
                                     "nul-byte"));
}

TEST(ImapCodec, CrlfSplitAcrossFeedsIsNoFinding) {
  const Session s = run("", {"* OK hi\r", "\n* 1 FETCH (X {1}\r", "\n\r", ")\r", "\n"});
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_THAT(s.replies[1].literals, ElementsAre("\r"));
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(ImapCodec, OverlongLineIsCut) {
  const Session s = after_greeting("", "* OK " + std::string(100, 'x') + "\r\n* OK\r\n",
                                   CodecLimits{32, 100});
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[0].lines[0], "* OK " + std::string(27, 'x'));
  EXPECT_EQ(s.replies[0].raw, "* OK " + std::string(27, 'x') + "\r\n");
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line"));
  EXPECT_EQ(s.findings[0].ref, "RFC 3501 2.2");
}

TEST(ImapCodec, TooManyLines) {
  std::string response = "* 1 FETCH (";
  for (int i = 0; i < 10; ++i) response += "X {1}\r\n" + std::to_string(i);
  response += ")\r\n";
  const Session s = after_greeting("", response + "* OK\r\n", CodecLimits{1024, 4});
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[0].lines.size(), 4u);
  EXPECT_THAT(s.replies[0].literals, ElementsAre("0", "1", "2", "3"));
  EXPECT_EQ(s.replies[0].raw, response);
  EXPECT_THAT(s.kinds(), ElementsAre("too-many-lines"));
}

// ---- The close ----

TEST(ImapCodec, InReplyWhileALineOrALiteralIsOpen) {
  ImapCodec codec;
  EXPECT_FALSE(codec.in_reply());
  codec.feed("* O");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("K\r");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("\n* 1 FETCH (X {3}\r\n");
  EXPECT_TRUE(codec.in_reply());  // inside the literal
  codec.feed("abc");
  EXPECT_TRUE(codec.in_reply());  // the literal is done, the response is not
  codec.feed(")\r\n");
  EXPECT_FALSE(codec.in_reply());
}

TEST(ImapCodec, FinishInsideALiteral) {
  const Session s = run("", {kGreeting + "* 1 FETCH (X {10}\r\nabc"}, true);
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_THAT(s.replies[1].literals, ElementsAre("abc"));
  EXPECT_EQ(s.replies[1].raw, "* 1 FETCH (X {10}\r\nabc");
  ASSERT_THAT(s.kinds(), ElementsAre("partial-at-close"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("7 short"));
  EXPECT_EQ(s.findings[0].ref, "RFC 3501 4.3");
}

TEST(ImapCodec, FinishRightAfterALiteral) {
  const Session s = run("", {kGreeting + "* 1 FETCH (X {3}\r\nabc"}, true);
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close"));
}

TEST(ImapCodec, FinishInsideALine) {
  // The cut line announces no literal and is not judged: only partial-at-close.
  for (const std::string tail : {"* 1 FETCH (X {3}", "a1 O", "* ", "+x", "a9 OK\r"}) {
    const Session s = run("a1 NOOP\r\na9 NOOP\r\n", {kGreeting + tail}, true);
    ASSERT_EQ(s.replies.size(), 2u) << tail;
    EXPECT_EQ(s.replies[1].raw, tail);
    EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close")) << tail;
    EXPECT_EQ(s.findings[0].ref, "RFC 3501 2.2");
  }
}

TEST(ImapCodec, FinishResetsForANewConnection) {
  ImapCodec codec;
  codec.on_sent("a1 NOOP\r\na2 APPEND x {100}\r\nabc");
  Session s;
  s.add(codec.feed(kGreeting + "* 1 EXISTS\r\n"));
  s.add(codec.finish());
  EXPECT_EQ(codec.pending_commands(), 0u);
  EXPECT_FALSE(codec.in_reply());
  codec.on_sent("b1 NOOP\r\n");  // a command, not the rest of the old literal
  EXPECT_EQ(codec.pending_commands(), 1u);
  s.add(codec.feed("* NO not a greeting\r\nb1 OK\r\n"));
  EXPECT_THAT(s.kinds(), ElementsAre("bad-greeting"));
}

TEST(ImapCodec, NoGreetingAfterTls) {
  ImapCodec codec;
  codec.on_sent("a1 STARTTLS\r\n");
  Session s;
  s.add(codec.feed(kGreeting + "a1 OK Begin TLS negotiation now\r\n"));
  codec.on_tls_started();
  codec.on_sent("a2 CAPABILITY\r\n");
  s.add(codec.feed("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\na2 OK\r\n"));
  EXPECT_THAT(statuses(s), ElementsAre("OK", "OK", "CAPABILITY", "OK"));
  EXPECT_THAT(s.findings, IsEmpty());
}

// ---- A whole session, split every way ----

const std::string kSent =
    "a1 CAPABILITY\r\n"
    "a2 LOGIN {4}\r\nfred {6+}\r\nsecret\r\n"
    "a3 SELECT {5}\r\nINBOX\r\n"
    "a4 FETCH 1:2 (FLAGS BODY[])\r\n"
    "a5 APPEND INBOX {12+}\r\na0 NOOP\r\nxx\r\n"
    "a6 LOGOUT\r\n";
const std::string kServer =
    "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"
    "* CAPABILITY IMAP4rev1 AUTH=PLAIN LITERAL+\r\n"
    "a1 OK done\r\n"
    "+ Ready\r\n"
    "a2 OK [CAPABILITY IMAP4rev1] logged in\r\n"
    "+ go\r\n"
    "* 2 EXISTS\r\n"
    "* OK [UIDVALIDITY 3857529045] ok\r\n"
    "a3 OK [READ-WRITE] selected\r\n"
    "* 1 FETCH (FLAGS (\\Seen) BODY[] {12}\r\nhi\0\r\na0 OK\r\n)\r\n"s
    "* 2 FETCH (BODY[] {2}\r\n..)\n"
    "a4 OK fetched\0\r\n"s
    "a5 OK [APPENDUID 38505 3955] done\r\n"
    "a0 OK late\r\n"
    "(junk) line\r\n"
    "* \r\n"
    "* BYE logging out\r\n"
    "a6 OK\r\n"
    "* 3 FETCH (BODY[] {40}\r\npartial";

TEST(ImapCodec, FullSessionResponsesAndFindings) {
  const Session s = run(kSent, {kServer}, true);
  EXPECT_THAT(tags(s), ElementsAre("*", "*", "a1", "+", "a2", "+", "*", "*", "a3", "*", "*",
                                   "a4", "a5", "a0", "", "*", "*", "a6", "*"));
  EXPECT_THAT(statuses(s), ElementsAre("OK", "CAPABILITY", "OK", "+", "OK", "+", "EXISTS",
                                       "OK", "OK", "FETCH", "FETCH", "OK", "OK", "OK", "", "",
                                       "BYE", "OK", "FETCH"));
  EXPECT_THAT(s.replies[9].literals, ElementsAre("hi\0\r\na0 OK\r\n"s));
  EXPECT_THAT(s.replies[10].literals, ElementsAre(".."));
  EXPECT_THAT(s.replies[18].literals, ElementsAre("partial"));
  EXPECT_THAT(s.kinds(), ElementsAre("bare-lf", "nul-byte", "unknown-tag", "bad-response",
                                     "bad-untagged", "partial-at-close"));
}

TEST(ImapCodec, EverySplitIntoTwoFeedsGivesTheSameResult) {
  const Session whole = run(kSent, {kServer}, true);
  ASSERT_EQ(whole.replies.size(), 19u);
  for (std::size_t cut = 0; cut <= kServer.size(); ++cut) {
    const Session split = run(kSent, {kServer.substr(0, cut), kServer.substr(cut)}, true);
    expect_same(whole, split, "split at " + std::to_string(cut));
  }
}

TEST(ImapCodec, EverySplitOfTheClientBytesGivesTheSameResult) {
  const Session whole = run(kSent, {kServer}, true);
  for (std::size_t cut = 0; cut <= kSent.size(); ++cut) {
    ImapCodec codec;
    codec.on_sent(kSent.substr(0, cut));
    codec.on_sent(kSent.substr(cut));
    Session s;
    s.add(codec.feed(kServer));
    s.add(codec.finish());
    expect_same(whole, s, "client split at " + std::to_string(cut));
  }
}

TEST(ImapCodec, EverySplitIntoThreeFeedsOfALiteralResponse) {
  const std::string bytes = kGreeting + "* 1 FETCH (A {4}\r\n\r\n\0\n B {0}\r\n)\n* OK\r\n"s;
  const Session whole = run("", {bytes});
  ASSERT_EQ(whole.replies.size(), 3u);
  for (std::size_t a = 0; a <= bytes.size(); ++a) {
    for (std::size_t b = a; b <= bytes.size(); ++b) {
      expect_same(
          whole, run("", {bytes.substr(0, a), bytes.substr(a, b - a), bytes.substr(b)}),
          "cuts " + std::to_string(a) + "," + std::to_string(b));
    }
  }
}

TEST(ImapCodec, ByteByByteGivesTheSameResult) {
  expect_same(run(kSent, {kServer}, true), run_bytewise(kSent, kServer, true),
                   "byte by byte");
}

TEST(ImapCodec, FindingsNameTheirSections) {
  const std::map<std::string, std::string> refs = {
      {"bare-lf", "RFC 3501 2.2"},         {"nul-byte", "RFC 3501 9"},
      {"unknown-tag", "RFC 3501 2.2.2"},   {"bad-response", "RFC 3501 2.2.2"},
      {"bad-untagged", "RFC 3501 7"},      {"partial-at-close", "RFC 3501 4.3"},
  };
  for (const auto& f : run(kSent, {kServer}, true).findings) {
    ASSERT_TRUE(refs.count(f.kind)) << f.kind;
    EXPECT_EQ(f.ref, refs.at(f.kind)) << f.kind;
    EXPECT_THAT(f.message, HasSubstr("line at byte ")) << f.kind;
  }
}

TEST(ImapCodec, RandomBytesNeverBreakTheBounds) {
  const CodecLimits limits{64, 8, 256};
  const std::vector<std::string> commands = {"a1 NOOP\r\n", "a2 AUTHENTICATE X\r\n",
                                             "a3 LOGIN {3}\r\n", "abc\r\n",
                                             "a4 APPEND {2+}\r\n", "*\r\n"};
  expect_random_sessions_bounded<ImapCodec>(
      3501, "* +OK a1 {3}\r\n\0[]x"s, commands, limits, [&](const Reply& r) {
        ASSERT_LE(r.literals.size(), limits.max_lines);
        std::size_t total = 0;
        for (const auto& l : r.literals) total += l.size();
        ASSERT_LE(total, limits.max_body);
      });
}

}  // namespace
}  // namespace rfcheck::proto
