// SPDX-License-Identifier: GPL-2.0
#include "tests/differential/random_model.h"

#include <random>
#include <sstream>
#include <vector>

namespace irqspec::testing {
namespace {

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::string model(std::uint64_t seed);

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }

  // Expressions by type; `locals` are integer names in scope (0..3).
  std::string int_expr(int depth, const std::vector<std::string>& locals);
  std::string bool_expr(int depth, const std::vector<std::string>& locals, bool temporal);
  std::string mode_expr();
  /// A condition on the state that often starts false and becomes true later.
  std::string atom() {
    switch (pick(7)) {
      case 0:
        return "b";
      case 1:
        return "c";
      case 2:
        return chance(50) ? "true" : "false";
      case 3:
        return "a[" + std::to_string(pick(2)) + "]";
      case 4:
        return "(n == " + std::to_string(pick(4)) + ")";
      case 5:
        return "(n >= " + std::to_string(1 + pick(3)) + ")";
      default:
        return "(m == " + mode_expr() + ")";
    }
  }
  /// An index of `a`: never a constant outside 0..1 (that is a static error),
  /// but it may leave 0..1 at run time.
  std::string index_expr(int depth, const std::vector<std::string>& locals) {
    switch (pick(4)) {
      case 0:
        return "0";
      case 1:
        return "1";
      case 2:
        return "(n % 2)";
      default:
        return "(n - " + int_expr(depth, locals) + ")";
    }
  }
  std::string block(int depth, std::vector<std::string> locals, bool in_loop, int indent);
  std::string statement(int kind, int depth, std::vector<std::string>& locals, bool in_loop,
                        const std::string& pad, int indent);
  std::string procedures();
  std::string action(int a);

  std::mt19937_64 rng_;
  int fresh_ = 0;
  bool procs_ = false;    // the model declares the procedures `touch` and `level`
  bool in_proc_ = false;  // generating a procedure body: no calls (no recursion)
};

std::string Generator::int_expr(int depth, const std::vector<std::string>& locals) {
  if (depth <= 0 || chance(35)) {
    switch (pick(4)) {
      case 0:
        return std::to_string(pick(4));
      case 1:
        return "n";
      case 2:
        return locals.empty() ? "K" : locals[pick(static_cast<int>(locals.size()))];
      default:
        return "K";
    }
  }
  static const char* ops[] = {"+", "-", "*", "/", "%"};
  switch (pick(6)) {
    case 0:
      return "(" + bool_expr(depth - 1, locals, false) + " ? " + int_expr(depth - 1, locals) +
             " : " + int_expr(depth - 1, locals) + ")";
    case 1:
      return "(count i: 0..1. a[i])";
    default:
      return "(" + int_expr(depth - 1, locals) + " " + ops[pick(5)] + " " +
             int_expr(depth - 1, locals) + ")";
  }
}

std::string Generator::mode_expr() {
  static const char* modes[] = {"M0", "M1", "M2", "m"};
  return modes[pick(4)];
}

std::string Generator::bool_expr(int depth, const std::vector<std::string>& locals, bool temporal) {
  if (depth <= 0 || chance(25)) {
    return atom();
  }
  static const char* rel[] = {"==", "!=", "<", "<=", ">", ">="};
  static const char* con[] = {"&&", "||", "->", "<->"};
  int choices = temporal ? 11 : 6;
  switch (pick(choices)) {
    case 0:
      return "(" + int_expr(depth - 1, locals) + " " + rel[pick(6)] + " " +
             int_expr(depth - 1, locals) + ")";
    case 1:
      return "!" + bool_expr(depth - 1, locals, temporal);
    case 2:
    case 3:
      return "(" + bool_expr(depth - 1, locals, temporal) + " " + con[pick(4)] + " " +
             bool_expr(depth - 1, locals, temporal) + ")";
    case 4: {
      std::string v = "q" + std::to_string(fresh_++);
      std::vector<std::string> inner = locals;
      inner.push_back(v);
      return std::string("(") + (chance(50) ? "forall " : "exists ") + v + ": 0..3. " +
             bool_expr(depth - 1, inner, temporal) + ")";
    }
    case 5:
      return "a[" + index_expr(depth - 1, locals) + "]";
    case 6: {
      static const char* past[] = {"prev", "once", "historically"};
      return std::string(past[pick(3)]) + " (" + bool_expr(depth - 1, locals, true) + ")";
    }
    case 7:
      return "(" + bool_expr(depth - 1, locals, true) + " since " +
             bool_expr(depth - 1, locals, true) + ")";
    case 8:
      return chance(50) ? "happens ev(_)" : "happens ev(" + int_expr(0, locals) + ")";
    case 9:
      return "did act" + std::to_string(pick(3));
    default:
      return "happens tick";
  }
}

std::string Generator::block(int depth, std::vector<std::string> locals, bool in_loop, int indent) {
  std::string out, pad(indent, ' ');
  int statements = 1 + pick(3);
  bool calls = procs_ && !in_proc_;
  for (int s = 0; s < statements; ++s) {
    int kind = depth <= 0 ? pick(calls ? 7 : 5) : pick(calls ? 12 : 10);
    if (depth <= 0 && kind >= 5) {
      kind += 5;  // the calls, 10 and 11
    }
    out += statement(kind, depth, locals, in_loop, pad, indent);
  }
  return out;
}

