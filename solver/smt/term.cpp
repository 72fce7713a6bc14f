// SPDX-License-Identifier: GPL-2.0
#include "solver/smt/term.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "solver/smt/term_walk.h"

namespace solver::smt {

std::size_t TermManager::NodeHash::operator()(const Node& n) const {
  std::size_t h = static_cast<std::size_t>(n.op) * 0x9e3779b97f4a7c15ull;
  h ^= n.width + 0x85ebca6b + (h << 6) + (h >> 2);
  h ^= static_cast<std::size_t>(n.value) + 0xc2b2ae35 + (h << 6) + (h >> 2);
  for (Term k : n.kids) {
    h ^= k + 0x27d4eb2f + (h << 6) + (h >> 2);
  }
  return h;
}

TermManager::TermManager() {
  // Term 0 is never a real term: code that builds terms uses 0 for "none
  // yet" (an unset error slot, an action without a result), so no term may
  // have that id. The placeholder is not in the index, so intern() never
  // returns it.
  nodes_.push_back(Node{Op::False, 0, 0, {}});
  true_ = intern(Node{Op::True, 0, 0, {}});
  false_ = intern(Node{Op::False, 0, 0, {}});
}

Term TermManager::intern(Node n) {
  auto it = index_.find(n);
  if (it != index_.end()) {
    return it->second;
  }
  if (nodes_.size() >= limit_) {
    throw TooManyTerms(limit_);
  }
  Term t = static_cast<Term>(nodes_.size());
  nodes_.push_back(n);
  index_.emplace(std::move(n), t);
  return t;
}

std::int64_t TermManager::normalise(std::int64_t v, int width) {
  if (width >= 64) {
    return v;
  }
  // Keep constants sign-extended from `width` bits: one representation per value.
  std::uint64_t mask = (std::uint64_t{1} << width) - 1;
  std::uint64_t u = static_cast<std::uint64_t>(v) & mask;
  if (u >> (width - 1)) {
    u |= ~mask;
  }
  return static_cast<std::int64_t>(u);
}

bool TermManager::is_const(Term t) const {
  Op op = nodes_[t].op;
  return op == Op::True || op == Op::False || op == Op::BvConst;
}

std::int64_t TermManager::const_value(Term t) const {
  const Node& n = nodes_[t];
  if (n.op == Op::True) {
    return 1;
  }
  if (n.op == Op::False) {
    return 0;
  }
  return n.value;
}

Term TermManager::mk_bv(std::int64_t value, int width) {
  return intern(Node{Op::BvConst, static_cast<std::uint16_t>(width), normalise(value, width), {}});
}

Term TermManager::mk_var(const std::string& name, int width) {
  auto it = vars_by_name_.find(name);
  if (it != vars_by_name_.end()) {
    if (nodes_[it->second].width != width) {
      throw std::logic_error("variable " + name + " redeclared with another sort");
    }
    return it->second;
  }
  var_names_.push_back(name);
  Term t = intern(Node{Op::Var,
                       static_cast<std::uint16_t>(width),
                       static_cast<std::int64_t>(var_names_.size() - 1),
                       {}});
  vars_by_name_[name] = t;
  return t;
}

Term TermManager::mk_not(Term a) {
  if (a == true_) {
    return false_;
  }
  if (a == false_) {
    return true_;
  }
  if (nodes_[a].op == Op::Not) {
    return nodes_[a].kids[0];
  }
  return intern(Node{Op::Not, 0, 0, {a}});
}

Term TermManager::mk_and(Term a, Term b) {
  return mk_and(std::vector<Term>{a, b});
}

Term TermManager::mk_and(const std::vector<Term>& terms) {
  return mk_junction(Op::And, terms);
}

Term TermManager::mk_or(Term a, Term b) {
  return mk_or(std::vector<Term>{a, b});
}

Term TermManager::mk_or(const std::vector<Term>& terms) {
  return mk_junction(Op::Or, terms);
}

// And and Or, flattened, sorted and deduplicated: `absorbing` (false for
// And) decides the whole, `neutral` drops out, x with !x is `absorbing`.
Term TermManager::mk_junction(Op op, const std::vector<Term>& terms) {
  Term absorbing = op == Op::And ? false_ : true_;
  Term neutral = op == Op::And ? true_ : false_;
  std::vector<Term> kids;
  for (Term t : terms) {
    if (t == absorbing) {
      return absorbing;
    }
    if (t == neutral) {
      continue;
    }
    if (nodes_[t].op == op) {
      kids.insert(kids.end(), nodes_[t].kids.begin(), nodes_[t].kids.end());
    } else {
      kids.push_back(t);
    }
  }
  std::sort(kids.begin(), kids.end());
  kids.erase(std::unique(kids.begin(), kids.end()), kids.end());
  for (Term k : kids) {
    if (nodes_[k].op == Op::Not &&
        std::binary_search(kids.begin(), kids.end(), nodes_[k].kids[0])) {
      return absorbing;
    }
  }
  if (kids.empty()) {
    return neutral;
  }
  if (kids.size() == 1) {
    return kids[0];
  }
  return intern(Node{op, 0, 0, std::move(kids)});
}

Term TermManager::mk_ite(Term c, Term t, Term e) {
  if (c == true_ || t == e) {
    return t;
  }
  if (c == false_) {
    return e;
  }
  if (is_bool(t)) {
    if (t == true_ && e == false_) {
      return c;
    }
    if (t == false_ && e == true_) {
      return mk_not(c);
    }
    if (t == true_) {
      return mk_or(c, e);
    }
    if (e == false_) {
      return mk_and(c, t);
    }
    if (t == false_) {
      return mk_and(mk_not(c), e);
    }
    if (e == true_) {
      return mk_or(mk_not(c), t);
    }
  }
  return intern(Node{Op::Ite, nodes_[t].width, 0, {c, t, e}});
}

Term TermManager::mk_eq(Term a, Term b) {
  if (a == b) {
    return true_;
  }
  if (is_const(a) && is_const(b)) {
    return mk_bool(const_value(a) == const_value(b));
  }
  if (is_bool(a)) {
    if (a == true_) {
      return b;
    }
    if (b == true_) {
      return a;
    }
    if (a == false_) {
      return mk_not(b);
    }
    if (b == false_) {
      return mk_not(a);
    }
  }
  if (a > b) {
    std::swap(a, b);
  }
  return intern(Node{Op::Eq, 0, 0, {a, b}});
}

Term TermManager::mk_neg(Term a) {
  if (nodes_[a].op == Op::BvConst) {
    return mk_bv(-nodes_[a].value, nodes_[a].width);
  }
  return intern(Node{Op::Neg, nodes_[a].width, 0, {a}});
}

Term TermManager::mk_extract(Term a, int hi, int lo) {
  int width = hi - lo + 1;
  if (lo == 0 && width == nodes_[a].width) {
    return a;
  }
  if (nodes_[a].op == Op::BvConst) {
    return mk_bv(static_cast<std::int64_t>(bv_bits(nodes_[a].value, nodes_[a].width) >> lo), width);
  }
  return intern(Node{Op::Extract, static_cast<std::uint16_t>(width), lo, {a}});
}

Term TermManager::mk_arith(Op op, Term a, Term b) {
  int w = nodes_[a].width;
  if (is_const(a) && is_const(b)) {
    std::int64_t x = const_value(a), y = const_value(b);
    switch (op) {
      case Op::Add:
        return mk_bv(x + y, w);
      case Op::Sub:
        return mk_bv(x - y, w);
      case Op::Mul:
        return mk_bv(x * y, w);
      case Op::Slt:
        return mk_bool(x < y);
      case Op::Sle:
        return mk_bool(x <= y);
      case Op::Sdiv:
        if (y != 0) {
          return mk_bv(x / y, w);
        }
        break;
      case Op::Srem:
        if (y != 0) {
          return mk_bv(x % y, w);
        }
        break;
      default:
        break;
    }
  }
  if (op == Op::Add && is_const(b) && const_value(b) == 0) {
    return a;
  }
  if (op == Op::Sub && is_const(b) && const_value(b) == 0) {
    return a;
  }
  bool boolean = op == Op::Slt || op == Op::Sle;
  return intern(Node{op, static_cast<std::uint16_t>(boolean ? 0 : w), 0, {a, b}});
}

Term TermManager::rebuild(const Node& n, const std::vector<Term>& kids) {
  switch (n.op) {
    case Op::Not:
      return mk_not(kids[0]);
    case Op::And:
      return mk_and(kids);
    case Op::Or:
      return mk_or(kids);
    case Op::Ite:
      return mk_ite(kids[0], kids[1], kids[2]);
    case Op::Eq:
      return mk_eq(kids[0], kids[1]);
    case Op::Neg:
      return mk_neg(kids[0]);
    case Op::Extract:
      return mk_extract(kids[0], extract_hi(n), extract_lo(n));
    default:
      return mk_arith(n.op, kids[0], kids[1]);
  }
}

Term TermManager::remake(Term t, const std::vector<Term>& kids) {
  const Node& n = nodes_[t];
  Node shape{n.op, n.width, n.value, {}};  // a copy: rebuild may reallocate nodes_
  return rebuild(shape, kids);
}

Term TermManager::substitute(Term t, const std::unordered_map<Term, Term>& map,
                             std::unordered_map<Term, Term>& memo) {
  post_order(
      *this, t, [&](Term cur) { return memo.count(cur) > 0; },
      [&](Term cur) {
        if (nodes_[cur].op == Op::Var) {
          auto it = map.find(cur);
          memo[cur] = it == map.end() ? cur : it->second;
          return;
        }
        if (nodes_[cur].kids.empty()) {
          memo[cur] = cur;
          return;
        }
        std::vector<Term> kids;
        for (Term k : nodes_[cur].kids) {
          kids.push_back(memo.at(k));
        }
        const Node& n = nodes_[cur];
        Node shape{n.op, n.width, n.value, {}};  // a copy: rebuild may reallocate nodes_
        memo[cur] = rebuild(shape, kids);
      });
  return memo.at(t);
}

Term TermManager::import(const TermManager& from, Term t) {
  std::unordered_map<Term, Term> memo;
  post_order(
      from, t, [&](Term cur) { return memo.count(cur) > 0; },
      [&](Term cur) {
        const Node& n = from.node(cur);
        std::vector<Term> kids;
        for (Term k : n.kids) {
          kids.push_back(memo.at(k));
        }
        switch (n.op) {
          case Op::True:
          case Op::False:
            memo[cur] = mk_bool(n.op == Op::True);
            break;
          case Op::BvConst:
            memo[cur] = mk_bv(n.value, n.width);
            break;
          case Op::Var:
            memo[cur] = mk_var(from.var_name(cur), n.width);
            break;
          default:
            memo[cur] = rebuild(n, kids);
        }
      });
  return memo.at(t);
}

std::string TermManager::sort_smtlib(Term t) const {
  int w = nodes_[t].width;
  return w == 0 ? "Bool" : "(_ BitVec " + std::to_string(w) + ")";
}

std::string TermManager::to_smtlib(Term t) const {
  const Node& n = nodes_[t];
  auto bv_literal = [](std::int64_t v, int w) {
    std::string bits;
    for (int i = w - 1; i >= 0; --i) {
      bits += ((static_cast<std::uint64_t>(v) >> i) & 1) ? '1' : '0';
    }
    return "#b" + bits;
  };
  auto app = [&](const std::string& f) {
    std::string s = "(" + f;
    for (Term k : n.kids) {
      s += " t" + std::to_string(k);
    }
    return s + ")";
  };
  switch (n.op) {
    case Op::True:
      return "true";
    case Op::False:
      return "false";
    case Op::BvConst:
      return bv_literal(n.value, n.width);
    case Op::Var:
      return "|" + var_names_[n.value] + "|";
    case Op::Not:
      return app("not");
    case Op::And:
      return app("and");
    case Op::Or:
      return app("or");
    case Op::Ite:
      return app("ite");
    case Op::Eq:
      return app("=");
    case Op::Add:
      return app("bvadd");
    case Op::Sub:
      return app("bvsub");
    case Op::Mul:
      return app("bvmul");
    case Op::Sdiv:
      return app("bvsdiv");
    case Op::Srem:
      return app("bvsrem");
    case Op::Neg:
      return app("bvneg");
    case Op::Slt:
      return app("bvslt");
    case Op::Sle:
      return app("bvsle");
    case Op::Extract:
      return app("(_ extract " + std::to_string(extract_hi(n)) + " " +
                 std::to_string(extract_lo(n)) + ")");
  }
  return "?";
}

}  // namespace solver::smt
