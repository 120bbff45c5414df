// biopolisctl's output for people, on fixed records: money in roubles, dates,
// aligned columns, truncation to the terminal, nested blocks, colour only
// when asked. Tables and blocks are compared with golden files in
// tests/unit/golden/ (UPDATE_GOLDEN=1 rewrites them; review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "biopolis/v1/application.pb.h"
#include "biopolis/v1/resident.pb.h"
#include "table_renderer.h"

namespace biopolis::cli {
namespace {

void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(BIOPOLIS_GOLDEN_DIR) + "/" + name;
  if (const char* update = std::getenv("UPDATE_GOLDEN"); update != nullptr && *update == '1') {
    std::ofstream(path, std::ios::trunc) << actual;
    return;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "golden file " << path;
}

std::vector<v1::Application> Applications() {
  std::vector<v1::Application> apps(3);
  apps[0].set_name("applications/1");
  apps[0].set_state(v1::Application::STATE_REGISTERED);
  apps[0].set_organization("organizations/1");
  apps[0].set_project_name("Производство рекомбинантного инсулина");
  apps[0].set_planned_investment_kopecks(185'000'000'000);
  apps[1].set_name("applications/2");
  apps[1].set_state(v1::Application::STATE_UNDER_REVIEW);
  apps[1].set_organization("organizations/2");
  apps[1].set_project_name("Биобанк и производство клеточных продуктов с чистыми помещениями класса B");
  apps[1].set_planned_investment_kopecks(32'000'000'000);
  apps[2].set_name("applications/14");
  apps[2].set_state(v1::Application::STATE_DRAFT);
  apps[2].set_organization("organizations/4");
  apps[2].set_project_name("Ферменты");
  apps[2].set_planned_investment_kopecks(5);
  return apps;
}

std::vector<const google::protobuf::Message*> Pointers(const std::vector<v1::Application>& apps) {
  std::vector<const google::protobuf::Message*> out;
  for (const auto& a : apps) out.push_back(&a);
  return out;
}

TEST(CliOutputTest, MoneyIsRoublesWithThousandsSeparatorsAndKopecks) {
  EXPECT_EQ(FormatRoubles(21'000'000'000), "210 000 000,00 ₽");
  EXPECT_EQ(FormatRoubles(123'456), "1 234,56 ₽");
  EXPECT_EQ(FormatRoubles(5), "0,05 ₽");
  EXPECT_EQ(FormatRoubles(0), "0,00 ₽");
  EXPECT_EQ(FormatRoubles(-150), "-1,50 ₽");
  EXPECT_EQ(FormatRoubles(100'000'000'000'000'000), "1 000 000 000 000 000,00 ₽");
  EXPECT_EQ(ColumnHeading("planned_investment_kopecks"), "planned_investment");
  EXPECT_EQ(ColumnHeading("name"), "name");
}

TEST(CliOutputTest, ATableIsAlignedWithMoneyInRoubles) {
  auto apps = Applications();
  ExpectGolden("applications_table.txt", RenderTable(Pointers(apps), false, RenderStyle{}));
}

TEST(CliOutputTest, ATableTooWideForTheTerminalCutsItsWidestColumnsWithAnEllipsis) {
  auto apps = Applications();
  const std::string table = RenderTable(Pointers(apps), false, RenderStyle{false, 80});
  ExpectGolden("applications_80_columns.txt", table);
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(DisplayWidth(line), 80u) << line;
  EXPECT_NE(table.find("…"), std::string::npos);
}

TEST(CliOutputTest, WideShowsEveryField) {
  auto apps = Applications();
  const std::string table = RenderTable(Pointers(apps), true, RenderStyle{});
  EXPECT_NE(table.find("planned_jobs"), std::string::npos);
  EXPECT_NE(table.find("etag"), std::string::npos);
}

TEST(CliOutputTest, AMessageIsAnIndentedBlockWithReadableDatesAndNestedItems) {
  v1::Resident r;
  r.set_name("residents/1");
  r.set_registry_number("43-2024-0001");
  r.set_state(v1::Resident::STATE_ACTIVE);
  r.mutable_agreement_date()->set_year(2024);
  r.mutable_agreement_date()->set_month(11);
  r.mutable_agreement_date()->set_day(18);
  r.mutable_create_time()->set_seconds(1732000000);
  auto* c = r.add_commitments();
  c->mutable_due_date()->set_year(2025);
  c->mutable_due_date()->set_month(12);
  c->mutable_due_date()->set_day(31);
  c->set_investment_kopecks(40'000'000'000);
  c->set_jobs(80);
  auto* c2 = r.add_commitments();
  c2->mutable_due_date()->set_year(2027);
  c2->mutable_due_date()->set_month(12);
  c2->mutable_due_date()->set_day(31);
  c2->set_investment_kopecks(90'000'000'000);
  c2->set_jobs(180);
  ExpectGolden("resident_block.txt", RenderBlock(r, RenderStyle{}));
}

TEST(CliOutputTest, ColourOnlyWhenAskedAndAnEmptyListSaysSo) {
  auto apps = Applications();
  EXPECT_EQ(RenderTable(Pointers(apps), false, RenderStyle{true, 0}).rfind("\033[1m", 0), 0u);
  EXPECT_EQ(RenderTable(Pointers(apps), false, RenderStyle{false, 0}).find('\033'), std::string::npos);
  EXPECT_EQ(RenderTable({}, false, RenderStyle{}), "(none)\n");
}

}  // namespace
}  // namespace biopolis::cli
