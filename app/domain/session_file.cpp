#include "app/domain/session_file.h"

#include <algorithm>
#include <ctime>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/domain/tempo.h"
#include "core/log.h"
#include "core/paths.h"

namespace formviz::domain {
namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

const std::set<std::string_view> kTopKeys = {"format", "version", "name", "target_minutes", "items"};
const std::set<std::string_view> kItemKeys = {"exercise", "sets",  "reps", "hold_seconds", "rest_seconds",
                                              "tempo",    "side",  "load", "note"};

ordered_json parseExtra(const std::string& text) {
  if (text.empty()) return ordered_json::object();
  try {
    ordered_json j = ordered_json::parse(text);
    return j.is_object() ? j : ordered_json::object();
  } catch (const ordered_json::exception&) {
    return ordered_json::object();
  }
}

ordered_json itemToJson(const SessionItem& item) {
  if (!item.original.empty()) {
    try {
      return ordered_json::parse(item.original);
    } catch (const ordered_json::exception&) {
      // fall through: write what we know
    }
  }
  ordered_json j;
  j["exercise"] = item.exerciseId;
  j["sets"] = item.sets;
  if (item.holdSeconds > 0)
    j["hold_seconds"] = item.holdSeconds;
  else
    j["reps"] = item.reps;
  j["rest_seconds"] = item.restSeconds;
  if (!item.tempo.empty()) j["tempo"] = item.tempo;
  j["side"] = std::string(sideKey(item.side));
  if (!item.load.empty()) j["load"] = item.load;
  if (!item.note.empty()) j["note"] = item.note;
  const ordered_json extra = parseExtra(item.extra);
  for (auto& [key, value] : extra.items()) j[key] = value;
  return j;
}

std::string extraKeys(const ordered_json& object, const std::set<std::string_view>& known) {
  ordered_json extra = ordered_json::object();
  for (auto& [key, value] : object.items())
    if (!known.count(key)) extra[key] = value;
  return extra.empty() ? std::string() : extra.dump();
}

// Reads a whole number field into `out`; a notice when it has the wrong type or range.
void readInt(const ordered_json& object, const char* key, int lo, int hi, int& out, const std::string& where,
             std::vector<std::string>& notices) {
  auto it = object.find(key);
  if (it == object.end()) return;
  if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi) {
    notices.push_back(fmt::format("{}: \"{}\" should be a whole number from {} to {}; {} used instead", where, key, lo,
                                  hi, out));
    return;
  }
  out = it->get<int>();
}

void readString(const ordered_json& object, const char* key, std::string& out, const std::string& where,
                std::vector<std::string>& notices) {
  auto it = object.find(key);
  if (it == object.end()) return;
  if (!it->is_string()) {
    notices.push_back(fmt::format("{}: \"{}\" should be text; ignored", where, key));
    return;
  }
  out = it->get<std::string>();
}

std::string utcNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

ordered_json sessionToJson(const Session& session) {
  ordered_json root;
  root["format"] = "formviz-session";
  root["version"] = kSessionFormatVersion;
  root["name"] = session.name;
  root["target_minutes"] = session.targetMinutes;
  ordered_json items = ordered_json::array();
  for (const SessionItem& item : session.items) items.push_back(itemToJson(item));
  root["items"] = std::move(items);
  const ordered_json extra = parseExtra(session.extra);
  for (auto& [key, value] : extra.items()) root[key] = value;
  return root;
}

