// [SECTION] Session files: versioned JSON, atomic saves, crash recovery and recent files.
//
// Index
//   [SECTION] Format     serializeSession / parseSession / saveSession / openSession
//   [SECTION] Recovery   RecoveryStore: autosave snapshot, detect at start, restore, discard;
//                        Autosave: when to write the snapshot
//   [SECTION] Recent     RecentFiles: persisted, newest first, deduplicated, at most 10
//
// Format (docs/SESSIONS.md has an example):
//   {"format": "formviz-session", "version": 1, "name": ..., "target_minutes": ..., "items": [...]}
// Reading keeps everything it can: keys it does not know are kept and written back; an item
// whose exercise is not in the catalog stays in the session marked unknown and is written back
// exactly as read; a file of a newer version opens with a notice. Only a file that is not JSON,
// not a formviz-session, or whose version is not a number >= 1 fails to open.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/domain/catalog.h"
#include "app/domain/session.h"
#include "core/result.h"

namespace formviz::domain {

// [SECTION] Format -------------------------------------------------------------------------

inline constexpr int kSessionFormatVersion = 1;

struct OpenedSession {
  Session session;
  int fileVersion = kSessionFormatVersion;
  // Plain-language notices for the user (newer version, unknown exercises, fixed values).
  // Empty when the file opened cleanly.
  std::vector<std::string> notices;
};

std::string serializeSession(const Session& session);  // pretty JSON, ends with a newline
Result<OpenedSession> parseSession(std::string_view json, std::string_view fileLabel, const Catalog& catalog);

// Atomic write (temp file + rename): a crash midway leaves the previous file intact.
Status saveSession(const std::filesystem::path& path, const Session& session);
Result<OpenedSession> openSession(const std::filesystem::path& path, const Catalog& catalog);

// [SECTION] Recovery -----------------------------------------------------------------------
//
// The app saves a snapshot every few seconds while the session has unsaved changes, and
// discards it after a save or a clean exit. A snapshot found at start means the last run
// ended without that: offer to restore it.

struct RecoveryInfo {
  std::filesystem::path documentPath;  // the file the session belonged to; empty if never saved
  std::string sessionName;
  std::string savedAt;                 // UTC, "2026-11-25T14:03:00Z"
};

class RecoveryStore {
 public:
  // `file`: e.g. userConfigDir() / "recovery.json".
  explicit RecoveryStore(std::filesystem::path file) : file_(std::move(file)) {}

  const std::filesystem::path& file() const { return file_; }
  Status save(const Session& session, const std::filesystem::path& documentPath);  // atomic
  // The snapshot's details when one exists and is readable; nullopt otherwise.
  std::optional<RecoveryInfo> detect() const;
  // The session of the snapshot (with notices, as for openSession).
  Result<OpenedSession> restore(const Catalog& catalog) const;
  // Removes the snapshot; missing is fine.
  void discard();

 private:
  std::filesystem::path file_;
};

// Decides when to write the recovery snapshot. Time comes from the caller (seconds on any
// steady clock), so it is deterministic and testable without a clock.
class Autosave {
 public:
  explicit Autosave(RecoveryStore& store, double intervalSeconds = 10.0) : store_(store), interval_(intervalSeconds) {}

  // Call often (e.g. once a frame). Writes a snapshot when the editor's revision differs from
  // the last saved or snapshotted one and `interval` seconds have passed since the first
  // unsnapshotted change. Returns true when it wrote one; a failed write is logged and retried
  // at the next interval.
  bool tick(double nowSeconds, const SessionEditor& editor, const std::filesystem::path& documentPath);
  // After the session was saved to its file (or a new/opened session replaced it): nothing is
  // unsaved at `revision`, and the snapshot is discarded.
  void markSaved(std::uint64_t revision);

 private:
  RecoveryStore& store_;
  double interval_;
  std::uint64_t cleanRevision_ = 0;  // saved to the document or snapshotted
  std::optional<double> dirtySince_;
};

// [SECTION] Recent -------------------------------------------------------------------------

class RecentFiles {
 public:
  static constexpr std::size_t kMaxEntries = 10;

  // Newest first.
  const std::vector<std::filesystem::path>& paths() const { return paths_; }
  // Puts `path` (made absolute and normal) first, removing an older entry of the same file
  // and dropping the oldest beyond kMaxEntries.
  void add(const std::filesystem::path& path);
  void remove(const std::filesystem::path& path);
  void clear() { paths_.clear(); }

  // A missing or broken list gives an empty one (nothing to lose: it only lists files).
  static RecentFiles load(const std::filesystem::path& file);
  Status save(const std::filesystem::path& file) const;  // atomic

 private:
  std::vector<std::filesystem::path> paths_;
};

}  // namespace formviz::domain
