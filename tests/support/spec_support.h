// SPDX-License-Identifier: GPL-2.0
#pragma once

// Helpers shared by the test suites: parse and elaborate a model given as a
// string or a file, render diagnostics as `LINE:COL: error: message`, read
// and write test data, and run the explicit engine on a small inline model.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "spec/checker.h"
#include "spec/diagnostics.h"
#include "spec/parser.h"
#include "spec/source_file.h"

namespace irqspec_test {

inline std::string source_dir() {
  return IRQSPEC_SOURCE_DIR;
}
inline std::string data_dir() {
  return source_dir() + "/tests/data";
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// Golden files are regenerated instead of compared when this is set.
inline bool update_golden() {
  return std::getenv("IRQSPEC_UPDATE_GOLDEN") != nullptr;
}

/// The files of `dir` whose name ends in `suffix`, sorted.
inline std::vector<std::string> files_in(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// One diagnostic as the tests compare it: `3:7: error: message`, or
/// `error: message` when it has no position.
inline std::string render_short(const spec::SourceFile& source, const spec::Diagnostic& d) {
  std::string what = d.severity == spec::Severity::Error ? "error" : "note";
  if (!d.loc.valid) {
    return what + ": " + d.message;
  }
  spec::LineCol lc = source.line_col(d.loc);
  return std::to_string(lc.line) + ":" + std::to_string(lc.col) + ": " + what + ": " + d.message;
}

/// A file parsed and elaborated the way `irqspec verify-specs` does it: the
/// checker runs only when parsing succeeded, the implicit job first, then
/// (when that succeeded) every check block with its own settings.
struct Loaded {
  std::unique_ptr<spec::SourceFile> source;
  std::unique_ptr<spec::Diagnostics> diags;
  spec::ast::File ast;
  std::optional<spec::Model> model;  // the implicit job (or the check named in load())
  std::vector<spec::Model> check_models;

  bool ok() const { return !diags->has_errors() && model.has_value(); }
  std::vector<std::string> diagnostics() const {
    std::vector<std::string> out;
    for (const spec::Diagnostic& d : diags->all()) {
      out.push_back(render_short(*source, d));
    }
    return out;
  }
  std::string diagnostics_text() const {
    std::string out;
    for (const std::string& line : diagnostics()) {
      out += line + "\n";
    }
    return out;
  }
};

struct LoadOptions {
  std::vector<spec::ConstSetting> settings;  // as given by --set
  std::string check;                         // elaborate only this check block
  bool all_checks = true;                    // also elaborate every check block
};

inline std::unique_ptr<Loaded> load(std::string text, const LoadOptions& options = {},
                                    std::string name = "test.irqspec") {
  auto l = std::make_unique<Loaded>();
  l->source = std::make_unique<spec::SourceFile>(std::move(name), std::move(text));
  l->diags = std::make_unique<spec::Diagnostics>(*l->source);
  l->ast = spec::parse(*l->source, *l->diags);
  if (l->diags->has_errors()) {
    return l;
  }
  spec::Checker checker(l->ast, *l->source, *l->diags);
  const spec::ast::CheckDecl* selected = nullptr;
  for (const spec::ast::CheckDecl* c : checker.check_blocks()) {
    if (c->name.name == options.check) {
      selected = c;
    }
  }
  l->model = checker.elaborate(options.settings, selected);
  if (!l->model || !options.all_checks || !options.check.empty()) {
    return l;
  }
  for (const spec::ast::CheckDecl* c : checker.check_blocks()) {
    std::optional<spec::Model> m = checker.elaborate(options.settings, c);
    if (m) {
      l->check_models.push_back(std::move(*m));
    }
  }
  return l;
}

/// What a bad-input file says about itself (see tests/data/README.md).
struct Expectations {
  std::vector<std::string> diagnostics;  // `3:7: error: message`, resolved to absolute lines
  std::vector<spec::ConstSetting> settings;
  std::vector<std::string> problems;  // malformed directives
};

inline Expectations parse_expectations(const std::string& text) {
  Expectations e;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  auto trim = [](std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
      s.pop_back();
    }
    std::size_t b = 0;
    while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) {
      ++b;
    }
    return s.substr(b);
  };
  while (std::getline(in, line)) {
    ++number;
    std::size_t at = line.find("// expect: ");
    if (at != std::string::npos) {
      std::string d = trim(line.substr(at + 11));
      if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
        // `+N:COL: ...` and `-N:COL: ...`: N lines below or above this one.
        std::size_t colon = d.find(':');
        if (colon == std::string::npos) {
          e.problems.push_back("line " + std::to_string(number) + ": bad relative position");
          continue;
        }
        int delta = std::atoi(d.substr(1, colon - 1).c_str());
        d = std::to_string(d[0] == '+' ? number + delta : number - delta) + d.substr(colon);
      }
      e.diagnostics.push_back(d);
      continue;
    }
    at = line.find("// set: ");
    if (at != std::string::npos) {
      std::string s = trim(line.substr(at + 8));
      std::size_t eq = s.find('=');
      if (eq == std::string::npos) {
        e.problems.push_back("line " + std::to_string(number) + ": expected // set: NAME=VALUE");
        continue;
      }
      e.settings.push_back({s.substr(0, eq), s.substr(eq + 1)});
    }
  }
  return e;
}

/// Orders rendered diagnostics by line, then column, then text.
inline void sort_diagnostics(std::vector<std::string>& v) {
  auto key = [](const std::string& s) {
    int line = 0, col = 0;
    if (std::sscanf(s.c_str(), "%d:%d:", &line, &col) != 2) {
      line = col = 0;
    }
    return std::make_tuple(line, col, s);
  };
  std::stable_sort(v.begin(), v.end(),
                   [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
}

/// Runs one tests/data/bad file: parse and elaborate it as verify-specs does
/// and compare every diagnostic with the file's `// expect:` lines.
inline void expect_diagnostics_of(const std::string& path) {
  std::string text = read_file(path);
  Expectations e = parse_expectations(text);
  ASSERT_TRUE(e.problems.empty()) << e.problems[0];
  ASSERT_FALSE(e.diagnostics.empty()) << path << " declares no expected diagnostic";
  LoadOptions options;
  options.settings = e.settings;
  std::unique_ptr<Loaded> l = load(text, options);
  std::vector<std::string> actual = l->diagnostics();
  std::vector<std::string> expected = e.diagnostics;
  sort_diagnostics(actual);
  sort_diagnostics(expected);
  auto lines = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) {
      s += "  // expect: " + x + "\n";
    }
    return s;
  };
  EXPECT_EQ(lines(actual), lines(expected)) << path;
  EXPECT_FALSE(l->ok()) << path << " elaborated without errors";
}

/// Test names from file names: `syntax_missing_semicolon`.
inline std::string file_stem(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = std::filesystem::path(info.param).stem().string();
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      c = '_';
    }
  }
  return s;
}

}  // namespace irqspec_test