Result<OpenedSession> sessionFromJson(const ordered_json& root, std::string_view label, const Catalog& catalog) {
  if (!root.is_object() || !root.contains("format") || root["format"] != "formviz-session")
    return makeError(fmt::format("{}: not a FormViz session file (expected \"format\": \"formviz-session\")", label));
  auto version = root.find("version");
  if (version == root.end() || !version->is_number_integer() || version->get<long long>() < 1)
    return makeError(fmt::format("{}: \"version\" should be a whole number of 1 or more", label));

  OpenedSession opened;
  opened.fileVersion = version->get<int>();
  std::vector<std::string>& notices = opened.notices;
  if (opened.fileVersion > kSessionFormatVersion)
    notices.push_back(fmt::format(
        "{} was written by a newer FormViz (session format {}; this one reads {}). Everything this version "
        "understands is shown, and the parts it does not are kept and written back when you save.",
        label, opened.fileVersion, kSessionFormatVersion));
  Session& session = opened.session;
  const std::string where(label);
  readString(root, "name", session.name, where, notices);
  readInt(root, "target_minutes", 5, 180, session.targetMinutes, where, notices);
  session.extra = extraKeys(root, kTopKeys);

  if (auto items = root.find("items"); items != root.end()) {
    if (!items->is_array()) {
      return makeError(fmt::format("{}: \"items\" should be a list of exercises", label));
    }
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const ordered_json& node = (*items)[i];
      const std::string itemWhere = fmt::format("{}: items[{}]", label, i);
      SessionItem item;
      if (!node.is_object() || !node.contains("exercise") || !node["exercise"].is_string()) {
        // Not even an exercise id: keep it as an unknown item so it is written back.
        item.exerciseId = node.is_object() && node.contains("exercise") ? node["exercise"].dump() : "?";
        item.unknownExercise = true;
        item.original = node.dump();
        notices.push_back(fmt::format("{} is not a readable exercise entry; it is kept unchanged", itemWhere));
        session.items.push_back(std::move(item));
        continue;
      }
      item.exerciseId = node["exercise"].get<std::string>();
      std::vector<std::string> itemNotices;
      readInt(node, "sets", 1, 100, item.sets, itemWhere, itemNotices);
      item.reps = 0;
      readInt(node, "reps", 0, 1000, item.reps, itemWhere, itemNotices);
      readInt(node, "hold_seconds", 0, 3600, item.holdSeconds, itemWhere, itemNotices);
      readInt(node, "rest_seconds", 0, 3600, item.restSeconds, itemWhere, itemNotices);
      readString(node, "tempo", item.tempo, itemWhere, itemNotices);
      readString(node, "load", item.load, itemWhere, itemNotices);
      readString(node, "note", item.note, itemWhere, itemNotices);
      if (auto side = node.find("side"); side != node.end()) {
        auto parsed = side->is_string() ? sideFromKey(side->get<std::string>()) : std::nullopt;
        if (parsed)
          item.side = *parsed;
        else
          itemNotices.push_back(fmt::format("{}: unknown side {}; \"both\" used", itemWhere, side->dump()));
      }
      if (!item.tempo.empty() && !parseTempo(item.tempo)) {
        itemNotices.push_back(fmt::format("{}: tempo '{}' is not readable; the duration uses {} s per rep", itemWhere,
                                          item.tempo, kDefaultRepSeconds));
      }
      item.extra = extraKeys(node, kItemKeys);
      if (!catalog.contains(item.exerciseId)) {
        item.unknownExercise = true;
        item.original = node.dump();
        unknown.push_back(item.exerciseId);
      } else {
        if (item.reps == 0 && item.holdSeconds == 0) {
          if (const Exercise* ex = catalog.find(item.exerciseId)) {
            item.reps = ex->dosage.reps;
            item.holdSeconds = ex->dosage.holdSeconds;
          }
          itemNotices.push_back(fmt::format("{}: no reps or hold time; the exercise's default is used", itemWhere));
        }
        notices.insert(notices.end(), itemNotices.begin(), itemNotices.end());
      }
      session.items.push_back(std::move(item));
    }
    if (!unknown.empty()) {
      std::string list;
      for (const std::string& id : unknown) list += (list.empty() ? "'" : ", '") + id + "'";
      notices.push_back(fmt::format(
          "{}: {} exercise{} not in this FormViz's library ({}). {} kept in the session, marked unknown, "
          "and saved unchanged.",
          label, unknown.size(), unknown.size() == 1 ? " is" : "s are", list, unknown.size() == 1 ? "It is" : "They are"));
    }
  }
  return opened;
}

}  // namespace

// [SECTION] Format

std::string serializeSession(const Session& session) { return sessionToJson(session).dump(2) + "\n"; }

Result<OpenedSession> parseSession(std::string_view text, std::string_view fileLabel, const Catalog& catalog) {
  ordered_json root;
  try {
    root = ordered_json::parse(text);
  } catch (const ordered_json::parse_error& e) {
    return makeError(fmt::format("{}: not valid JSON ({}); the file may be damaged", fileLabel, e.what()));
  }
  return sessionFromJson(root, fileLabel, catalog);
}

Status saveSession(const fs::path& path, const Session& session) {
  return writeFileAtomic(path, serializeSession(session));
}

Result<OpenedSession> openSession(const fs::path& path, const Catalog& catalog) {
  auto text = readFile(path);
  if (!text) return text.error();
  return parseSession(*text, path.filename().string(), catalog);
}

