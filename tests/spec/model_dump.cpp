// SPDX-License-Identifier: GPL-2.0
#include "tests/spec/model_dump.h"

#include <sstream>

namespace irqspec_test {
namespace {

using spec::Expr;
using spec::ExprKind;
using spec::Stmt;
using spec::StmtKind;

const char* op_name(ExprKind k) {
  switch (k) {
    case ExprKind::Not:
      return "!";
    case ExprKind::Neg:
      return "-";
    case ExprKind::And:
      return "&&";
    case ExprKind::Or:
      return "||";
    case ExprKind::Implies:
      return "->";
    case ExprKind::Iff:
      return "<->";
    case ExprKind::Eq:
      return "==";
    case ExprKind::Ne:
      return "!=";
    case ExprKind::Lt:
      return "<";
    case ExprKind::Le:
      return "<=";
    case ExprKind::Gt:
      return ">";
    case ExprKind::Ge:
      return ">=";
    case ExprKind::Add:
      return "+";
    case ExprKind::Sub:
      return "-";
    case ExprKind::Mul:
      return "*";
    case ExprKind::Div:
      return "/";
    case ExprKind::Mod:
      return "%";
    case ExprKind::Ite:
      return "?:";
    case ExprKind::Forall:
      return "forall";
    case ExprKind::Exists:
      return "exists";
    case ExprKind::Count:
      return "count";
    case ExprKind::Sum:
      return "sum";
    case ExprKind::Prev:
      return "prev";
    case ExprKind::Once:
      return "once";
    case ExprKind::Historically:
      return "historically";
    case ExprKind::Since:
      return "since";
    default:
      return "?";
  }
}

std::string type_name(const spec::Model& m, const spec::Type* t) {
  return t == nullptr ? "<none>" : m.types->name(t);
}

std::string interval(const Expr* e) {
  return ":" + std::to_string(e->type->lo) + ".." + std::to_string(e->type->hi);
}

class Dumper {
 public:
  explicit Dumper(const spec::Model& m) : m_(m) {}

  std::string expr(const Expr* e) const {
    if (e == nullptr) {
      return "_";
    }
    std::string kids;
    for (const Expr* k : e->kids) {
      kids += " " + expr(k);
    }
    switch (e->kind) {
      case ExprKind::Literal:
        return m_.format(e->type, e->value);
      case ExprKind::StateVar:
        return m_.slots[e->slot].name;
      case ExprKind::StateElement: {
        std::string out = m_.vars[e->target].name;
        for (const Expr* k : e->kids) {
          out += "[" + expr(k) + "]";
        }
        return out;
      }
      case ExprKind::Local:
        return "$" + std::to_string(e->slot);
      case ExprKind::Add:
      case ExprKind::Sub:
      case ExprKind::Mul:
      case ExprKind::Div:
      case ExprKind::Mod:
      case ExprKind::Neg:
      case ExprKind::Ite:
        if (e->type->is_int()) {
          return std::string("(") + op_name(e->kind) + kids + ")" + interval(e);
        }
        return std::string("(") + op_name(e->kind) + kids + ")";
      case ExprKind::Forall:
      case ExprKind::Exists:
      case ExprKind::Count:
      case ExprKind::Sum:
        return std::string("(") + op_name(e->kind) + " $" + std::to_string(e->slot) + ":" +
               type_name(m_, e->domain) + kids + ")" +
               (e->type->is_int() ? interval(e) : std::string());
      case ExprKind::RangeCheck:
        return "(check " + type_name(m_, e->type) + kids + " \"" + e->message + "\")";
      case ExprKind::Prev:
      case ExprKind::Once:
      case ExprKind::Historically:
      case ExprKind::Since:
        return std::string("(") + op_name(e->kind) + "#" + std::to_string(e->monitor) + kids + ")";
      case ExprKind::Happens:
        return "(happens " + m_.events[e->target].name +
               (e->has_arguments ? " (" + (kids.empty() ? "" : kids.substr(1)) + ")" : "") + ")";
      case ExprKind::Did:
        return "(did " + m_.actions[e->target].qualified_name() +
               (e->has_arguments ? " (" + (kids.empty() ? "" : kids.substr(1)) + ")" : "") + ")";
      case ExprKind::Returned:
        return "(returned" + kids + ")";
      default:
        return std::string("(") + op_name(e->kind) + kids + ")";
    }
  }

