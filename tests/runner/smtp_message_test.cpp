#include "runner/smtp_message.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace rfcheck {
namespace {

namespace fs = std::filesystem;

TEST(SmtpDataContent, StuffsLeadingDotsAndTerminates) {
  EXPECT_EQ(smtp_data_content("a\r\n.b\r\n..\r\n"), "a\r\n..b\r\n...\r\n.\r\n");
  EXPECT_EQ(smtp_data_content(".first"), "..first\r\n.\r\n");
  EXPECT_EQ(smtp_data_content(""), "\r\n.\r\n");
  // A dot inside a line is data, not a line start.
  EXPECT_EQ(smtp_data_content("x.y\r\n"), "x.y\r\n.\r\n");
}

class Maildir : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/rfcheck-maildir-XXXXXX";
    dir_ = mkdtemp(pattern);
    for (const char* sub : {"new", "cur", "tmp"}) fs::create_directories(dir_ / sub);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void deliver(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / "new" / name, std::ios::binary) << content;
  }
  MailboxMatch find(const std::string& message, int ms = 0) {
    return find_delivered(dir_.string(), message,
                          net::Clock::now() + std::chrono::milliseconds(ms));
  }
  fs::path dir_;
};

TEST_F(Maildir, FindsAMessageBelowTraceHeaders) {
  deliver("1", "Received: from x\nReturn-Path: <a@b>\nSubject: hi\n\n.body\n");
  auto m = find("Subject: hi\r\n\r\n.body\r\n");
  EXPECT_TRUE(m.found);
  EXPECT_NE(m.file.find("/new/1"), std::string::npos);
}

TEST_F(Maildir, AMissingFinalLineEndIsAddedAsOnTheWire) {
  deliver("1", "Subject: hi\r\n\r\nlast line\r\n");
  EXPECT_TRUE(find("Subject: hi\r\n\r\nlast line").found);
}

TEST_F(Maildir, AnAlteredBodyIsNotFoundAndTheNewestIsShown) {
  deliver("1", "Subject: hi\n\n..body\n");  // not unstuffed
  auto m = find("Subject: hi\r\n\r\n.body\r\n");
  EXPECT_FALSE(m.found);
  EXPECT_EQ(m.scanned, 1u);
  EXPECT_NE(m.closest.find("..body"), std::string::npos);
}

TEST_F(Maildir, WaitsForALateDelivery) {
  std::thread late([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    deliver("2", "Subject: late\n\nx\n");
  });
  auto m = find("Subject: late\r\n\r\nx\r\n", 3000);
  late.join();
  EXPECT_TRUE(m.found);
}

TEST_F(Maildir, ALostLastLineIsNotFound) {
  deliver("1", "Subject: hi\n\none\n");
  EXPECT_FALSE(find("Subject: hi\r\n\r\none\r\ntwo\r\n").found);
}

}  // namespace
}  // namespace rfcheck

namespace rfcheck {
namespace {

TEST(DeliveredIntact, FieldsAddedAmongTheHeaderPass) {
  // aiosmtpd appends X-Peer etc. at the end of the header section.
  EXPECT_TRUE(delivered_intact("Subject: a\nFrom: b\nX-Peer: c\n\nbody\n",
                               "Subject: a\r\nFrom: b\r\n\r\nbody\r\n"));
}

TEST(DeliveredIntact, FoldedFieldsStayWhole) {
  EXPECT_TRUE(delivered_intact("Received: x\nSubject: a\n long\n\nbody\n",
                               "Subject: a\r\n long\r\n\r\nbody\r\n"));
  EXPECT_FALSE(delivered_intact("Subject: a\n\nbody\n", "Subject: a\r\n long\r\n\r\nbody\r\n"));
}

TEST(DeliveredIntact, ChangedOrReorderedFieldsFail) {
  EXPECT_FALSE(delivered_intact("Subject: A\n\nbody\n", "Subject: a\r\n\r\nbody\r\n"));
  EXPECT_FALSE(delivered_intact("From: b\nSubject: a\n\nbody\n",
                                "Subject: a\r\nFrom: b\r\n\r\nbody\r\n"));
}

TEST(DeliveredIntact, TheBodyMustBeIdentical) {
  EXPECT_FALSE(delivered_intact("Subject: a\nX: y\n\n..body\n", "Subject: a\r\n\r\n.body\r\n"));
  EXPECT_FALSE(delivered_intact("Subject: a\nX: y\n\nbody\n", "Subject: a\r\n\r\nbody\r\nmore\r\n"));
}

}  // namespace
}  // namespace rfcheck
