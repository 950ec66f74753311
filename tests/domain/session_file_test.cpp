// Session files: round trip, version handling, unknown exercises, atomic save under SIGKILL,
// crash recovery and the recent files list.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/domain/session_file.h"
#include "app/domain/templates.h"
#include "test_support.h"

namespace formviz::domain {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

const Catalog& catalog() {
  static const Catalog c = test::shippedCatalog();
  return c;
}

// A fresh, empty folder under the build's test-output directory.
fs::path scratchDir(const std::string& name) {
  const fs::path dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "domain" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

Session richSession() {
  Session s = findTemplate("foundation_b")->session;
  s.name = "Tuesday \"gym\" session: ünïcode ok";
  s.targetMinutes = 42;
  s.items[0].side = Side::Left;
  s.items[1].side = Side::Alternating;
  s.items[2].note = "pause at the top\nsecond line";
  s.items[3].tempo.clear();
  return s;
}

OpenedSession parseOk(const std::string& text) {
  auto r = parseSession(text, "test.fvsession", catalog());
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : OpenedSession{};
}

std::string allNotices(const OpenedSession& o) {
  std::string out;
  for (const std::string& n : o.notices) out += n + "\n";
  return out;
}

// --- format ------------------------------------------------------------------------------

TEST(SessionFile, RoundTripIsEqual) {
  const Session s = richSession();
  const std::string text = serializeSession(s);
  const OpenedSession opened = parseOk(text);
  EXPECT_TRUE(opened.notices.empty()) << allNotices(opened);
  EXPECT_EQ(opened.session, s);
  EXPECT_EQ(serializeSession(opened.session), text);
  for (const SessionTemplate& t : sessionTemplates()) EXPECT_EQ(parseOk(serializeSession(t.session)).session, t.session);
}

TEST(SessionFile, WritesTheDocumentedFields) {
  const json j = json::parse(serializeSession(richSession()));
  EXPECT_EQ(j["format"], "formviz-session");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["target_minutes"], 42);
  const json& first = j["items"][0];
  EXPECT_EQ(first["exercise"], "bulgarian_split_squat");
  EXPECT_EQ(first["sets"], 3);
  EXPECT_EQ(first["reps"], 8);
  EXPECT_FALSE(first.contains("hold_seconds"));
  EXPECT_EQ(first["rest_seconds"], 90);
  EXPECT_EQ(first["tempo"], "3-0-1");
  EXPECT_EQ(first["side"], "left");
}

TEST(SessionFile, SaveAndOpenThroughFiles) {
  const fs::path path = scratchDir("save_open") / "nested" / "a.fvsession";
  ASSERT_TRUE(saveSession(path, richSession()).ok());
  auto opened = openSession(path, catalog());
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->session, richSession());
  auto missing = openSession(path.parent_path() / "none.fvsession", catalog());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("none.fvsession"), std::string::npos);
}

TEST(SessionFile, UnreadableFilesAreErrorsNamingTheFile) {
  struct Case { const char* name; const char* text; const char* words; };
  const Case cases[] = {
      {"not json", "{\"format\": ", "test.fvsession: not valid JSON"},
      {"other format", R"({"format": "formviz-catalog", "version": 1})", "not a FormViz session"},
      {"no version", R"({"format": "formviz-session"})", "\"version\""},
      {"version zero", R"({"format": "formviz-session", "version": 0})", "\"version\""},
      {"items not a list", R"({"format": "formviz-session", "version": 1, "items": {}})", "\"items\""},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    auto r = parseSession(k.text, "test.fvsession", catalog());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find(k.words), std::string::npos) << r.error().message;
  }
}

