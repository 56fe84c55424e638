// The IMAP plug-in's housekeeping on servers rfcheck cannot reset: the provisioning steps,
// the names LIST responses carry, and that removal touches only the case's own mailboxes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "proto/imap_codec.h"
#include "protocols/imap/imap_mailbox_housekeeping.h"

namespace rfcheck {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<proto::Reply> responses(const std::string& sent, const std::string& bytes) {
  proto::ImapCodec codec;
  codec.on_sent(sent);
  auto out = codec.feed("* OK hi\r\n" + bytes);
  out.replies.erase(out.replies.begin());
  return out.replies;
}

TEST(ImapHousekeeping, ListedNamesInEveryForm) {
  const auto r = responses("a1 LIST \"\" *\r\n",
                           "* LIST (\\HasNoChildren) \".\" plain\r\n"
                           "* LIST () \"/\" \"with space\"\r\n"
                           "* LIST (\\Noselect) NIL \"q\\\"uote\"\r\n"
                           "* LIST () \"\\\\\" back\r\n"
                           "* LIST () \".\" {4}\r\nlit.\r\n"
                           "a1 OK done\r\n");
  EXPECT_THAT(imap_listed_names(r), ElementsAre("plain", "with space", "q\"uote", "back", "lit."));
}

TEST(ImapHousekeeping, ProvisionCreatesThenAppendsEachMessageInOrder) {
  MaildropMessage a{"a", "a.eml", "Subject: a\n\nx\n"}, b{"b", "b.eml", "Subject: b\n\ny\n"};
  const auto steps = imap_provision_mailbox({a, b});
  std::vector<std::string> sent;
  for (const auto& s : steps) {
    if (s.kind != Step::Kind::kSend) continue;
    sent.push_back(s.parts.empty() ? s.text : s.parts[0].text + "<" + s.parts[1].text + ">");
  }
  EXPECT_THAT(sent, ElementsAre("LOGIN {user} {password}", "CREATE {maildrop.mailbox}",
                                "APPEND {maildrop.mailbox} <a>", "APPEND {maildrop.mailbox} <b>",
                                "LOGOUT"));
}

TEST(ImapHousekeeping, RemovesOnlyNamesHoldingTheToken) {
  std::vector<std::string> commands;
  int lists = 0;
  const HousekeepingCommand command = [&](const std::string& text) {
    commands.push_back(text);
    std::string reply = "a1 OK\r\n";
    if (text.rfind("LIST", 0) == 0 && lists++ == 0) {
      reply = "* LIST () \".\" tok-1\r\n* LIST () \".\" other\r\n* LIST () \".\" tok-1.child\r\n" + reply;
    }
    return std::optional<std::vector<proto::Reply>>(responses("a1 X\r\n", reply));
  };
  const std::string report = imap_remove_case_mailboxes(
      command, {{"user", "al\"ice"}, {"password", "p w"}}, "tok");
  EXPECT_THAT(commands, ElementsAre("LOGIN \"al\\\"ice\" \"p w\"", "LIST \"\" \"*tok*\"",
                                    "DELETE \"tok-1.child\"", "DELETE \"tok-1\"",
                                    "LIST \"\" \"*tok*\"", "LOGOUT"));
  EXPECT_EQ(report, "removed tok-1.child, tok-1");
}

}  // namespace
}  // namespace rfcheck
