// SPDX-License-Identifier: GPL-2.0
#include "tests/spec/ast_dump.h"

#include <sstream>

namespace irqspec_test {
namespace {

namespace ast = spec::ast;
namespace x3 = boost::spirit::x3;

std::string join(const std::vector<ast::Expr>& args) {
  std::string out;
  for (const ast::Expr& a : args) {
    out += " " + dump_expr(a);
  }
  return out;
}

struct ExprDumper {
  std::string operator()(const ast::BoolLit& n) const { return n.value ? "true" : "false"; }
  std::string operator()(const ast::IntLit& n) const { return n.text; }
  std::string operator()(const ast::Wildcard&) const { return "_"; }
  std::string operator()(const ast::NameRef& n) const { return n.name; }
  std::string operator()(const x3::forward_ast<ast::Unary>& f) const {
    const ast::Unary& n = f.get();
    return std::string("(") + ast::to_string(n.op) + " " + dump_expr(n.operand) + ")";
  }
  std::string operator()(const x3::forward_ast<ast::Binary>& f) const {
    const ast::Binary& n = f.get();
    return std::string("(") + ast::to_string(n.op) + " " + dump_expr(n.lhs) + " " +
           dump_expr(n.rhs) + ")";
  }
  std::string operator()(const x3::forward_ast<ast::Ternary>& f) const {
    const ast::Ternary& n = f.get();
    return "(?: " + dump_expr(n.cond) + " " + dump_expr(n.then_expr) + " " +
           dump_expr(n.else_expr) + ")";
  }
  std::string operator()(const x3::forward_ast<ast::Call>& f) const {
    const ast::Call& n = f.get();
    return "(call " + n.callee.name + join(n.args) + ")";
  }
  std::string operator()(const x3::forward_ast<ast::Index>& f) const {
    const ast::Index& n = f.get();
    return "(index " + dump_expr(n.base) + " " + dump_expr(n.index) + ")";
  }
  std::string operator()(const x3::forward_ast<ast::Quantifier>& f) const {
    const ast::Quantifier& n = f.get();
    std::string out = std::string("(") + ast::to_string(n.kind);
    for (const ast::Binder& b : n.binders) {
      out += " (" + b.name.name + " " + dump_type(b.type) + ")";
    }
    return out + " " + dump_expr(n.body) + ")";
  }
  std::string operator()(const x3::forward_ast<ast::StepAtom>& f) const {
    const ast::StepAtom& n = f.get();
    std::string out = n.kind == ast::StepAtomKind::Happens ? "(happens " : "(did ";
    for (std::size_t i = 0; i < n.path.size(); ++i) {
      out += (i ? "." : "") + n.path[i].name;
    }
    if (n.args) {
      out += " (" + (n.args->empty() ? std::string() : join(*n.args).substr(1)) + ")";
    }
    return out + ")";
  }
};

class FileDumper {
 public:
  FileDumper(const spec::SourceFile& source) : source_(source) {}

  std::string at(const ast::Located& n) const {
    spec::LineCol lc = source_.line_col(n.loc);
    return "@" + std::to_string(lc.line) + ":" + std::to_string(lc.col);
  }

  void params(const std::vector<ast::Param>& ps) {
    out_ << " (";
    for (std::size_t i = 0; i < ps.size(); ++i) {
      out_ << (i ? " " : "") << "(" << ps[i].name.name << " " << dump_type(ps[i].type) << ")";
    }
    out_ << ")";
  }

  void block(const ast::Block& b, int indent) {
    for (const ast::Stmt& s : b) {
      stmt(s, indent);
    }
  }