TEST(SessionFile, BadValuesOpenWithNotices) {
  const auto opened = parseOk(R"({"format": "formviz-session", "version": 1, "name": 5, "target_minutes": 2,
    "items": [{"exercise": "goblet_squat", "sets": "three", "reps": 8, "side": "middle"},
              {"exercise": "front_plank", "sets": 2}]})");
  EXPECT_EQ(opened.session.name, Session{}.name);
  EXPECT_EQ(opened.session.targetMinutes, 40);
  ASSERT_EQ(opened.session.items.size(), 2u);
  EXPECT_EQ(opened.session.items[0].sets, 3);
  EXPECT_EQ(opened.session.items[0].side, Side::Both);
  EXPECT_EQ(opened.session.items[1].holdSeconds, 30);  // the catalog's default hold
  EXPECT_EQ(opened.notices.size(), 5u) << allNotices(opened);
}

// --- versions and unknown exercises --------------------------------------------------------

TEST(SessionFile, NewerVersionOpensWithANoticeAndKeepsUnknownFields) {
  const char* text = R"({"format": "formviz-session", "version": 3, "name": "Future", "target_minutes": 40,
    "items": [{"exercise": "goblet_squat", "sets": 3, "reps": 8, "rest_seconds": 90, "tempo": "3-1-1",
               "side": "both", "rpe": 7, "video": {"url": "x"}}],
    "coach": {"name": "Sam"}})";
  const OpenedSession opened = parseOk(text);
  EXPECT_EQ(opened.fileVersion, 3);
  ASSERT_EQ(opened.notices.size(), 1u) << allNotices(opened);
  EXPECT_NE(opened.notices[0].find("newer FormViz"), std::string::npos);
  ASSERT_EQ(opened.session.items.size(), 1u);
  EXPECT_FALSE(opened.session.items[0].unknownExercise);
  EXPECT_EQ(opened.session.items[0].reps, 8);

  const json saved = json::parse(serializeSession(opened.session));
  EXPECT_EQ(saved["version"], 1);
  EXPECT_EQ(saved["coach"], json::parse(R"({"name": "Sam"})"));
  EXPECT_EQ(saved["items"][0]["rpe"], 7);
  EXPECT_EQ(saved["items"][0]["video"]["url"], "x");
}

TEST(SessionFile, UnknownExercisesAreKeptMarkedAndWrittenBackUnchanged) {
  const json unknownItem = json::parse(R"({"exercise": "nordic_curl", "sets": 3, "reps": 5, "rest_seconds": 120,
                                           "side": "both", "eccentric_only": true, "tempo": "5-0-0"})");
  json file = json::parse(R"({"format": "formviz-session", "version": 1, "name": "Mixed", "target_minutes": 40})");
  file["items"] = json::array({json::parse(R"({"exercise": "goblet_squat", "sets": 3, "reps": 8, "rest_seconds": 90})"),
                               unknownItem, json::parse(R"({"reps": 3})")});
  const OpenedSession opened = parseOk(file.dump());
  ASSERT_EQ(opened.session.items.size(), 3u);
  const SessionItem& unknown = opened.session.items[1];
  EXPECT_TRUE(unknown.unknownExercise);
  EXPECT_EQ(unknown.exerciseId, "nordic_curl");
  EXPECT_EQ(unknown.sets, 3);  // shown with what could be read
  EXPECT_TRUE(opened.session.items[2].unknownExercise);  // no exercise id at all: still kept
  std::string notices = allNotices(opened);
  EXPECT_NE(notices.find("'nordic_curl'"), std::string::npos) << notices;
  EXPECT_NE(notices.find("kept"), std::string::npos) << notices;

  // Editing around the unknown item and saving keeps it byte-for-byte as a JSON object.
  SessionEditor ed(opened.session);
  ASSERT_TRUE(ed.move(1, 0).ok());
  ASSERT_TRUE(ed.duplicate(1).ok());
  const json saved = json::parse(serializeSession(ed.session()));
  ASSERT_EQ(saved["items"].size(), 4u);
  EXPECT_EQ(saved["items"][0], unknownItem);
  EXPECT_EQ(saved["items"][3], json::parse(R"({"reps": 3})"));

  // Reopened, it is still unknown and unchanged.
  const OpenedSession again = parseOk(saved.dump());
  EXPECT_TRUE(again.session.items[0].unknownExercise);
  EXPECT_EQ(json::parse(serializeSession(again.session))["items"][0], unknownItem);
}

