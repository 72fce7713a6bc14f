// SPDX-License-Identifier: GPL-2.0
#pragma once

// The front end of irqspec: a model file read, parsed and checked, ready to
// be elaborated for any of its checks. Every tool that needs a model —
// verify-specs, gen-tests, conform, the gate — goes through here.

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "spec/ast.h"
#include "spec/checker.h"
#include "spec/diagnostics.h"
#include "spec/model.h"

namespace spec {

class Document {
 public:
  /// Reads and parses `path`. nullptr, with the diagnostics printed to
  /// `err`, if the file cannot be read or does not parse.
  static std::unique_ptr<Document> open(const std::string& path, std::ostream& err);

  const std::string& path() const { return path_; }
  const SourceFile& source() const { return *source_; }
  const ast::File& ast() const { return ast_; }
  /// The names of the check blocks, in order; {"default"} for a file with none.
  std::vector<std::string> check_names() const;
  bool has_check(const std::string& name) const;
  /// Where the check block `name` starts (not valid if there is none).
  SourceLoc check_loc(const std::string& name) const;
  bool declares_constant(const std::string& name) const;
  /// Line numbers of source offsets (the file stays alive in the result).
  std::function<int(SourceLoc)> line_mapper() const;

  /// Elaborates the model for the check `name` ("default" or "" for the
  /// implicit one). nullptr, with the diagnostics printed to `err`, on
  /// errors (a setting of a constant the file does not declare is one).
  std::shared_ptr<const Model> elaborate(const std::string& check,
                                         const std::vector<ConstSetting>& settings,
                                         std::ostream& err);

 private:
  Document(std::string path, std::shared_ptr<const SourceFile> source);
  const ast::CheckDecl* find_check(const std::string& name) const;
  void flush(std::ostream& err);

  std::string path_;
  std::shared_ptr<const SourceFile> source_;
  Diagnostics diags_;
  std::size_t printed_ = 0;  // diagnostics already printed
  ast::File ast_;
  std::unique_ptr<Checker> checker_;
};

/// Opens `path` and elaborates one check of it: the usual way to get a model.
std::shared_ptr<const Model> load(const std::string& path, const std::string& check,
                                  const std::vector<ConstSetting>& settings, std::ostream& err);

}  // namespace spec
