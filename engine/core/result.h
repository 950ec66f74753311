// [SECTION] Result: a value or a user-facing error.
//
// Runtime failures caused by the user's environment or files (a shader that does
// not compile, a corrupt asset, a missing display) are returned as Result<T>, never
// thrown: the message is written for the user and names the file and the problem.
// Programmer errors are assertions, not Results.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace formviz {

struct Error {
  std::string message;  // complete, user-facing sentence(s); names the file when there is one
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

// For operations that return nothing on success.
struct Ok {};
using Status = Result<Ok>;

inline Error makeError(std::string message) { return Error{std::move(message)}; }

}  // namespace formviz
