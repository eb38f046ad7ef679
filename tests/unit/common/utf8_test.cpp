#include <gtest/gtest.h>

#include "common/utf8.hpp"

namespace basin {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("héllo wörld €uro 𝄞 clef"));
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF, the last code point
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\x80"));                    // continuation byte first
  EXPECT_FALSE(IsValidUtf8("abc\xC3"));                 // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));                // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));            // overlong three-byte form
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));            // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));        // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("12345678\xC3\x28"));        // bad continuation after a fast run
  EXPECT_FALSE(IsValidUtf8("\xff"));
}

TEST(Utf8, AppendEncodesEveryLengthAndValidates) {
  std::string out;
  for (uint32_t code : {0x41u, 0xE9u, 0x20ACu, 0x1D11Eu}) AppendUtf8(out, code);
  EXPECT_EQ(out, "Aé€𝄞");
  EXPECT_TRUE(IsValidUtf8(out));
}

}  // namespace
}  // namespace basin
