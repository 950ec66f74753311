// [SECTION] The open session document: the session being edited, its file, and what the File
// menu does with it (new, open, save, save as, templates), with recent files and the
// autosave snapshot kept in step. Plain C++ (no window): tested by tests/app.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/domain/catalog.h"
#include "app/domain/session.h"
#include "app/domain/session_file.h"

namespace formviz::app {

// Edits a panel asks for in one frame, applied in this order by applySessionEdits.
struct SessionEdits {
  std::optional<std::pair<std::string, std::optional<std::size_t>>> add;  // exercise id, index (none = end)
  std::optional<std::size_t> remove;
  std::optional<std::size_t> duplicate;
  std::optional<std::pair<std::size_t, std::size_t>> move;  // from, to
  std::optional<std::pair<std::size_t, domain::SessionItem>> edit;
  std::optional<std::string> rename;
  std::optional<int> targetMinutes;
  bool undo = false;
  bool redo = false;
};

// Applies `edits` to `editor`; stops at the first error (an unknown exercise, a bad index or
// value) and returns it.
Status applySessionEdits(const SessionEdits& edits, const domain::Catalog& catalog, domain::SessionEditor& editor);

class SessionDocument {
 public:
  // `configDir` holds recent.json and recovery.json; empty = no recent files and no autosave.
  SessionDocument(const domain::Catalog& catalog, std::filesystem::path configDir);
  // The autosave keeps a reference to the recovery store inside: not copyable or movable.
  SessionDocument(const SessionDocument&) = delete;
  SessionDocument& operator=(const SessionDocument&) = delete;

  domain::SessionEditor& editor() { return editor_; }
  const domain::SessionEditor& editor() const { return editor_; }
  const domain::Session& session() const { return editor_.session(); }
  const std::filesystem::path& path() const { return path_; }  // empty until saved or opened
  std::string displayName() const;                            // the file name, or "Unsaved session"
  bool unsaved() const { return editor_.revision() != savedRevision_; }
  const domain::RecentFiles& recent() const { return recent_; }

  void newSession();
  // Replaces the session with a built-in template (unsaved, no file).
  Status applyTemplate(std::string_view key);
  // Opens `path`: on success the session and path are replaced and the notices (newer
  // version, unknown exercises kept) returned; on failure nothing changes. A missing file is
  // also taken off the recent list.
  Result<std::vector<std::string>> open(const std::filesystem::path& path);
  Status save();  // to path(); an error when there is none yet
  Status saveAs(const std::filesystem::path& path);

  // Autosave: call once a frame with a steady clock in seconds.
  void tick(double nowSeconds);
  // The snapshot an earlier run left behind (it ended without saving), if any.
  std::optional<domain::RecoveryInfo> pendingRecovery() const;
  // Restores that snapshot as an unsaved session (path = the snapshot's document); returns
  // its notices.
  Result<std::vector<std::string>> restoreRecovery();
  void discardRecovery();
  // Leaving the app: unsaved changes are kept as the snapshot (offered at the next start, so
  // quitting never loses work); with nothing unsaved the snapshot is removed.
  void close();

 private:
  void replace(domain::Session session, std::filesystem::path path, bool saved);
  void remember(const std::filesystem::path& path);

  const domain::Catalog& catalog_;
  std::filesystem::path configDir_;
  domain::SessionEditor editor_;
  std::filesystem::path path_;
  std::uint64_t savedRevision_ = 0;
  domain::RecentFiles recent_;
  std::optional<domain::RecoveryStore> recovery_;
  std::optional<domain::Autosave> autosave_;
};

}  // namespace formviz::app
