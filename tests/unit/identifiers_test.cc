#include "core/identifiers.h"

#include <gtest/gtest.h>

namespace biopolis {
namespace {

TEST(InnTest, AcceptsRealAndSyntheticLegalEntityInns) {
  EXPECT_EQ(CheckInn("7707083893"), IdCheck::kOk);  // Sberbank
  EXPECT_EQ(CheckInn("4345042753"), IdCheck::kOk);
  EXPECT_EQ(CheckInn("4345695985"), IdCheck::kOk);
}

TEST(InnTest, RejectsWrongCheckDigitOfLegalEntity) {
  EXPECT_EQ(CheckInn("7707083894"), IdCheck::kBadChecksum);
  EXPECT_EQ(CheckInn("4345042754"), IdCheck::kBadChecksum);
}

TEST(InnTest, ChecksBothDigitsOfTwelveDigitInn) {
  EXPECT_EQ(CheckInn("434547560780"), IdCheck::kOk);
  EXPECT_EQ(CheckInn("500100732259"), IdCheck::kOk);
  EXPECT_EQ(CheckInn("434547560781"), IdCheck::kBadChecksum);  // 12th digit wrong
  EXPECT_EQ(CheckInn("434547560790"), IdCheck::kBadChecksum);  // 11th digit wrong
}

TEST(InnTest, RejectsBadFormats) {
  for (const char* bad : {"", "123", "77070838931", "770708389a", " 7707083893", "7707-83893", "1234567890123"}) {
    EXPECT_EQ(CheckInn(bad), IdCheck::kBadFormat) << bad;
  }
}

TEST(OgrnTest, AcceptsValidAndRejectsWrongCheckDigit) {
  EXPECT_EQ(CheckOgrn("1027700132195"), IdCheck::kOk);  // Sberbank
  EXPECT_EQ(CheckOgrn("1024317979080"), IdCheck::kOk);
  EXPECT_EQ(CheckOgrn("1027700132196"), IdCheck::kBadChecksum);
}

TEST(OgrnTest, RejectsWrongLengthOrRecordSign) {
  EXPECT_EQ(CheckOgrn("102770013219"), IdCheck::kBadFormat);
  EXPECT_EQ(CheckOgrn("2027700132195"), IdCheck::kBadFormat);  // 2 = a later record, not an OGRN
  EXPECT_EQ(CheckOgrn("10277001321x5"), IdCheck::kBadFormat);
}

TEST(OgrnipTest, HandlesRemaindersTenElevenAndTwelve) {
  EXPECT_EQ(CheckOgrnip("304436915212942"), IdCheck::kOk);
  EXPECT_EQ(CheckOgrnip("314019834469220"), IdCheck::kOk);  // remainder 10 -> 0
  EXPECT_EQ(CheckOgrnip("361208911601311"), IdCheck::kOk);  // remainder 11 -> 1
  EXPECT_EQ(CheckOgrnip("321098693405482"), IdCheck::kOk);  // remainder 12 -> 2
  EXPECT_EQ(CheckOgrnip("361208911601310"), IdCheck::kBadChecksum);
  EXPECT_EQ(CheckOgrnip("321098693405481"), IdCheck::kBadChecksum);
}

TEST(OgrnipTest, RejectsBadFormats) {
  EXPECT_EQ(CheckOgrnip("404436915212942"), IdCheck::kBadFormat);
  EXPECT_EQ(CheckOgrnip("30443691521294"), IdCheck::kBadFormat);
}

TEST(KppTest, AcceptsDigitsAndLatinLettersInReasonCode) {
  EXPECT_EQ(CheckKpp("773601001"), IdCheck::kOk);
  EXPECT_EQ(CheckKpp("7736AB001"), IdCheck::kOk);
  EXPECT_EQ(CheckKpp("7736ab001"), IdCheck::kBadFormat);
  EXPECT_EQ(CheckKpp("77360100"), IdCheck::kBadFormat);
  EXPECT_EQ(CheckKpp("A73601001"), IdCheck::kBadFormat);
}

TEST(OkvedTest, AcceptsEveryLevelAndRejectsTheRest) {
  for (const char* ok : {"21", "21.1", "21.10", "21.20.1", "21.20.10", "72.11"}) {
    EXPECT_EQ(CheckOkved(ok), IdCheck::kOk) << ok;
  }
  for (const char* bad : {"", "2", "211", "21.", "21.123", "21.20.100", "21.20.1.1", "a1", ".21"}) {
    EXPECT_EQ(CheckOkved(bad), IdCheck::kBadFormat) << bad;
  }
}

TEST(OkvedTest, PrefixMatchesOnDotBoundaries) {
  EXPECT_TRUE(OkvedHasPrefix("21.20.1", "21"));
  EXPECT_TRUE(OkvedHasPrefix("21.20.1", "21.20"));
  EXPECT_TRUE(OkvedHasPrefix("21.20", "21.20"));
  EXPECT_FALSE(OkvedHasPrefix("21.20.1", "21.2"));
  EXPECT_FALSE(OkvedHasPrefix("210", "21"));
  EXPECT_FALSE(OkvedHasPrefix("20.14", "21"));
}

TEST(CadastralNumberTest, ValidatesTheFourParts) {
  EXPECT_EQ(CheckCadastralNumber("43:40:000000:123"), IdCheck::kOk);
  EXPECT_EQ(CheckCadastralNumber("43:40:0000001:5"), IdCheck::kOk);
  EXPECT_EQ(CheckCadastralNumber("43:40:00000:123"), IdCheck::kBadFormat);
  EXPECT_EQ(CheckCadastralNumber("43:40:000000"), IdCheck::kBadFormat);
  EXPECT_EQ(CheckCadastralNumber("43:40:000000:"), IdCheck::kBadFormat);
  EXPECT_EQ(CheckCadastralNumber("4:40:000000:1"), IdCheck::kBadFormat);
}

}  // namespace
}  // namespace biopolis
