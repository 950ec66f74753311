// [SECTION] Move-only ownership of one OpenGL object name.
#pragma once

#include <cstdint>
#include <utility>

namespace formviz::gl {

// Owns a GL object name and deletes it with `Deleter` (a function object taking the name).
// Typed per object kind so a buffer cannot be passed where a texture is expected.
template <typename Tag, typename Deleter>
class Handle {
 public:
  Handle() = default;
  explicit Handle(std::uint32_t id) : id_(id) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, 0);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  std::uint32_t id() const { return id_; }
  explicit operator bool() const { return id_ != 0; }
  void reset() {
    if (id_ != 0) Deleter{}(id_);
    id_ = 0;
  }

 private:
  std::uint32_t id_ = 0;
};

}  // namespace formviz::gl
