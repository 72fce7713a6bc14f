// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spec {

/// A byte offset into a source file; every AST node and IR node carries one.
struct SourceLoc {
  std::uint32_t offset = 0;
  bool valid = false;

  static SourceLoc at(std::size_t offset) { return {static_cast<std::uint32_t>(offset), true}; }
};

/// 1-based line and column, computed on demand from an offset.
struct LineCol {
  std::uint32_t line = 0;
  std::uint32_t col = 0;
};

/// The text of one .irqspec file and the index of its line starts.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  /// Reads a file; returns false (and leaves `error` set) if it cannot be read.
  static bool read(const std::string& path, SourceFile& out, std::string& error);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  LineCol line_col(SourceLoc loc) const;
  /// The text of a 1-based line without its newline.
  std::string_view line_text(std::uint32_t line) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace spec
