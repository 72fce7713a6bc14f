// SPDX-License-Identifier: GPL-2.0
#pragma once

// A small hash-consed term DAG over Bool and fixed-width bit-vectors: the
// solver-neutral form of every query. Backends translate it; the SMT-LIB2
// printer dumps exactly what a backend is given.

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace solver::smt {

/// A hash-consed node; 0 is reserved for "no term" and never names one.
using Term = std::uint32_t;

enum class Op : std::uint8_t {
  True,
  False,
  BvConst,  // value, width
  Var,      // name, width (0: Bool)
  Not,
  And,
  Or,
  Ite,
  Eq,   // any two terms of one sort
  Add,  // bit-vector arithmetic, two's complement, signed comparisons
  Sub,
  Mul,
  Sdiv,
  Srem,
  Neg,
  Slt,
  Sle,
  Extract,  // bits lo .. lo+width-1 of its kid (value: lo); in Spacer's invariants
};

struct Node {
  Op op = Op::True;
  std::uint16_t width = 0;  // 0: Bool
  std::int64_t value = 0;   // BvConst (sign-extended), Var: its index in vars()
  std::vector<Term> kids;

  bool operator==(const Node& o) const {
    return op == o.op && width == o.width && value == o.value && kids == o.kids;
  }
};

/// An Extract node's bits: lo is its value, hi follows from its width.
inline int extract_lo(const Node& n) {
  return static_cast<int>(n.value);
}
inline int extract_hi(const Node& n) {
  return static_cast<int>(n.value) + n.width - 1;
}

/// Thrown by a TermManager asked for more terms than its limit.
struct TooManyTerms : std::runtime_error {
  explicit TooManyTerms(std::size_t limit)
      : std::runtime_error("more than " + std::to_string(limit) + " terms"), limit(limit) {}
  std::size_t limit;
};

/// Owns every term; equal terms are the same id. Constructors simplify
/// locally (constant folding, neutral elements, trivial ite) so that
/// unrolled queries stay small.
class TermManager {
 public:
  TermManager();

  Term mk_true() const { return true_; }
  Term mk_false() const { return false_; }
  Term mk_bool(bool b) const { return b ? true_ : false_; }
  Term mk_bv(std::int64_t value, int width);
  Term mk_var(const std::string& name, int width);  // width 0: Bool

  Term mk_not(Term a);
  Term mk_and(Term a, Term b);
  Term mk_and(const std::vector<Term>& terms);
  Term mk_or(Term a, Term b);
  Term mk_or(const std::vector<Term>& terms);
  Term mk_implies(Term a, Term b) { return mk_or(mk_not(a), b); }
  Term mk_iff(Term a, Term b) { return mk_eq(a, b); }
  Term mk_ite(Term c, Term t, Term e);
  Term mk_eq(Term a, Term b);
  Term mk_arith(Op op, Term a, Term b);  // Add Sub Mul Sdiv Srem Slt Sle
  Term mk_neg(Term a);
  /// Bits hi..lo of `a`, a bit-vector of hi - lo + 1 bits.
  Term mk_extract(Term a, int hi, int lo);
  /// Copies a term of another manager into this one (variables by name).
  Term import(const TermManager& from, Term t);

  const Node& node(Term t) const { return nodes_[t]; }
  int width(Term t) const { return nodes_[t].width; }
  bool is_bool(Term t) const { return nodes_[t].width == 0; }
  bool is_const(Term t) const;
  std::int64_t const_value(Term t) const;  // BvConst value, or 1/0 for True/False

  const std::string& var_name(Term var) const { return var_names_[nodes_[var].value]; }
  std::size_t size() const { return nodes_.size(); }
  /// Past `max_terms` terms, making a new one throws TooManyTerms: a model
  /// too large for the engines is refused before a solver sees it.
  void set_limit(std::size_t max_terms) { limit_ = max_terms; }

  /// `t`'s operator over other kids, simplified as the mk_ functions do.
  Term remake(Term t, const std::vector<Term>& kids);

  /// Replaces variables by terms (memoised per call).
  Term substitute(Term t, const std::unordered_map<Term, Term>& map,
                  std::unordered_map<Term, Term>& memo);

  /// SMT-LIB2 text of a term (with `let`-free sharing through define-fun
  /// is not needed: queries are printed with named intermediate terms).
  std::string to_smtlib(Term t) const;
  std::string sort_smtlib(Term t) const;

 private:
  Term intern(Node n);
  Term mk_junction(Op op, const std::vector<Term>& terms);
  /// A node of `op` over new kids, simplified as the mk_ functions do.
  Term rebuild(const Node& n, const std::vector<Term>& kids);
  static std::int64_t normalise(std::int64_t v, int width);

  struct NodeHash {
    std::size_t operator()(const Node& n) const;
  };
  std::vector<Node> nodes_;
  std::unordered_map<Node, Term, NodeHash> index_;
  std::vector<std::string> var_names_;
  std::unordered_map<std::string, Term> vars_by_name_;
  Term true_, false_;
  std::size_t limit_ = std::numeric_limits<std::size_t>::max();
};

}  // namespace solver::smt
