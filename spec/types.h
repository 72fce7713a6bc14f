// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "spec/source_file.h"

namespace spec {

/// Every scalar value in the IR: a bool is 0 or 1, an integer is itself, an
/// enum member is its ordinal (declaration order). C values of enum members are
/// kept separately for code generation.
using Value = std::int64_t;

enum class TypeKind { Bool, Int, Enum, Array };

/// An enum declaration.
struct EnumInfo {
  std::string name;
  std::vector<std::string> members;
  std::vector<Value> c_values;  // explicit `= v`, else previous + 1 (C rules)
  SourceLoc loc;
};

/// An immutable, interned type. Scalars have a finite domain [lo, hi] of
/// internal values; arrays are indexed by a scalar type.
struct Type {
  TypeKind kind = TypeKind::Bool;
  Value lo = 0, hi = 1;
  int enum_id = -1;
  const Type* element = nullptr;  // arrays
  const Type* index = nullptr;    // arrays: a scalar type

  bool is_scalar() const { return kind != TypeKind::Array; }
  bool is_int() const { return kind == TypeKind::Int; }
  bool is_bool() const { return kind == TypeKind::Bool; }
  bool is_enum() const { return kind == TypeKind::Enum; }
  /// Number of values of a scalar type.
  std::uint64_t domain_size() const { return static_cast<std::uint64_t>(hi - lo) + 1; }
  /// Number of scalar slots a value of this type occupies.
  std::uint64_t slot_count() const;
  /// The innermost scalar element type.
  const Type* scalar() const;
};

/// Owns all types of a model; equal types are the same object.
class TypeTable {
 public:
  TypeTable();
  TypeTable(const TypeTable&) = delete;
  TypeTable& operator=(const TypeTable&) = delete;

  const Type* boolean() const { return bool_; }
  const Type* int_range(Value lo, Value hi);
  const Type* enumeration(int enum_id, std::size_t members);
  const Type* array(const Type* element, const Type* index);

  /// Adds an enum and returns its id.
  int add_enum(EnumInfo info);
  const EnumInfo& enum_info(int id) const { return enums_[id]; }
  const std::vector<EnumInfo>& enums() const { return enums_; }

  /// `bool`, `0..3`, `Ret`, `bool[0..3]` — for messages and traces.
  std::string name(const Type* t) const;
  /// A scalar value as written in the language: true, 3, EBUSY.
  std::string format_value(const Type* t, Value v) const;

  /// Whether values of `from` can be stored in `to` (same kind; ints need a
  /// runtime range check if the ranges differ).
  static bool compatible(const Type* from, const Type* to);

 private:
  std::deque<Type> storage_;
  const Type* bool_;
  std::map<std::pair<Value, Value>, const Type*> ints_;
  std::map<int, const Type*> enums_by_id_;
  std::map<std::pair<const Type*, const Type*>, const Type*> arrays_;
  std::vector<EnumInfo> enums_;
};

}  // namespace spec