  void block(const std::vector<Stmt>& body, int indent) {
    std::string pad(indent, ' ');
    for (const Stmt& s : body) {
      switch (s.kind) {
        case StmtKind::Assign: {
          out_ << pad << m_.vars[s.target.var].name;
          for (const Expr* i : s.target.indices) {
            out_ << "[" << expr(i) << "]";
          }
          out_ << " := " << expr(s.value) << "   ; " << type_name(m_, s.target.type) << "\n";
          break;
        }
        case StmtKind::Let:
          out_ << pad << "let $" << s.slot << " = " << expr(s.value) << "\n";
          break;
        case StmtKind::If:
          out_ << pad << "if " << expr(s.cond) << "\n";
          block(s.body, indent + 2);
          if (!s.else_body.empty()) {
            out_ << pad << "else\n";
            block(s.else_body, indent + 2);
          }
          break;
        case StmtKind::For:
          out_ << pad << "for $" << s.slot << ": " << type_name(m_, s.domain)
               << (s.cond ? " where " + expr(s.cond) : "") << "\n";
          block(s.body, indent + 2);
          break;
        case StmtKind::Break:
          out_ << pad << "break\n";
          break;
        case StmtKind::Choose:
          out_ << pad << "choose $" << s.slot << ": " << type_name(m_, s.domain)
               << (s.cond ? " where " + expr(s.cond) : "") << "\n";
          break;
        case StmtKind::Emit: {
          out_ << pad << "emit " << m_.events[s.event].name << "(";
          for (std::size_t i = 0; i < s.args.size(); ++i) {
            out_ << (i ? ", " : "") << expr(s.args[i]);
          }
          out_ << ")\n";
          break;
        }
        case StmtKind::Return:
          out_ << pad << "return" << (s.value ? " " + expr(s.value) : "") << "\n";
          break;
        case StmtKind::Assert:
          out_ << pad << "assert[" << (s.obligation >= 0 ? m_.obligations[s.obligation].name : "?")
               << "] " << expr(s.cond) << " \"" << s.message << "\"\n";
          break;
        case StmtKind::Call:
          out_ << pad << "call " << s.callee;
          if (s.slot >= 0) {
            out_ << " -> $" << s.slot;
          }
          out_ << "\n";
          block(s.body, indent + 2);
          break;
        case StmtKind::ProcReturn:
          out_ << pad << "leave" << (s.value ? " " + expr(s.value) : "");
          if (s.slot >= 0) {
            out_ << " -> $" << s.slot;
          }
          out_ << "\n";
          break;
      }
    }
  }

  std::string model() {
    out_ << "model " << m_.name << "\n";
    for (const auto& [name, value] : m_.constants) {
      out_ << "const " << name << " = " << value << "\n";
    }
    for (const spec::EnumInfo& e : m_.types->enums()) {
      out_ << "enum " << e.name << " {";
      for (std::size_t i = 0; i < e.members.size(); ++i) {
        out_ << (i ? ", " : " ") << e.members[i] << "=" << e.c_values[i];
      }
      out_ << " }\n";
    }
    for (const spec::StateVar& v : m_.vars) {
      out_ << "var " << v.name << ": " << type_name(m_, v.type) << " @" << v.first_slot;
      if (v.init) {
        out_ << " = " << expr(v.init);
      }
      out_ << "\n";
    }
    out_ << "slots:";
    for (const spec::Slot& s : m_.slots) {
      out_ << " " << s.name;
    }
    out_ << "\n";
    for (const Expr* i : m_.inits) {
      out_ << "init " << expr(i) << "\n";
    }
    out_ << "init frame " << m_.init_frame_size << "\n";
    for (const spec::Event& e : m_.events) {
      out_ << "event " << e.name << "(";
      for (std::size_t i = 0; i < e.params.size(); ++i) {
        out_ << (i ? ", " : "") << e.params[i].name << ": " << type_name(m_, e.params[i].type);
      }
      out_ << ")\n";
    }
    out_ << "actors:";
    for (const std::string& a : m_.actors) {
      out_ << " " << a;
    }
    out_ << "\n";
    for (const spec::Action& a : m_.actions) {
      out_ << "action #" << a.id << " " << (a.input ? "input " : "internal ") << a.qualified_name()
           << "(";
      for (std::size_t i = 0; i < a.params.size(); ++i) {
        out_ << (i ? ", " : "") << a.params[i].name << " $" << a.params[i].slot << ": "
             << type_name(m_, a.params[i].type);
      }
      out_ << ")" << (a.result ? ": " + type_name(m_, a.result) : "") << " frame " << a.frame_size
           << "\n";
      if (a.guard) {
        out_ << "  when " << expr(a.guard) << "\n";
      }
      block(a.body, 4);
    }
    for (std::size_t i = 0; i < m_.obligations.size(); ++i) {
      const spec::Obligation& o = m_.obligations[i];
      out_ << spec::to_string(o.kind) << " #" << i << " " << o.name;
      if (o.formula) {
        out_ << " frame " << o.frame_size << (o.uses_step ? " step" : "") << ": "
             << expr(o.formula);
      }
      out_ << "\n";
      for (std::size_t k = 0; k < o.monitors.size(); ++k) {
        const spec::Monitor& mon = o.monitors[k];
        out_ << "  monitor #" << k << " " << op_name(mon.kind) << " " << expr(mon.operand)
             << (mon.trigger ? " " + expr(mon.trigger) : "") << "\n";
      }
    }
    for (const spec::Cover& c : m_.covers) {
      out_ << "cover " << c.name << " " << m_.actions[c.action].qualified_name() << " frame "
           << c.frame_size << (c.condition ? ": " + expr(c.condition) : "") << "\n";
    }
    out_ << "runtime obligation " << m_.runtime_obligation << "\n";
    out_ << "check " << m_.check.name
         << (m_.check.depth ? " depth " + std::to_string(*m_.check.depth) : "") << ":";
    for (const spec::Expect& e : m_.check.expects) {
      out_ << " " << m_.obligations[e.obligation].name << "=" << spec::to_string(e.expected);
    }
    out_ << "\n";
    return out_.str();
  }

 private:
  const spec::Model& m_;
  std::ostringstream out_;
};

}  // namespace

std::string dump_ir(const spec::Model& m, const spec::Expr* e) {
  return Dumper(m).expr(e);
}

std::string dump_model(const spec::Model& m) {
  return Dumper(m).model();
}

}  // namespace irqspec_test
