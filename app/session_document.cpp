#include "app/session_document.h"

#include <fmt/format.h>

#include "app/domain/templates.h"
#include "core/log.h"

namespace formviz::app {

namespace fs = std::filesystem;

Status applySessionEdits(const SessionEdits& edits, const domain::Catalog& catalog, domain::SessionEditor& editor) {
  if (edits.add) {
    const domain::Exercise* exercise = catalog.find(edits.add->first);
    if (!exercise) return Error{fmt::format("no exercise '{}' in the catalog", edits.add->first)};
    if (Status s = editor.add(domain::makeItem(*exercise), edits.add->second); !s) return s;
  }
  if (edits.remove)
    if (Status s = editor.remove(*edits.remove); !s) return s;
  if (edits.duplicate)
    if (Status s = editor.duplicate(*edits.duplicate); !s) return s;
  if (edits.move)
    if (Status s = editor.move(edits.move->first, edits.move->second); !s) return s;
  if (edits.edit)
    if (Status s = editor.edit(edits.edit->first, edits.edit->second); !s) return s;
  if (edits.rename)
    if (Status s = editor.rename(*edits.rename); !s) return s;
  if (edits.targetMinutes)
    if (Status s = editor.setTargetMinutes(*edits.targetMinutes); !s) return s;
  if (edits.undo) editor.undo();
  if (edits.redo) editor.redo();
  return Ok{};
}

SessionDocument::SessionDocument(const domain::Catalog& catalog, fs::path configDir)
    : catalog_(catalog), configDir_(std::move(configDir)) {
  if (configDir_.empty()) return;
  recent_ = domain::RecentFiles::load(configDir_ / "recent.json");
  recovery_.emplace(configDir_ / "recovery.json");
  autosave_.emplace(*recovery_);
}

std::string SessionDocument::displayName() const {
  return path_.empty() ? std::string("Unsaved session") : path_.filename().string();
}

void SessionDocument::replace(domain::Session session, fs::path path, bool saved) {
  editor_.reset(std::move(session));
  path_ = std::move(path);
  // An unsaved replacement (template, recovery) stays "changed" until it is saved.
  savedRevision_ = saved ? editor_.revision() : editor_.revision() - 1;
  if (autosave_ && saved) autosave_->markSaved(editor_.revision());
}

void SessionDocument::remember(const fs::path& path) {
  recent_.add(path);
  if (configDir_.empty()) return;
  if (Status s = recent_.save(configDir_ / "recent.json"); !s) log::warn("{}", s.error().message);
}

void SessionDocument::newSession() { replace(domain::Session{}, {}, true); }

Status SessionDocument::applyTemplate(std::string_view key) {
  const domain::SessionTemplate* found = domain::findTemplate(key);
  if (!found) return Error{fmt::format("no session template '{}'", key)};
  replace(found->session, {}, false);
  return Ok{};
}

Result<std::vector<std::string>> SessionDocument::open(const fs::path& path) {
  auto opened = domain::openSession(path, catalog_);
  if (!opened) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      recent_.remove(path);
      if (!configDir_.empty()) (void)recent_.save(configDir_ / "recent.json");
    }
    return opened.error();
  }
  replace(std::move(opened->session), path, true);
  remember(path);
  return std::move(opened->notices);
}

Status SessionDocument::save() {
  if (path_.empty()) return Error{"this session has no file yet: use Save as"};
  return saveAs(path_);
}

Status SessionDocument::saveAs(const fs::path& path) {
  if (Status s = domain::saveSession(path, editor_.session()); !s) return s;
  path_ = path;
  savedRevision_ = editor_.revision();
  if (autosave_) autosave_->markSaved(savedRevision_);
  remember(path);
  return Ok{};
}

void SessionDocument::tick(double nowSeconds) {
  if (!autosave_) return;
  // Nothing unsaved: the autosave has nothing to snapshot (after a save it was told so).
  if (!unsaved()) return;
  autosave_->tick(nowSeconds, editor_, path_);
}

std::optional<domain::RecoveryInfo> SessionDocument::pendingRecovery() const {
  return recovery_ ? recovery_->detect() : std::nullopt;
}

Result<std::vector<std::string>> SessionDocument::restoreRecovery() {
  if (!recovery_) return Error{"no recovery snapshot"};
  const auto info = recovery_->detect();
  auto restored = recovery_->restore(catalog_);
  if (!restored) return restored.error();
  replace(std::move(restored->session), info ? info->documentPath : fs::path(), false);
  return std::move(restored->notices);
}

void SessionDocument::close() {
  if (!recovery_) return;
  if (!unsaved()) {
    recovery_->discard();
    return;
  }
  if (Status s = recovery_->save(editor_.session(), path_); !s) log::warn("{}", s.error().message);
}

void SessionDocument::discardRecovery() {
  if (recovery_) recovery_->discard();
}

}  // namespace formviz::app
