// SPDX-License-Identifier: GPL-2.0
#include "codegen/kernel_versions.h"

#include <cctype>
#include <charconv>

namespace codegen {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

/// Reads a number at the start of `s` and moves past it.
std::optional<int> take_number(std::string_view& s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data()) {
    return std::nullopt;
  }
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  return value;
}

}  // namespace

std::string KernelVersion::str() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<KernelVersion> parse_kernel_version(std::string_view text) {
  std::string_view s = trim(text);
  KernelVersion v;
  auto major = take_number(s);
  if (!major || s.empty() || s.front() != '.') {
    return std::nullopt;
  }
  s.remove_prefix(1);
  auto minor = take_number(s);
  if (!minor) {
    return std::nullopt;
  }
  v.major = *major;
  v.minor = *minor;
  if (!s.empty() && s.front() == '.') {
    s.remove_prefix(1);
    v.patch = take_number(s).value_or(0);
  }
  return v;
}

KernelRange KernelRange::all() {
  KernelRange r;
  r.text_ = "all";
  return r;
}

std::optional<KernelRange> KernelRange::parse(std::string_view text, std::string& error) {
  KernelRange r;
  r.text_ = std::string(trim(text));
  if (r.text_ == "all") {
    return r;
  }
  if (r.text_ == "none") {
    r.none_ = true;
    return r;
  }
  std::string_view rest = r.text_;
  while (true) {
    std::size_t comma = rest.find(',');
    std::string_view part = trim(rest.substr(0, comma));
    static const std::pair<std::string_view, Op> kOps[] = {
        {"<=", Op::Le}, {">=", Op::Ge}, {"==", Op::Eq}, {"<", Op::Lt}, {">", Op::Gt}};
    bool matched = false;
    for (const auto& [word, op] : kOps) {
      if (part.substr(0, word.size()) == word) {
        auto v = parse_kernel_version(part.substr(word.size()));
        if (!v) {
          break;
        }
        r.bounds_.push_back({op, *v});
        matched = true;
        break;
      }
    }
    if (!matched) {
      error = "'" + std::string(part) +
              "' is not a kernel version bound (write e.g. \"< 6.3\", \">= 5.13, < 6.17\", "
              "\"all\" or \"none\")";
      return std::nullopt;
    }
    if (comma == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(comma + 1);
  }
  return r;
}

bool KernelRange::contains(const KernelVersion& v) const {
  if (none_) {
    return false;
  }
  for (const Bound& b : bounds_) {
    bool ok = false;
    switch (b.op) {
      case Op::Lt:
        ok = v < b.version;
        break;
      case Op::Le:
        ok = v <= b.version;
        break;
      case Op::Gt:
        ok = v > b.version;
        break;
      case Op::Ge:
        ok = v >= b.version;
        break;
      case Op::Eq:
        ok = v == b.version;
        break;
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}

}  // namespace codegen
