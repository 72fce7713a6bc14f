// SPDX-License-Identifier: GPL-2.0
#include "spec/front_end.h"

#include <algorithm>
#include <map>

#include "spec/parser.h"

namespace spec {

Document::Document(std::string path, std::shared_ptr<const SourceFile> source)
    : path_(std::move(path)), source_(std::move(source)), diags_(*source_) {}

std::unique_ptr<Document> Document::open(const std::string& path, std::ostream& err) {
  auto source = std::make_shared<SourceFile>("", "");
  std::string read_error;
  if (!SourceFile::read(path, *source, read_error)) {
    err << path << ": error: " << read_error << "\n";
    return nullptr;
  }
  std::unique_ptr<Document> doc(new Document(path, source));
  doc->ast_ = parse(*doc->source_, doc->diags_);
  if (doc->diags_.has_errors()) {
    doc->flush(err);
    return nullptr;
  }
  doc->checker_ = std::make_unique<Checker>(doc->ast_, *doc->source_, doc->diags_);
  std::map<std::string, SourceLoc> names;
  for (const ast::CheckDecl* c : doc->checker_->check_blocks()) {
    if (!names.try_emplace(c->name.name, c->name.loc).second) {
      doc->diags_.error(c->name.loc, "there are two checks named '" + c->name.name + "'");
    }
  }
  if (doc->diags_.has_errors()) {
    doc->flush(err);
    return nullptr;
  }
  return doc;
}

void Document::flush(std::ostream& err) {
  const std::vector<Diagnostic>& all = diags_.all();
  for (; printed_ < all.size(); ++printed_) {
    err << diags_.render(all[printed_]);
  }
}

std::vector<std::string> Document::check_names() const {
  std::vector<std::string> names;
  for (const ast::CheckDecl* c : checker_->check_blocks()) {
    names.push_back(c->name.name);
  }
  if (names.empty()) {
    names.push_back("default");
  }
  return names;
}

bool Document::has_check(const std::string& name) const {
  std::vector<std::string> names = check_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool Document::declares_constant(const std::string& name) const {
  for (const ast::Decl& d : ast_.decls) {
    auto* c = boost::get<ast::ConstDecl>(&d);
    if (c != nullptr && c->name.name == name) {
      return true;
    }
  }
  return false;
}

std::function<int(SourceLoc)> Document::line_mapper() const {
  std::shared_ptr<const SourceFile> source = source_;
  return [source](SourceLoc loc) { return static_cast<int>(source->line_col(loc).line); };
}

const ast::CheckDecl* Document::find_check(const std::string& name) const {
  for (const ast::CheckDecl* c : checker_->check_blocks()) {
    if (c->name.name == name) {
      return c;
    }
  }
  return nullptr;
}

SourceLoc Document::check_loc(const std::string& name) const {
  const ast::CheckDecl* c = find_check(name);
  return c != nullptr ? c->loc : SourceLoc{};
}

std::shared_ptr<const Model> Document::elaborate(const std::string& check,
                                                 const std::vector<ConstSetting>& settings,
                                                 std::ostream& err) {
  const ast::CheckDecl* block = nullptr;
  if (!check.empty() && !(check == "default" && checker_->check_blocks().empty())) {
    block = find_check(check);
    if (block == nullptr) {
      err << path_ << ": error: no check named '" << check << "'\n";
      return nullptr;
    }
  }
  std::optional<Model> model = checker_->elaborate(settings, block);
  flush(err);
  if (!model) {
    return nullptr;
  }
  return std::make_shared<const Model>(std::move(*model));
}

std::shared_ptr<const Model> load(const std::string& path, const std::string& check,
                                  const std::vector<ConstSetting>& settings, std::ostream& err) {
  std::unique_ptr<Document> doc = Document::open(path, err);
  return doc ? doc->elaborate(check, settings, err) : nullptr;
}

}  // namespace spec
