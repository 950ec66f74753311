// The session document behind the File menu: new/open/save/save as, templates, recent files,
// the unsaved flag, and the autosave snapshot offered after a crash.
#include "app/session_document.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "app/domain/templates.h"
#include "core/paths.h"

namespace formviz::app {
namespace {
namespace fs = std::filesystem;

domain::Exercise exercise(std::string id, bool singleLeg) {
  domain::Exercise e;
  e.id = std::move(id);
  e.name = e.id;
  e.singleLeg = singleLeg;
  e.dosage = {3, 10, 0, 60, "3-1-1"};
  return e;
}

class SessionDocumentTest : public testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / fmt::format("formviz-doc-{}", testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir / "config");
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
  domain::Catalog catalog{{exercise("squat", false), exercise("lunge", true)}};
};

TEST_F(SessionDocumentTest, EditsApplyInOrderAndStopAtTheFirstError) {
  SessionDocument doc(catalog, {});
  SessionEdits edits;
  edits.add = {"squat", std::nullopt};
  edits.rename = "Monday";
  ASSERT_TRUE(applySessionEdits(edits, catalog, doc.editor()).ok());
  EXPECT_EQ(doc.session().items.size(), 1u);
  EXPECT_EQ(doc.session().name, "Monday");
  EXPECT_TRUE(doc.unsaved());

  SessionEdits bad;
  bad.add = {"no_such_exercise", std::nullopt};
  bad.rename = "Tuesday";
  const Status status = applySessionEdits(bad, catalog, doc.editor());
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("no_such_exercise"), std::string::npos);
  EXPECT_EQ(doc.session().name, "Monday");

  SessionEdits undo;
  undo.undo = true;
  ASSERT_TRUE(applySessionEdits(undo, catalog, doc.editor()).ok());
  EXPECT_EQ(doc.session().name, "New session");
}

TEST_F(SessionDocumentTest, SaveAsThenOpenGivesTheSameSessionAndARecentEntry) {
  SessionDocument doc(catalog, dir / "config");
  SessionEdits edits;
  edits.add = {"lunge", std::nullopt};
  ASSERT_TRUE(applySessionEdits(edits, catalog, doc.editor()).ok());
  EXPECT_FALSE(doc.save().ok());  // no file yet
  const fs::path file = dir / "monday.json";
  ASSERT_TRUE(doc.saveAs(file).ok());
  EXPECT_FALSE(doc.unsaved());
  EXPECT_EQ(doc.displayName(), "monday.json");
  const domain::Session saved = doc.session();

  SessionDocument other(catalog, dir / "config");
  ASSERT_EQ(other.recent().paths().size(), 1u);
  EXPECT_EQ(other.recent().paths()[0].filename(), "monday.json");
  auto notices = other.open(file);
  ASSERT_TRUE(notices.ok()) << notices.error().message;
  EXPECT_TRUE(notices->empty());
  EXPECT_EQ(other.session(), saved);
  EXPECT_FALSE(other.unsaved());
}

TEST_F(SessionDocumentTest, AFailedOpenChangesNothingAndDropsAMissingRecentFile) {
  SessionDocument doc(catalog, dir / "config");
  ASSERT_TRUE(doc.saveAs(dir / "gone.json").ok());
  fs::remove(dir / "gone.json");
  ASSERT_TRUE(writeFileAtomic(dir / "broken.json", "{ not json").ok());
  const domain::Session before = doc.session();
  auto broken = doc.open(dir / "broken.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("broken.json"), std::string::npos) << broken.error().message;
  EXPECT_EQ(doc.session(), before);
  EXPECT_EQ(doc.path(), dir / "gone.json");
  EXPECT_FALSE(doc.open(dir / "gone.json").ok());
  EXPECT_TRUE(doc.recent().paths().empty());
}

TEST_F(SessionDocumentTest, TemplatesOpenUnsavedWithoutAFile) {
  SessionDocument doc(catalog, {});
  ASSERT_FALSE(domain::sessionTemplates().empty());
  const auto& first = domain::sessionTemplates().front();
  ASSERT_TRUE(doc.applyTemplate(first.key).ok());
  EXPECT_EQ(doc.session(), first.session);
  EXPECT_TRUE(doc.unsaved());
  EXPECT_TRUE(doc.path().empty());
  EXPECT_FALSE(doc.applyTemplate("no_such_template").ok());
}

// A run that edits and never saves leaves a snapshot; the next run offers it and restores it.
TEST_F(SessionDocumentTest, AutosaveSnapshotIsOfferedAfterACrashAndDiscardedAfterASave) {
  {
    SessionDocument crashed(catalog, dir / "config");
    SessionEdits edits;
    edits.add = {"squat", std::nullopt};
    edits.rename = "Unsaved work";
    ASSERT_TRUE(applySessionEdits(edits, catalog, crashed.editor()).ok());
    crashed.tick(0.0);
    crashed.tick(30.0);  // past the autosave interval: snapshot written
  }  // no closeCleanly(): as if the app crashed
  SessionDocument next(catalog, dir / "config");
  auto pending = next.pendingRecovery();
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(pending->sessionName, "Unsaved work");
  ASSERT_TRUE(next.restoreRecovery().ok());
  EXPECT_EQ(next.session().name, "Unsaved work");
  EXPECT_EQ(next.session().items.size(), 1u);
  EXPECT_TRUE(next.unsaved());
  ASSERT_TRUE(next.saveAs(dir / "recovered.json").ok());
  EXPECT_FALSE(next.pendingRecovery().has_value());
}

TEST_F(SessionDocumentTest, ClosingKeepsUnsavedWorkForNextTimeAndNothingElse) {
  {
    SessionDocument doc(catalog, dir / "config");
    SessionEdits edits;
    edits.add = {"squat", std::nullopt};
    ASSERT_TRUE(applySessionEdits(edits, catalog, doc.editor()).ok());
    doc.close();  // quit right after an edit, before any autosave
  }
  {
    SessionDocument next(catalog, dir / "config");
    ASSERT_TRUE(next.pendingRecovery().has_value());
    ASSERT_TRUE(next.restoreRecovery().ok());
    EXPECT_EQ(next.session().items.size(), 1u);
    ASSERT_TRUE(next.saveAs(dir / "kept.json").ok());
    next.close();
  }
  SessionDocument last(catalog, dir / "config");
  EXPECT_FALSE(last.pendingRecovery().has_value());
}

}  // namespace
}  // namespace formviz::app
