// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/model_loader.h"

#include <filesystem>

#include "spec/parser.h"

namespace irqspec {

std::shared_ptr<const spec::Model> load_model(const std::string& path, const std::string& check,
                                              const std::vector<spec::ConstSetting>& settings,
                                              std::ostream& err) {
  spec::SourceFile source("", "");
  std::string read_error;
  if (!spec::SourceFile::read(path, source, read_error)) {
    err << path << ": error: " << read_error << "\n";
    return nullptr;
  }
  spec::Diagnostics diags(source);
  spec::ast::File ast = spec::parse(source, diags);
  if (diags.has_errors()) {
    diags.print(err);
    return nullptr;
  }
  spec::Checker checker(ast, source, diags);
  const spec::ast::CheckDecl* block = nullptr;
  if (!check.empty()) {
    for (const spec::ast::CheckDecl* b : checker.check_blocks()) {
      if (b->name.name == check) {
        block = b;
      }
    }
    if (block == nullptr) {
      err << path << ": error: no check named '" << check << "'\n";
      return nullptr;
    }
  }
  std::optional<spec::Model> model = checker.elaborate(settings, block);
  if (!model) {
    diags.print(err);
    return nullptr;
  }
  return std::make_shared<const spec::Model>(std::move(*model));
}

std::function<int(spec::SourceLoc)> line_mapper(const std::string& path) {
  auto source = std::make_shared<spec::SourceFile>("", "");
  std::string error;
  if (!spec::SourceFile::read(path, *source, error)) {
    return nullptr;
  }
  return [source](spec::SourceLoc loc) { return static_cast<int>(source->line_col(loc).line); };
}

std::string default_binding_path(const std::string& model_path, const std::string& target) {
  std::filesystem::path p(model_path);
  return (p.parent_path() / (p.stem().string() + "." + target + ".json")).string();
}

std::shared_ptr<const spec::Model> load_bound_model(const std::string& path,
                                                    const std::string& check,
                                                    const std::vector<spec::ConstSetting>& settings,
                                                    const codegen::Binding& binding,
                                                    const std::string& binding_path,
                                                    std::ostream& err) {
  auto model = load_model(path, check, settings, err);
  if (!model) {
    return nullptr;
  }
  std::vector<std::string> problems = binding.validate(*model);
  if (!problems.empty()) {
    err << binding_path << ": error: " << problems.front() << "\n";
    return nullptr;
  }
  return model;
}

}  // namespace irqspec