  void stmt(const ast::Stmt& s, int indent) {
    std::string pad(indent, ' ');
    if (auto* n = boost::get<ast::LetStmt>(&s)) {
      out_ << pad << "(let " << at(*n) << " " << n->name.name << " "
           << (n->type ? dump_type(*n->type) : std::string("_")) << " " << dump_expr(n->value)
           << ")\n";
    } else if (auto* n = boost::get<ast::AssignStmt>(&s)) {
      out_ << pad << "(= " << at(*n) << " " << n->target.name;
      for (const ast::Expr& i : n->indices) {
        out_ << "[" << dump_expr(i) << "]";
      }
      out_ << " " << dump_expr(n->value) << ")\n";
    } else if (auto* f = boost::get<x3::forward_ast<ast::IfStmt>>(&s)) {
      const ast::IfStmt& n = f->get();
      out_ << pad << "(if " << at(n) << " " << dump_expr(n.cond) << "\n";
      block(n.then_body, indent + 2);
      out_ << pad << " else\n";
      block(n.else_body, indent + 2);
      out_ << pad << ")\n";
    } else if (auto* f = boost::get<x3::forward_ast<ast::ForStmt>>(&s)) {
      const ast::ForStmt& n = f->get();
      out_ << pad << "(for " << at(n) << " " << n.var.name << " " << dump_type(n.type);
      if (n.where) {
        out_ << " where " << dump_expr(*n.where);
      }
      out_ << "\n";
      block(n.body, indent + 2);
      out_ << pad << ")\n";
    } else if (auto* n = boost::get<ast::BreakStmt>(&s)) {
      out_ << pad << "(break " << at(*n) << ")\n";
    } else if (auto* n = boost::get<ast::ChooseStmt>(&s)) {
      out_ << pad << "(choose " << at(*n) << " " << n->var.name << " " << dump_type(n->type);
      if (n->where) {
        out_ << " where " << dump_expr(*n->where);
      }
      out_ << ")\n";
    } else if (auto* n = boost::get<ast::EmitStmt>(&s)) {
      out_ << pad << "(emit " << at(*n) << " " << n->event.name << join(n->args) << ")\n";
    } else if (auto* n = boost::get<ast::ReturnStmt>(&s)) {
      out_ << pad << "(return " << at(*n) << (n->value ? " " + dump_expr(*n->value) : "") << ")\n";
    } else if (auto* n = boost::get<ast::CallStmt>(&s)) {
      out_ << pad << "(call " << at(*n) << " " << n->callee.name << join(n->args) << ")\n";
    } else if (auto* n = boost::get<ast::AssertStmt>(&s)) {
      out_ << pad << "(assert " << at(*n) << (n->label ? " " + n->label->name + ":" : "") << " "
           << dump_expr(n->cond) << (n->message ? " \"" + *n->message + "\"" : "") << ")\n";
    }
  }

  void action(const ast::ActionDecl& a, int indent) {
    std::string pad(indent, ' ');
    out_ << pad << "(" << (a.kind == ast::ActionKind::Input ? "input" : "internal") << " " << at(a)
         << " " << a.name.name;
    params(a.params);
    out_ << " " << (a.result ? dump_type(*a.result) : std::string("_")) << " when "
         << (a.guard ? dump_expr(*a.guard) : std::string("_")) << "\n";
    block(a.body, indent + 2);
    out_ << pad << ")\n";
  }

