// SPDX-License-Identifier: GPL-2.0
#pragma once

// spec::Model — the typed, elaborated IR that every engine consumes.
//
// State is flat: every state variable occupies consecutive scalar "slots"
// (arrays row-major, outermost index first). Constants are folded, functions
// are inlined, names are resolved to slots, and every integer expression
// carries a static interval that bounds all its possible values, so that
// engines can choose exact bit widths and never overflow.

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "spec/source_file.h"
#include "spec/types.h"

namespace spec {

enum class ExprKind {
  Literal,       // value
  StateVar,      // a scalar state slot: slot
  StateElement,  // an array element with computed indices: slot = first slot of the
                 // variable, kids = indices (outermost first), type of the element
  Local,         // a frame slot (parameter, let, loop, choose or quantifier variable)
  Not,
  Neg,
  And,
  Or,
  Implies,
  Iff,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  Add,
  Sub,
  Mul,
  Div,  // C semantics: truncates toward zero; division by zero is a runtime error
  Mod,  // C semantics: sign of the dividend
  Ite,
  Forall,  // slot = frame slot of the bound variable, domain, kids[0] = body (also below)
  Exists,
  Count,       // number of domain values for which the bool body holds
  Sum,         // sum over the domain of an integer body (nested binders of `count`)
  RangeCheck,  // kids[0] must lie in [type->lo, type->hi], else a runtime error (message)
  // Past-time operators, only in properties; `monitor` indexes Obligation::monitors.
  Prev,
  Once,
  Historically,
  Since,     // kids[0] since kids[1]
  Happens,   // target = event id; kids = argument patterns (nullptr = any)
  Did,       // target = action id; kids = argument patterns (nullptr = any)
  Returned,  // kids[0] = expected value; matches steps whose result type is comparable
};

struct Expr {
  ExprKind kind = ExprKind::Literal;
  const Type* type = nullptr;  // the value's type; ints carry their static interval
  SourceLoc loc;
  Value value = 0;  // Literal
  int slot = -1;    // StateVar, StateElement (base), Local, quantifier binder
  int target = -1;  // Happens (event), Did (action)
  int monitor = -1;
  bool has_arguments = false;    // Happens/Did written with an argument list
  const Type* domain = nullptr;  // quantifiers
  std::string message;           // RangeCheck
  std::vector<const Expr*> kids;

  bool is_temporal() const {
    return kind == ExprKind::Prev || kind == ExprKind::Once || kind == ExprKind::Historically ||
           kind == ExprKind::Since;
  }
};

/// An assignable place: a whole variable, an element, or a sub-array.
struct LValue {
  int var = -1;                      // index into Model::vars
  std::vector<const Expr*> indices;  // may be fewer than the variable's dimensions
  const Type* type = nullptr;        // type of the place (scalar or array)
  SourceLoc loc;
};

/// Statements of an action body. A procedure call is inlined as a `Call`
/// whose body starts by binding the arguments (`Let`); a `ProcReturn` in it
/// leaves that body, not the action.
enum class StmtKind { Assign, Let, If, For, Break, Choose, Emit, Return, Assert, Call, ProcReturn };

struct Stmt {
  StmtKind kind = StmtKind::Assign;
  SourceLoc loc;
  LValue target;                  // Assign
  const Expr* value = nullptr;    // Assign, Let, Return, ProcReturn (nullptr: no value)
  const Expr* cond = nullptr;     // If, For/Choose `where` (nullptr: true), Assert
  int slot = -1;                  // Let, For, Choose: frame slot; Call, ProcReturn: the
                                  // frame slot of the call's result (-1: none)
  const Type* domain = nullptr;   // For, Choose
  int event = -1;                 // Emit
  std::vector<const Expr*> args;  // Emit
  std::vector<Stmt> body;         // If then-branch, For body, Call: the inlined procedure
  std::vector<Stmt> else_body;    // If
  int obligation = -1;            // Assert: index into Model::obligations
  std::string message;            // Assert
  std::string callee;             // Call: the procedure's name
};

struct Param {
  std::string name;
  const Type* type = nullptr;
  int slot = -1;  // frame slot
  SourceLoc loc;
};

struct Action {
  int id = -1;
  std::string actor;
  std::string name;
  bool input = true;  // input: a test can drive it; internal: the implementation takes it
  std::vector<Param> params;
  const Type* result = nullptr;  // nullptr: no result
  const Expr* guard = nullptr;   // nullptr: always enabled
  std::vector<Stmt> body;
  int frame_size = 0;
  SourceLoc loc;

