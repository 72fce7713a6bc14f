// SPDX-License-Identifier: GPL-2.0
#include "spec/types.h"

namespace spec {

std::uint64_t Type::slot_count() const {
  if (kind != TypeKind::Array) {
    return 1;
  }
  return index->domain_size() * element->slot_count();
}

const Type* Type::scalar() const {
  const Type* t = this;
  while (t->kind == TypeKind::Array) {
    t = t->element;
  }
  return t;
}

TypeTable::TypeTable() {
  storage_.push_back(Type{TypeKind::Bool, 0, 1});
  bool_ = &storage_.back();
}

const Type* TypeTable::int_range(Value lo, Value hi) {
  auto [it, inserted] = ints_.try_emplace({lo, hi}, nullptr);
  if (inserted) {
    storage_.push_back(Type{TypeKind::Int, lo, hi});
    it->second = &storage_.back();
  }
  return it->second;
}

const Type* TypeTable::enumeration(int enum_id, std::size_t members) {
  auto [it, inserted] = enums_by_id_.try_emplace(enum_id, nullptr);
  if (inserted) {
    storage_.push_back(Type{TypeKind::Enum, 0, static_cast<Value>(members) - 1, enum_id});
    it->second = &storage_.back();
  }
  return it->second;
}

const Type* TypeTable::array(const Type* element, const Type* index) {
  auto [it, inserted] = arrays_.try_emplace({element, index}, nullptr);
  if (inserted) {
    Type t;
    t.kind = TypeKind::Array;
    t.element = element;
    t.index = index;
    storage_.push_back(t);
    it->second = &storage_.back();
  }
  return it->second;
}

int TypeTable::add_enum(EnumInfo info) {
  enums_.push_back(std::move(info));
  return static_cast<int>(enums_.size()) - 1;
}

std::string TypeTable::name(const Type* t) const {
  switch (t->kind) {
    case TypeKind::Bool:
      return "bool";
    case TypeKind::Int:
      return std::to_string(t->lo) + ".." + std::to_string(t->hi);
    case TypeKind::Enum:
      return enums_[t->enum_id].name;
    case TypeKind::Array: {
      // Print `bool[I][J]` with the outermost index first.
      std::string dims;
      const Type* e = t;
      while (e->kind == TypeKind::Array) {
        dims += "[" + name(e->index) + "]";
        e = e->element;
      }
      return name(e) + dims;
    }
  }
  return "?";
}

std::string TypeTable::format_value(const Type* t, Value v) const {
  switch (t->kind) {
    case TypeKind::Bool:
      return v ? "true" : "false";
    case TypeKind::Enum:
      if (v >= 0 && v < static_cast<Value>(enums_[t->enum_id].members.size())) {
        return enums_[t->enum_id].members[v];
      }
      return "<invalid " + enums_[t->enum_id].name + " " + std::to_string(v) + ">";
    default:
      return std::to_string(v);
  }
}

bool TypeTable::compatible(const Type* from, const Type* to) {
  if (from->kind != to->kind) {
    return false;
  }
  switch (to->kind) {
    case TypeKind::Bool:
    case TypeKind::Int:
      return true;
    case TypeKind::Enum:
      return from->enum_id == to->enum_id;
    case TypeKind::Array:
      return from == to;
  }
  return false;
}

}  // namespace spec