/// One statement of `kind`: 0-4 simple, 5-9 nested or binding a local,
/// 10-11 procedure calls. A `let` or `choose` adds to `locals`.
std::string Generator::statement(int kind, int depth, std::vector<std::string>& locals,
                                 bool in_loop, const std::string& pad, int indent) {
  std::ostringstream out;
  switch (kind) {
    case 0:
      out << pad << "n = " << int_expr(2, locals) << ";\n";
      break;
    case 1:
      out << pad << "b = " << bool_expr(2, locals, false) << ";\n";
      break;
    case 2:
      out << pad << "m = " << mode_expr() << ";\n";
      break;
    case 3:
      out << pad << "a[" << index_expr(1, locals) << "] = " << bool_expr(1, locals, false) << ";\n";
      break;
    case 4:
      out << pad << "emit ev(" << int_expr(1, locals) << ");\n";
      break;
    case 5:
      out << pad << "if (" << bool_expr(2, locals, false) << ") {\n"
          << block(depth - 1, locals, in_loop, indent + 2) << pad << "} else {\n"
          << block(depth - 1, locals, in_loop, indent + 2) << pad << "}\n";
      break;
    case 6: {
      std::string v = "i" + std::to_string(fresh_++);
      std::vector<std::string> inner = locals;
      inner.push_back(v);
      out << pad << "for " << v << ": 0..2"
          << (chance(50) ? " where " + bool_expr(1, inner, false) : "") << " {\n"
          << block(depth - 1, inner, true, indent + 2) << pad << "}\n";
      break;
    }
    case 7: {
      std::string v = "x" + std::to_string(fresh_++);
      locals.push_back(v);
      out << pad << "choose " << v << ": 0..3 where " << bool_expr(1, locals, false) << ";\n";
      break;
    }
    case 8:
      if (in_loop && chance(50)) {
        out << pad << "if (" << bool_expr(1, locals, false) << ") {\n"
            << pad << "  break;\n"
            << pad << "}\n";
      } else {
        out << pad << "assert " << bool_expr(1, locals, false) << ";\n";
      }
      break;
    case 9:
    case 11: {
      // A `let`, of an expression or of a procedure's result: the
      // argument may leave 0..3, a run-time error the engines must agree on.
      std::string v = "l" + std::to_string(fresh_++);
      out << pad << "let " << v << " = "
          << (kind == 11 ? "level(" + int_expr(1, locals) + ")" : int_expr(1, locals)) << ";\n";
      locals.push_back(v);
      break;
    }
    default:
      out << pad << "touch(" << int_expr(1, locals) << ");\n";
      break;
  }
  return out.str();
}

/// Two procedures over the globals: `touch` as a statement, `level` with a
/// result (every path returns: the last statement is a return).
std::string Generator::procedures() {
  in_proc_ = true;
  std::string out = "proc touch(v: 0..3) {\n" + block(1, {"v"}, false, 2) + "}\n";
  out += "proc level(v: 0..3): 0..3 {\n" + block(1, {"v"}, false, 2);
  out += "  return (v + n) % 4;\n}\n";
  in_proc_ = false;
  return out;
}

std::string Generator::action(int a) {
  std::ostringstream out;
  out << "  " << (chance(70) ? "input" : "internal") << " action act" << a;
  std::vector<std::string> locals;
  if (chance(50)) {
    out << "(p: 0..K)";
    locals.push_back("p");
  }
  if (chance(70)) {
    out << " when " << bool_expr(2, locals, false);
  }
  out << " {\n" << block(2, locals, false, 4);
  if (chance(30)) {
    out << "    emit tick;\n";
  }
  out << "    c = !c;\n  }\n";
  return out.str();
}

std::string Generator::model(std::uint64_t seed) {
  std::ostringstream out;
  out << "model random_" << seed << ";\n";
  out << "const K = " << 1 + pick(3) << ";\n";
  out << "enum Mode { M0, M1, M2 }\n";
  out << "var b: bool" << (chance(70) ? " = false" : "") << ";\n";
  out << "var c: bool = " << (chance(50) ? "true" : "false") << ";\n";
  out << "var n: 0..3" << (chance(70) ? " = 0" : "") << ";\n";
  out << "var m: Mode = M0;\n";
  out << "var a: bool[0..1] = false;\n";
  if (chance(30)) {
    out << "init " << bool_expr(1, {}, false) << ";\n";
  }
  out << "event ev(x: 0..3);\nevent tick;\n";
  procs_ = chance(50);
  if (procs_) {
    out << procedures();
  }
  // Some models declare their actions at the top level (the model's own
  // lane), some in an actor, some both.
  bool top_level = chance(40);
  out << "actor act {\n";
  // A counter gives behaviours some depth.
  out << "  input action count_up when n < 3 {\n    n = n + 1;\n";
  if (chance(50)) {
    out << "    b = !b;\n";
  }
  out << "  }\n";
  std::string actions;
  for (int a = 0; a < 3; ++a) {
    actions += action(a);
  }
  out << (top_level ? "}\n" + actions : actions + "}\n");
  // Half of the formulas say "these never hold together": true at first,
  // and violated, if at all, after a few steps.
  int invariants = 1 + pick(2);
  for (int i = 0; i < invariants; ++i) {
    std::string f = chance(50) ? "!(" + atom() + " && " + atom() + " && " + atom() + ")"
                               : bool_expr(3, {}, false);
    out << "invariant inv" << i << ": " << f << ";\n";
  }
  int properties = 1 + pick(2);
  for (int i = 0; i < properties; ++i) {
    std::string f =
        chance(50) ? "!(" + atom() + " && " + bool_expr(2, {}, true) + ")" : bool_expr(3, {}, true);
    out << "property prop" << i << ": always " << f << ";\n";
  }
  return out.str();
}

}  // namespace

std::string random_model(std::uint64_t seed) {
  return Generator(seed).model(seed);
}

}  // namespace irqspec::testing
