// The small XML reader for S3 responses: what S3 sends, and hostile input.

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "storage/xml.hpp"
#include "unit/error_code_of.hpp"

namespace basin::storage {
namespace {

using basin::testing::CodeOf;

TEST(XmlTest, ParsesAListBucketResult) {
  XmlElement root = ParseXml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<Name>lake</Name><IsTruncated>true</IsTruncated>"
      "<Contents><Key>a &amp; b &lt;c&gt; &#233;&#x4E2D;</Key><Size>12</Size></Contents>"
      "<!-- a comment --><Contents><Key><![CDATA[x<y]]></Key><Size>0</Size></Contents>"
      "<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes><Empty/>"
      "<NextContinuationToken>tok+/=</NextContinuationToken></ListBucketResult>",
      "test");
  EXPECT_EQ(root.name, "ListBucketResult");
  EXPECT_EQ(root.ChildText("IsTruncated"), "true");
  EXPECT_EQ(root.ChildText("NextContinuationToken"), "tok+/=");
  EXPECT_EQ(root.ChildText("Missing"), "");
  ASSERT_EQ(root.children.size(), 7u);
  EXPECT_EQ(root.children[2].ChildText("Key"), "a & b <c> \xC3\xA9\xE4\xB8\xAD");
  EXPECT_EQ(root.children[3].ChildText("Key"), "x<y");
  EXPECT_EQ(root.Child("CommonPrefixes")->ChildText("Prefix"), "dir/");
  EXPECT_NE(root.Child("Empty"), nullptr);
}

TEST(XmlTest, MalformedDocumentsAreCorruptWithAnOffset) {
  std::string message;
  EXPECT_EQ(CodeOf([&] { ParseXml("<a><b></a>", "list response"); }, &message),
            ErrorCode::kCorrupt);
  EXPECT_NE(message.find("list response"), std::string::npos) << message;
  EXPECT_NE(message.find("byte 9"), std::string::npos) << message;
  for (const char* bad :
       {"", "text", "<a>", "<a></a><b/>", "<a>&bogus;</a>", "<a>&#xD800;</a>", "<a>&#99999999;</a>",
        "<a b=c/>", "<!DOCTYPE a><a/>", "<a><!-- x</a>", "<a><![CDATA[x</a>", "<a>&amp</a>"}) {
    EXPECT_EQ(CodeOf([&] { ParseXml(bad, "t"); }), ErrorCode::kCorrupt) << bad;
  }
  // Nesting is bounded, so a hostile document cannot exhaust the stack.
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  EXPECT_EQ(CodeOf([&] { ParseXml(deep, "t"); }, &message), ErrorCode::kCorrupt);
  EXPECT_NE(message.find("deeper"), std::string::npos) << message;
}

TEST(XmlTest, EscapesText) {
  EXPECT_EQ(XmlEscape("a&b<c>\"d\""), "a&amp;b&lt;c&gt;\"d\"");
  EXPECT_EQ(ParseXml("<k>" + XmlEscape("x & <y>") + "</k>", "t").text, "x & <y>");
}

}  // namespace
}  // namespace basin::storage
