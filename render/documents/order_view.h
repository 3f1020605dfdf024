// Bindings: how templates name order data ("subject.name", "websites[i].domains") and how
// those names resolve against the order in manifest form (the JSON of beian::Order), for one
// website of the order.
//
// Binding grammar: segments separated by '.', each a member name optionally followed by an
// index: [i] = the website being rendered (or the row's website inside a for_each row),
// [N] = the N-th element (0-based). Built-ins: "website.index" (1-based number of the
// website). Derived bindings map one field's value through a table (subject.self: unit →
// 本单位, individual → 本人), defined in templates/documents/fields.json.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/documents/template_model.h"

namespace beian::render {

struct FieldInfo {
  std::string label;          // Chinese name used in findings ("网站主办者名称")
  std::string join = "、";    // separator when the binding is a list
  bool optional = false;      // missing → blank line without a finding
};

struct DerivedField {
  std::string from;                           // the binding it is computed from
  std::map<std::string, std::string> map;     // value → text
};

struct FieldCatalog {
  std::map<std::string, FieldInfo> fields;    // by binding name, as written in templates
  std::map<std::string, DerivedField> derived;

  // The entry for `binding`, or a default one labelled with the binding itself.
  FieldInfo info(const std::string& binding) const;
};

// Parses templates/documents/fields.json ({"fields": {...}, "derived": {...}}).
FieldCatalog parse_field_catalog(const nlohmann::json& j, const std::string& where);

// True when `name` follows the binding grammar (used to tell "{subject.name}" placeholders
// from literal braces).
bool is_binding_name(std::string_view name);

class OrderView {
 public:
  // `website` is 1-based (0 = no current website). `verified` may be null.
  OrderView(const nlohmann::json& order, int website, const FieldCatalog& catalog,
            const std::set<std::string>* verified, bool pretick_verified);

  // The present values of `binding` (empty when missing or blank). Lists give one value per
  // non-blank item; numbers are printed in decimal.
  std::vector<std::string> values(const std::string& binding) const;
  // The values joined with the field's separator ("" when missing).
  std::string text(const std::string& binding) const;
  // The binding with [i] replaced by the website's 0-based index: the field name findings use.
  std::string concrete(const std::string& binding) const;

  bool holds(const Condition& c) const;

  int website() const { return website_; }
  int website_count() const;
  OrderView with_website(int website) const;
  const FieldCatalog& catalog() const { return catalog_; }

 private:
  const nlohmann::json& order_;
  int website_;
  const FieldCatalog& catalog_;
  const std::set<std::string>* verified_;
  bool pretick_;
};

}  // namespace beian::render