  std::string qualified_name() const { return actor + "." + name; }
};

struct Event {
  std::string name;
  std::vector<Param> params;
  SourceLoc loc;
};

struct StateVar {
  std::string name;
  const Type* type = nullptr;
  int first_slot = 0;
  const Expr* init = nullptr;  // nullptr: any value; a scalar initialises every element
  SourceLoc loc;
};

/// One scalar slot of the state, named for traces: `registered[1]`.
struct Slot {
  int var = -1;
  std::string name;
  const Type* type = nullptr;  // scalar
};

enum class ObligationKind { Invariant, Property, Assert };

/// A past-time operator instance inside a property, compiled to monitor state.
struct Monitor {
  ExprKind kind = ExprKind::Prev;
  const Expr* operand = nullptr;  // Prev/Once/Historically: φ; Since: the left side
  const Expr* trigger = nullptr;  // Since: the right side
};

/// Something a check verifies: an invariant, a property, or assertions.
struct Obligation {
  std::string name;
  ObligationKind kind = ObligationKind::Invariant;
  const Expr* formula = nullptr;  // nullptr for assertions (they live in action bodies)
  int frame_size = 0;             // quantifier binders in the formula
  std::vector<Monitor> monitors;  // in evaluation order: operands before the operators using them
  bool uses_step = false;         // mentions happens/did/returned
  SourceLoc loc;

  bool needs_monitors() const { return !monitors.empty(); }
};

enum class Expectation { Holds, Violated };

struct Expect {
  int obligation = -1;
  Expectation expected = Expectation::Holds;
  SourceLoc loc;
};

/// A check block after elaboration: what to verify and what to expect.
struct Check {
  std::string name;
  SourceLoc loc;
  std::optional<int> depth;
  std::vector<Expect> expects;  // one per verified obligation
};

/// A `cover` declaration: a step of `action` whose parameters (frame slots of
/// the action) and pre-state satisfy `condition`, for the test generator.
struct Cover {
  std::string name;
  int action = -1;
  const Expr* condition = nullptr;  // nullptr: any step of the action
  int frame_size = 0;
  SourceLoc loc;
};

/// The elaborated model for one setting of its constants.
class Model {
 public:
  Model() : types(std::make_unique<TypeTable>()) {}
  Model(Model&&) = default;
  Model& operator=(Model&&) = default;

  std::string name;
  std::string file;
  std::unique_ptr<TypeTable> types;
  std::vector<std::pair<std::string, std::string>> constants;  // name, formatted value
  /// The same constants with their types and values (for code generation).
  struct ConstantValue {
    std::string name;
    const Type* type = nullptr;
    Value value = 0;
  };
  std::vector<ConstantValue> constant_values;
  std::vector<StateVar> vars;
  std::vector<Slot> slots;
  std::vector<const Expr*> inits;  // `init` constraints
  int init_frame_size = 0;
  std::vector<std::string> actors;
  std::vector<Action> actions;
  std::vector<Event> events;
  std::vector<Obligation> obligations;
  std::vector<Cover> covers;
  /// The implicit obligation for runtime errors and unlabelled asserts.
  int runtime_obligation = -1;
  /// The job this model was elaborated for (a check block or the implicit one).
  Check check;

  const Expr* make(Expr e);

  int slot_count() const { return static_cast<int>(slots.size()); }
  std::string format(const Type* t, Value v) const { return types->format_value(t, v); }
  int find_obligation(const std::string& n) const;

 private:
  std::unique_ptr<std::deque<Expr>> exprs_ = std::make_unique<std::deque<Expr>>();
};

const char* to_string(ObligationKind kind);
const char* to_string(Expectation e);

}  // namespace spec
