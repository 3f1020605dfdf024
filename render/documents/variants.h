// Province (and other) variants of the document templates, as data
// (templates/documents/variants.json): each variant names the document it changes, a
// condition on the order (usually its province and subject kind), and edits: insert blocks
// or table rows after an element id, or remove an element. Adding a province variant means
// adding an entry, not code. Each entry carries its source and date (the rules change).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/documents/order_view.h"
#include "render/documents/template_model.h"

namespace beian::render {

struct Variant {
  std::string id;
  std::string source;        // where the requirement comes from
  std::string date;          // when it was last confirmed (YYYY-MM-DD)
  std::string document;      // the document kind it edits
  Condition when;
  std::string insert_after;  // element id (block or row) after which blocks/rows are inserted
  std::string remove;        // element id to remove
  std::vector<BlockSpec> blocks;
  std::vector<RowSpec> rows;
};

// Parses variants.json and checks every variant against the templates it edits (the
// document exists, the ids it names exist, rows go into tables). Throws std::runtime_error
// naming the file and the variant.
std::vector<Variant> parse_variants(const nlohmann::json& j, const std::string& where,
                                    const std::map<std::string, DocumentTemplate>& templates);

// Applies `variant`'s edits to `t`. REQUIRES: the variant was validated against `t`.
void apply_variant(const Variant& variant, DocumentTemplate& t);

// `base` with every variant for its kind whose condition holds for `view` applied, in file order.
DocumentTemplate with_variants(const DocumentTemplate& base, const std::vector<Variant>& variants,
                               const OrderView& view);

}  // namespace beian::render