// --- atomic save under SIGKILL -------------------------------------------------------------

TEST(SessionFile, SaveKilledMidwayLeavesThePreviousFileIntact) {
  const fs::path dir = scratchDir("atomic");
  const fs::path path = dir / "session.fvsession";
  const Session previous = richSession();
  ASSERT_TRUE(saveSession(path, previous).ok());

  Session big = previous;
  big.name = "Big";
  for (int i = 0; i < 40000; ++i) {
    SessionItem item = previous.items[static_cast<std::size_t>(i) % previous.items.size()];
    item.note = std::string(64, static_cast<char>('a' + i % 26));
    big.items.push_back(item);
  }
  const std::string bigText = serializeSession(big);
  ASSERT_GT(bigText.size(), 4'000'000u);

  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Keep rewriting the file with a large session until killed.
    while (true) (void)writeFileAtomic(path, bigText);
  }
  // Wait until the child's temp file exists (it is writing), then kill it.
  const fs::path temp = fs::path(path).concat(fmt::format(".tmp-{}", child));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!fs::exists(temp) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  kill(child, SIGKILL);
  const bool killedWhileWriting = fs::exists(temp);  // almost always: each write takes milliseconds
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  // The file is a complete session: the previous one or a complete big one, never a torn mix.
  auto opened = openSession(path, catalog());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_TRUE(opened->session == previous || opened->session == big);
  if (!killedWhileWriting) GTEST_LOG_(INFO) << "the child was killed between two writes this time";
  fs::remove(temp);
}

// --- recovery ----------------------------------------------------------------------------

TEST(Recovery, SnapshotIsDetectedRestoredAndDiscarded) {
  const fs::path dir = scratchDir("recovery");
  RecoveryStore store(dir / "recovery.json");
  EXPECT_FALSE(store.detect().has_value());
  EXPECT_FALSE(store.restore(catalog()).ok());

  const Session s = richSession();
  ASSERT_TRUE(store.save(s, dir / "tuesday.fvsession").ok());
  // A new start of the app: a new store on the same file finds it.
  RecoveryStore atStart(dir / "recovery.json");
  auto info = atStart.detect();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->documentPath, dir / "tuesday.fvsession");
  EXPECT_EQ(info->sessionName, s.name);
  EXPECT_EQ(info->savedAt.size(), 20u);  // 2026-11-25T14:03:00Z
  auto restored = atStart.restore(catalog());
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(restored->session, s);
  atStart.discard();
  EXPECT_FALSE(atStart.detect().has_value());
  atStart.discard();  // twice is fine
}

TEST(Recovery, CrashBeforeSaveLeavesASnapshotToRestore) {
  const fs::path dir = scratchDir("recovery_crash");
  const fs::path file = dir / "recovery.json";
  const Session s = findTemplate("plyometric_power")->session;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The app: edits, autosaves a snapshot, then dies before saving or exiting cleanly.
    RecoveryStore store(file);
    SessionEditor ed(s);
    (void)ed.rename("Unsaved edits");
    (void)store.save(ed.session(), {});
    raise(SIGKILL);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  RecoveryStore store(file);
  auto info = store.detect();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->sessionName, "Unsaved edits");
  EXPECT_TRUE(info->documentPath.empty());
  auto restored = store.restore(catalog());
  ASSERT_TRUE(restored.ok());
  Session expected = s;
  expected.name = "Unsaved edits";
  EXPECT_EQ(restored->session, expected);
}

TEST(Recovery, DamagedSnapshotIsNotOffered) {
  const fs::path dir = scratchDir("recovery_damaged");
  ASSERT_TRUE(writeFileAtomic(dir / "recovery.json", "{\"format\": \"formviz-rec").ok());
  RecoveryStore store(dir / "recovery.json");
  EXPECT_FALSE(store.detect().has_value());
  EXPECT_FALSE(store.restore(catalog()).ok());
}