// [SECTION] Recovery

Status RecoveryStore::save(const Session& session, const fs::path& documentPath) {
  ordered_json root;
  root["format"] = "formviz-recovery";
  root["version"] = 1;
  root["saved_at"] = utcNow();
  root["document_path"] = documentPath.string();
  root["session"] = sessionToJson(session);
  return writeFileAtomic(file_, root.dump(1) + "\n");
}

std::optional<RecoveryInfo> RecoveryStore::detect() const {
  std::error_code ec;
  if (!fs::exists(file_, ec)) return std::nullopt;
  auto text = readFile(file_);
  if (!text) return std::nullopt;
  try {
    const ordered_json root = ordered_json::parse(*text);
    if (!root.is_object() || root.value("format", "") != "formviz-recovery" || !root.contains("session"))
      return std::nullopt;
    RecoveryInfo info;
    info.documentPath = root.value("document_path", "");
    info.savedAt = root.value("saved_at", "");
    if (root["session"].is_object()) info.sessionName = root["session"].value("name", "");
    return info;
  } catch (const ordered_json::exception&) {
    return std::nullopt;
  }
}

Result<OpenedSession> RecoveryStore::restore(const Catalog& catalog) const {
  auto text = readFile(file_);
  if (!text) return text.error();
  ordered_json root;
  try {
    root = ordered_json::parse(*text);
  } catch (const ordered_json::parse_error& e) {
    return makeError(fmt::format("the recovery file '{}' is damaged: {}", file_.string(), e.what()));
  }
  if (!root.is_object() || !root.contains("session"))
    return makeError(fmt::format("the recovery file '{}' holds no session", file_.string()));
  return sessionFromJson(root["session"], "the recovered session", catalog);
}

void RecoveryStore::discard() {
  std::error_code ec;
  fs::remove(file_, ec);
}

bool Autosave::tick(double now, const SessionEditor& editor, const fs::path& documentPath) {
  if (editor.revision() == cleanRevision_) {
    dirtySince_.reset();
    return false;
  }
  if (!dirtySince_) dirtySince_ = now;
  if (now - *dirtySince_ < interval_) return false;
  if (auto status = store_.save(editor.session(), documentPath); !status) {
    log::warn("autosave failed: {}", status.error().message);
    dirtySince_ = now;  // try again one interval later
    return false;
  }
  cleanRevision_ = editor.revision();
  dirtySince_.reset();
  return true;
}

void Autosave::markSaved(std::uint64_t revision) {
  cleanRevision_ = revision;
  dirtySince_.reset();
  store_.discard();
}

// [SECTION] Recent

namespace {
fs::path normalPath(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  fs::path normal = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : normal;
}
}  // namespace

void RecentFiles::add(const fs::path& path) {
  const fs::path normal = normalPath(path);
  remove(normal);
  paths_.insert(paths_.begin(), normal);
  if (paths_.size() > kMaxEntries) paths_.resize(kMaxEntries);
}

void RecentFiles::remove(const fs::path& path) {
  const fs::path normal = normalPath(path);
  std::erase_if(paths_, [&](const fs::path& p) { return p == normal; });
}

RecentFiles RecentFiles::load(const fs::path& file) {
  RecentFiles recent;
  std::error_code ec;
  if (!fs::exists(file, ec)) return recent;
  auto text = readFile(file);
  if (!text) return recent;
  try {
    const ordered_json root = ordered_json::parse(*text);
    if (!root.is_object() || !root.contains("files") || !root["files"].is_array()) return recent;
    for (const auto& entry : root["files"])
      if (entry.is_string() && !entry.get<std::string>().empty() && recent.paths_.size() < kMaxEntries) {
        const fs::path normal = normalPath(entry.get<std::string>());
        if (std::find(recent.paths_.begin(), recent.paths_.end(), normal) == recent.paths_.end())
          recent.paths_.push_back(normal);
      }
  } catch (const ordered_json::exception& e) {
    log::warn("{}: recent files list unreadable ({}); starting empty", file.string(), e.what());
  }
  return recent;
}

Status RecentFiles::save(const fs::path& file) const {
  ordered_json root;
  root["format"] = "formviz-recent";
  root["version"] = 1;
  ordered_json files = ordered_json::array();
  for (const fs::path& p : paths_) files.push_back(p.string());
  root["files"] = std::move(files);
  return writeFileAtomic(file, root.dump(2) + "\n");
}

}  // namespace formviz::domain
