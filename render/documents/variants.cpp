#include "render/documents/variants.h"

#include <stdexcept>

#include "pipeline/base/data_file.h"

namespace beian::render {
namespace {

// Finds the element `id`: a block (row == npos) or a row of a table block.
bool locate(const DocumentTemplate& t, const std::string& id, size_t& block, size_t& row) {
  for (size_t b = 0; b < t.blocks.size(); ++b) {
    if (t.blocks[b].id == id) {
      block = b;
      row = std::string::npos;
      return true;
    }
    for (size_t r = 0; r < t.blocks[b].rows.size(); ++r) {
      if (t.blocks[b].rows[r].id == id) {
        block = b;
        row = r;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::vector<Variant> parse_variants(const nlohmann::json& j, const std::string& where,
                                    const std::map<std::string, DocumentTemplate>& templates) {
  check_keys(j, {"variants"}, {"variants"}, where);
  if (!j["variants"].is_array()) throw std::runtime_error(where + ": 'variants' must be a list");
  std::vector<Variant> out;
  for (size_t i = 0; i < j["variants"].size(); ++i) {
    const auto& v = j["variants"][i];
    std::string at = where + ".variants[" + std::to_string(i) + "]";
    check_keys(v, {"id", "source", "date", "document", "when", "insert_after", "remove", "blocks", "rows"},
               {"id", "source", "date", "document", "when"}, at);
    Variant var;
    var.id = v["id"].get<std::string>();
    at += " (" + var.id + ")";
    var.source = v["source"].get<std::string>();
    var.date = v["date"].get<std::string>();
    var.document = v["document"].get<std::string>();
    var.when = parse_condition(v["when"], at + ".when");
    if (v.contains("insert_after")) var.insert_after = v["insert_after"].get<std::string>();
    if (v.contains("remove")) var.remove = v["remove"].get<std::string>();
    if (v.contains("blocks"))
      for (size_t k = 0; k < v["blocks"].size(); ++k)
        var.blocks.push_back(parse_block(v["blocks"][k], at + ".blocks[" + std::to_string(k) + "]"));
    if (v.contains("rows"))
      for (size_t k = 0; k < v["rows"].size(); ++k)
        var.rows.push_back(parse_row(v["rows"][k], at + ".rows[" + std::to_string(k) + "]"));

    const auto t = templates.find(var.document);
    if (t == templates.end()) throw std::runtime_error(at + ": unknown document '" + var.document + "'");
    if (var.insert_after.empty() == var.remove.empty())
      throw std::runtime_error(at + ": give exactly one of 'insert_after' and 'remove'");
    size_t block = 0, row = 0;
    const std::string& target = var.remove.empty() ? var.insert_after : var.remove;
    if (!locate(t->second, target, block, row))
      throw std::runtime_error(at + ": no block or row with id '" + target + "' in " + var.document);
    if (!var.insert_after.empty()) {
      const bool at_row = row != std::string::npos;
      if (at_row ? (!var.blocks.empty() || var.rows.empty()) : (!var.rows.empty() || var.blocks.empty()))
        throw std::runtime_error(at + ": after a row insert 'rows', after a block insert 'blocks'");
    }
    out.push_back(std::move(var));
  }
  return out;
}

void apply_variant(const Variant& variant, DocumentTemplate& t) {
  size_t block = 0, row = 0;
  const std::string& target = variant.remove.empty() ? variant.insert_after : variant.remove;
  if (!locate(t, target, block, row)) return;  // removed by an earlier variant
  auto& blocks = t.blocks;
  if (!variant.remove.empty()) {
    if (row == std::string::npos) blocks.erase(blocks.begin() + static_cast<long>(block));
    else blocks[block].rows.erase(blocks[block].rows.begin() + static_cast<long>(row));
    return;
  }
  if (row == std::string::npos) {
    blocks.insert(blocks.begin() + static_cast<long>(block) + 1, variant.blocks.begin(), variant.blocks.end());
  } else {
    auto& rows = blocks[block].rows;
    rows.insert(rows.begin() + static_cast<long>(row) + 1, variant.rows.begin(), variant.rows.end());
  }
}

DocumentTemplate with_variants(const DocumentTemplate& base, const std::vector<Variant>& variants,
                               const OrderView& view) {
  DocumentTemplate t = base;
  for (const auto& v : variants)
    if (v.document == t.kind && view.holds(v.when)) apply_variant(v, t);
  return t;
}

}  // namespace beian::render