  void decl(const ast::Decl& d) {
    if (auto* n = boost::get<ast::ConstDecl>(&d)) {
      out_ << "(const " << at(*n) << " " << n->name.name << " "
           << (n->type ? dump_type(*n->type) : std::string("_")) << " " << dump_expr(n->value)
           << ")\n";
    } else if (auto* n = boost::get<ast::TypeDecl>(&d)) {
      out_ << "(type " << at(*n) << " " << n->name.name << " " << dump_type(n->type) << ")\n";
    } else if (auto* n = boost::get<ast::EnumDecl>(&d)) {
      out_ << "(enum " << at(*n) << " " << n->name.name;
      for (const ast::EnumMember& m : n->members) {
        out_ << " " << m.name.name;
        if (m.value) {
          out_ << "=" << dump_expr(*m.value);
        }
      }
      out_ << ")\n";
    } else if (auto* n = boost::get<ast::VarDecl>(&d)) {
      out_ << "(var " << at(*n) << " " << n->name.name << " " << dump_type(n->type)
           << (n->init ? " " + dump_expr(*n->init) : "") << ")\n";
    } else if (auto* n = boost::get<ast::InitDecl>(&d)) {
      out_ << "(init " << at(*n) << " " << dump_expr(n->cond) << ")\n";
    } else if (auto* n = boost::get<ast::EventDecl>(&d)) {
      out_ << "(event " << at(*n) << " " << n->name.name;
      params(n->params);
      out_ << ")\n";
    } else if (auto* n = boost::get<ast::FnDecl>(&d)) {
      out_ << "(fn " << at(*n) << " " << n->name.name;
      params(n->params);
      out_ << " " << dump_type(n->result) << " " << dump_expr(n->body) << ")\n";
    } else if (auto* n = boost::get<ast::ProcDecl>(&d)) {
      out_ << "(proc " << at(*n) << " " << n->name.name;
      params(n->params);
      out_ << " " << (n->result ? dump_type(*n->result) : std::string("_")) << "\n";
      block(n->body, 2);
      out_ << ")\n";
    } else if (auto* n = boost::get<ast::ActorDecl>(&d)) {
      out_ << "(actor " << at(*n) << " " << n->name.name << "\n";
      for (const ast::ActionDecl& a : n->actions) {
        action(a, 2);
      }
      out_ << ")\n";
    } else if (auto* n = boost::get<ast::ActionDecl>(&d)) {
      action(*n, 0);
    } else if (auto* n = boost::get<ast::InvariantDecl>(&d)) {
      out_ << "(invariant " << at(*n) << " " << n->name.name << " " << dump_expr(n->formula)
           << ")\n";
    } else if (auto* n = boost::get<ast::PropertyDecl>(&d)) {
      out_ << "(property " << at(*n) << " " << n->name.name << " " << dump_expr(n->formula)
           << ")\n";
    } else if (auto* n = boost::get<ast::CoverDecl>(&d)) {
      out_ << "(cover " << at(*n) << " " << n->name.name;
      for (std::size_t i = 0; i < n->action.size(); ++i) {
        out_ << (i ? "." : " ") << n->action[i].name;
      }
      out_ << " (";
      for (std::size_t i = 0; i < n->params.size(); ++i) {
        out_ << (i ? " " : "") << n->params[i].name;
      }
      out_ << ")" << (n->condition ? " when " + dump_expr(*n->condition) : "") << ")\n";
    } else if (auto* n = boost::get<ast::CheckDecl>(&d)) {
      out_ << "(check " << at(*n) << " " << n->name.name << "\n";
      for (const ast::CheckItem& item : n->items) {
        if (auto* s = boost::get<ast::CheckSet>(&item)) {
          out_ << "  (set " << at(*s) << " " << s->name.name << " " << dump_expr(s->value) << ")\n";
        } else if (auto* dp = boost::get<ast::CheckDepth>(&item)) {
          out_ << "  (depth " << at(*dp) << " " << dump_expr(dp->value) << ")\n";
        } else if (auto* e = boost::get<ast::CheckExpect>(&item)) {
          out_ << "  (expect " << at(*e) << " " << e->property.name << " "
               << (e->expectation == ast::Expectation::Holds ? "holds" : "violated") << ")\n";
        }
      }
      out_ << ")\n";
    }
  }

  std::string file(const ast::File& f) {
    if (f.model) {
      out_ << "(model " << at(*f.model) << " " << f.model->name.name << ")\n";
    }
    for (const ast::Decl& d : f.decls) {
      decl(d);
    }
    return out_.str();
  }

 private:
  const spec::SourceFile& source_;
  std::ostringstream out_;
};

}  // namespace

std::string dump_expr(const ast::Expr& e) {
  return boost::apply_visitor(ExprDumper{}, e);
}

std::string dump_type(const ast::TypeExpr& t) {
  std::string element =
      t.range ? "(.. " + dump_expr(t.range->get().lo) + " " + dump_expr(t.range->get().hi) + ")"
              : t.name;
  if (t.dims.empty()) {
    return element;
  }
  std::string out = "(array " + element;
  for (const auto& d : t.dims) {
    out += " " + dump_type(d.get());
  }
  return out + ")";
}

std::string dump_file(const ast::File& file, const spec::SourceFile& source) {
  return FileDumper(source).file(file);
}

}  // namespace irqspec_test
