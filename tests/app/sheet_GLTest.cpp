// Contact sheets drawn by app/sheet.h in a headless OpenGL context: grid, figures, errors, a golden.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/headless.h"
#include "app/sheet.h"
#include "gl/golden.h"

namespace formviz::app {
namespace {
namespace fs = std::filesystem;

class SheetGLTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    test::glContext();
    auto created = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
    ASSERT_TRUE(created) << created.error().message;
    renderer = new gl::SceneRenderer(std::move(created).value());
  }
  static void TearDownTestSuite() {
    delete renderer;
    renderer = nullptr;
  }
  static Result<ContactSheet> sheet(const std::string& exercise, int cellWidth, int cellHeight = 0,
                                    const fs::path& dataDir = FORMVIZ_SOURCE_DIR) {
    SheetRequest request;
    request.exercise = exercise;
    request.cellWidth = cellWidth;
    request.cellHeight = cellHeight;
    return renderContactSheet(request, dataDir, *renderer);
  }
  static gl::SceneRenderer* renderer;
};
gl::SceneRenderer* SheetGLTest::renderer = nullptr;

// Pixels of the figure: its skin and the highlighted muscles are warm (red well above blue);
// the backdrop, floor, grid and shadow are neutral or cool.
int figurePixels(const render::Image& image, glm::ivec4 rect) {
  int count = 0;
  for (int y = rect.y; y < rect.y + rect.w; ++y)
    for (int x = rect.x; x < rect.x + rect.z; ++x) {
      const std::uint8_t* p = image.at(x, y);
      if (int(p[0]) - int(p[2]) > 30) ++count;
    }
  return count;
}

TEST_F(SheetGLTest, HasARowPerClipAndAFigureInEveryCell) {
  auto entry = findExercise(FORMVIZ_SOURCE_DIR, "bodyweight_squat");
  ASSERT_TRUE(entry) << entry.error().message;
  std::size_t mistakeClips = 0;
  for (const domain::Mistake& m : entry->exercise.mistakes) mistakeClips += m.clip.empty() ? 0 : 1;
  ASSERT_GE(mistakeClips, 1u);

  auto made = sheet("bodyweight_squat", 72, 96);
  ASSERT_TRUE(made) << made.error().message;
  const ContactSheet& s = *made;
  ASSERT_EQ(s.rows.size(), 1 + mistakeClips);
  EXPECT_EQ(s.rows[0].clip, "correct");
  EXPECT_EQ(s.rows[0].title, "Correct");
  EXPECT_EQ(s.notAnimated.size(), entry->exercise.mistakes.size() - mistakeClips);
  // The correct row: one cell per phase of the catalog, in order.
  ASSERT_EQ(s.rows[0].cells.size(), entry->exercise.phases.size());
  for (std::size_t c = 0; c < s.rows[0].cells.size(); ++c) EXPECT_EQ(s.rows[0].cells[c].phase, entry->exercise.phases[c]);

  int lastBottom = 0;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const SheetRow& row = s.rows[r];
    int highlights = 0, lastRight = 0;
    for (const SheetCell& cell : row.cells) {
      SCOPED_TRACE(row.clip + " " + cell.phase);
      EXPECT_EQ(cell.rect.z, 72);
      EXPECT_EQ(cell.rect.w, 96);
      EXPECT_GE(cell.rect.x, lastRight);  // left to right, no overlap
      EXPECT_GE(cell.rect.y, lastBottom);  // below the previous row
      ASSERT_LE(cell.rect.x + cell.rect.z, s.image.width);
      ASSERT_LE(cell.rect.y + cell.rect.w, s.image.height);
      lastRight = cell.rect.x + cell.rect.z;
      // A figure in every cell (a standing figure seen from the side covers about 4% of it; an
      // empty cell has no warm pixels at all).
      EXPECT_GT(figurePixels(s.image, cell.rect), cell.rect.z * cell.rect.w / 50);
      highlights += cell.highlight ? 1 : 0;
    }
    EXPECT_EQ(highlights, r == 0 ? 0 : 1) << row.clip << ": a mistake row outlines the one moment it shows most";
    lastBottom = row.cells.front().rect.y + row.cells.front().rect.w;
  }
  // Knees caving in show from the front, at the bottom of the squat.
  const SheetRow& valgus = s.rows[1];
  EXPECT_EQ(valgus.clip, "mistake_knee_valgus");
  EXPECT_EQ(valgus.cells.front().view, render::ViewPreset::Front);
  for (const SheetCell& cell : valgus.cells)
    if (cell.highlight) {
      EXPECT_EQ(cell.phase, "bottom");
    }
  // Outside the cells the page is light (labels aside): no picture spills over.
  EXPECT_EQ(figurePixels(s.image, {0, 0, s.image.width, 10}), 0);
}

TEST_F(SheetGLTest, MistakesThatShowSidewaysAndFrontToBackGetDifferentViews) {
  auto made = sheet("romanian_deadlift", 48, 64);
  ASSERT_TRUE(made) << made.error().message;
  ASSERT_GE(made->rows.size(), 2u);
  EXPECT_EQ(made->rows[1].clip, "mistake_rounded_back");
  EXPECT_EQ(made->rows[1].cells.front().view, render::ViewPreset::Side);  // a rounded back: from the side
}

TEST_F(SheetGLTest, LooksAsBefore) {
  auto made = sheet("front_plank", 80);
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_TRUE(test::matchesGolden(made->image, "sheet_front_plank"));
}

TEST_F(SheetGLTest, UnknownExerciseIsAClearError) {
  auto made = sheet("no_such_exercise", 64);
  ASSERT_FALSE(made);
  EXPECT_NE(made.error().message.find("no exercise 'no_such_exercise'"), std::string::npos) << made.error().message;
  EXPECT_NE(made.error().message.find("bodyweight_squat"), std::string::npos) << "lists the exercises that exist";
}

TEST_F(SheetGLTest, ExerciseWithoutClipsIsAClearError) {
  // A data folder whose animations/ has the catalog but only the squat's clips.
  const fs::path data = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "sheet" / "data";
  fs::remove_all(data);
  fs::create_directories(data / "animations");
  const fs::path source = FORMVIZ_SOURCE_DIR;
  fs::create_directory_symlink(source / "shaders", data / "shaders");
  fs::create_directory_symlink(source / "models", data / "models");
  fs::copy_file(source / "animations" / "catalog.json", data / "animations" / "catalog.json");
  for (const char* file : {"bodyweight_squat.gltf", "bodyweight_squat.bin"})
    fs::copy_file(source / "animations" / file, data / "animations" / file);

  auto squat = sheet("bodyweight_squat", 48, 64, data);
  EXPECT_TRUE(squat) << squat.error().message;
  auto goblet = sheet("goblet_squat", 48, 64, data);
  ASSERT_FALSE(goblet);
  EXPECT_NE(goblet.error().message.find("'goblet_squat' has no clips"), std::string::npos) << goblet.error().message;
  EXPECT_NE(goblet.error().message.find("goblet_squat.gltf"), std::string::npos) << goblet.error().message;
}

}  // namespace
}  // namespace formviz::app