TEST(Recovery, AutosaveWritesAfterTheIntervalOnlyWhenSomethingChanged) {
  const fs::path dir = scratchDir("autosave");
  RecoveryStore store(dir / "recovery.json");
  Autosave autosave(store, 10.0);
  SessionEditor ed(findTemplate("foundation_a")->session);
  autosave.markSaved(ed.revision());  // just opened: nothing unsaved
  //  t:  0 clean | 5 edit | 14.9 waiting | 15 snapshot | 40 nothing new | 41 undo | 51 snapshot
  EXPECT_FALSE(autosave.tick(0.0, ed, {}));
  ASSERT_TRUE(ed.rename("Edited").ok());
  EXPECT_FALSE(autosave.tick(5.0, ed, {}));   // dirty since 5 s
  EXPECT_FALSE(autosave.tick(14.9, ed, {}));
  EXPECT_FALSE(store.detect().has_value());
  EXPECT_TRUE(autosave.tick(15.0, ed, dir / "a.fvsession"));
  ASSERT_TRUE(store.detect().has_value());
  EXPECT_EQ(store.detect()->sessionName, "Edited");
  EXPECT_FALSE(autosave.tick(40.0, ed, {}));  // nothing new since the snapshot
  ASSERT_TRUE(ed.undo());
  EXPECT_FALSE(autosave.tick(41.0, ed, {}));
  EXPECT_TRUE(autosave.tick(51.0, ed, {}));
  EXPECT_EQ(store.detect()->sessionName, "Foundation A");
  // Saving to the document discards the snapshot.
  autosave.markSaved(ed.revision());
  EXPECT_FALSE(store.detect().has_value());
  EXPECT_FALSE(autosave.tick(100.0, ed, {}));
}

// --- recent files ----------------------------------------------------------------------------

TEST(RecentFiles, NewestFirstDeduplicatedAndAtMostTen) {
  const fs::path dir = scratchDir("recent");
  RecentFiles recent;
  for (int i = 0; i < 12; ++i) recent.add(dir / fmt::format("s{}.fvsession", i));
  ASSERT_EQ(recent.paths().size(), RecentFiles::kMaxEntries);
  EXPECT_EQ(recent.paths().front().filename(), "s11.fvsession");
  EXPECT_EQ(recent.paths().back().filename(), "s2.fvsession");
  // The same file by another spelling moves to the front instead of appearing twice.
  recent.add(dir / "sub" / ".." / "s5.fvsession");
  ASSERT_EQ(recent.paths().size(), RecentFiles::kMaxEntries);
  EXPECT_EQ(recent.paths().front(), dir / "s5.fvsession");
  EXPECT_EQ(std::count(recent.paths().begin(), recent.paths().end(), dir / "s5.fvsession"), 1);
  recent.remove(dir / "s5.fvsession");
  EXPECT_EQ(recent.paths().size(), 9u);
  EXPECT_EQ(recent.paths().front().filename(), "s11.fvsession");
}

TEST(RecentFiles, PersistedAndReloaded) {
  const fs::path dir = scratchDir("recent_persist");
  RecentFiles recent;
  recent.add(dir / "a.fvsession");
  recent.add(dir / "b.fvsession");
  ASSERT_TRUE(recent.save(dir / "recent.json").ok());
  const RecentFiles loaded = RecentFiles::load(dir / "recent.json");
  EXPECT_EQ(loaded.paths(), recent.paths());
  EXPECT_TRUE(RecentFiles::load(dir / "missing.json").paths().empty());
  ASSERT_TRUE(writeFileAtomic(dir / "broken.json", "[[[").ok());
  EXPECT_TRUE(RecentFiles::load(dir / "broken.json").paths().empty());
  ASSERT_TRUE(writeFileAtomic(dir / "dupes.json", R"({"files": ["/x/a", "/x/a", "/x/b", 3]})").ok());
  EXPECT_EQ(RecentFiles::load(dir / "dupes.json").paths(), (std::vector<fs::path>{"/x/a", "/x/b"}));
}

}  // namespace
}  // namespace formviz::domain
