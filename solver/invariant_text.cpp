// SPDX-License-Identifier: GPL-2.0
#include "solver/invariant_text.h"

#include <algorithm>
#include <unordered_map>

#include "solver/smt/term_walk.h"

namespace solver {
namespace {

using smt::Op;

const char* infix(Op op) {
  switch (op) {
    case Op::Add:
      return " + ";
    case Op::Sub:
      return " - ";
    case Op::Mul:
      return " * ";
    case Op::Sdiv:
      return " / ";
    default:
      return " % ";
  }
}

class InvariantText {
 public:
  InvariantText(const spec::Model& model, const TransitionSystem& ts)
      : model_(model), tm_(*ts.terms) {
    for (int i = 0; i < ts.model_slots; ++i) {  // the monitors follow
      slot_of_[ts.state[static_cast<std::size_t>(i)]] = i;
    }
  }

  /// Operands of a connective other than the root's are parenthesised.
  std::string text(Term t, bool root = false) {
    const smt::Node& n = tm_.node(t);
    switch (n.op) {
      case Op::And:
      case Op::Or: {
        std::string s;
        for (Term k : n.kids) {
          s += (s.empty() ? "" : n.op == Op::And ? " && " : " || ") + text(k);
        }
        return root ? s : "(" + s + ")";
      }
      case Op::Not:
        return negation(n.kids[0]);
      case Op::Ite:
        return "(" + text(n.kids[0]) + " ? " + text(n.kids[1]) + " : " + text(n.kids[2]) + ")";
      case Op::Eq:
        return relation(n, " == ");
      case Op::Slt:
        return relation(n, " < ");
      case Op::Sle:
        return relation(n, " <= ");
      default:
        return operand(t, -1);
    }
  }

 private:
  std::string negation(Term t) {
    const smt::Node& n = tm_.node(t);
    switch (n.op) {
      case Op::Eq:
        return relation(n, " != ");
      case Op::Var:
      case Op::And:
      case Op::Or:
        return "!" + text(t);  // a name, or already in parentheses
      default:
        return "!(" + text(t) + ")";
    }
  }

  /// A comparison, a constant written in the type of the variable it is
  /// compared with (`state == Connected`), on the right of an equation.
  std::string relation(const smt::Node& n, const char* op) {
    Term a = n.kids[0], b = n.kids[1];
    bool equation = n.op == Op::Eq;
    if (equation && tm_.is_const(a) && !tm_.is_const(b)) {
      std::swap(a, b);
    }
    return operand(a, typing(b)) + op + operand(b, typing(a));
  }

  /// What a constant compared with `t` is written as: the type of t's slot,
  /// kBits for a bit field (its bits, unsigned), else kNumber.
  static constexpr int kNumber = -1, kBits = -2;
  int typing(Term t) const {
    if (tm_.node(t).op == Op::Extract) {
      return kBits;
    }
    auto it = slot_of_.find(t);
    return it == slot_of_.end() ? kNumber : it->second;
  }

  std::string operand(Term t, int typed_by) {
    const smt::Node& n = tm_.node(t);
    switch (n.op) {
      case Op::True:
        return "true";
      case Op::False:
        return "false";
      case Op::Var:
        return tm_.var_name(t);
      case Op::BvConst:
        if (typed_by == kBits) {
          return std::to_string(smt::bv_bits(n.value, n.width));
        }
        return typed_by < 0 ? std::to_string(n.value)
                            : model_.types->format_value(model_.slots[typed_by].type, n.value);
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Sdiv:
      case Op::Srem:
        return "(" + operand(n.kids[0], -1) + infix(n.op) + operand(n.kids[1], -1) + ")";
      case Op::Neg:
        return "-" + operand(n.kids[0], -1);
      case Op::Extract:  // bits of the variable's two's complement encoding
        return "bits(" + operand(n.kids[0], -1) + ", " + std::to_string(smt::extract_hi(n)) + ", " +
               std::to_string(smt::extract_lo(n)) + ")";
      default:
        return text(t);
    }
  }

  const spec::Model& model_;
  const smt::TermManager& tm_;
  std::unordered_map<Term, int> slot_of_;
};

}  // namespace

// A conjunct that only says a slot is within its type is left out (every
// state is): what remains is what the engine found.
std::string invariant_text(const spec::Model& model, const TransitionSystem& ts, Term invariant) {
  const smt::TermManager& tm = *ts.terms;
  if (tm.node(invariant).op == smt::Op::And && tm.node(ts.domain).op == smt::Op::And) {
    const std::vector<Term>& types = tm.node(ts.domain).kids;
    std::vector<Term> found;
    for (Term k : tm.node(invariant).kids) {
      if (std::find(types.begin(), types.end(), k) == types.end()) {
        found.push_back(k);
      }
    }
    if (!found.empty() && found.size() < tm.node(invariant).kids.size()) {
      invariant = ts.terms->mk_and(found);
    }
  }
  return InvariantText(model, ts).text(invariant, true);
}

}  // namespace solver
