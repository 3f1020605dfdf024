#include "render/documents/order_view.h"

#include <algorithm>
#include <stdexcept>

#include "pipeline/base/text.h"
#include "pipeline/base/data_file.h"

namespace beian::render {
namespace {

using nlohmann::json;

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'); }

// Walks `path` through `node`, appending the present values at the end.
void collect(const json& node, std::string_view path, int website, std::vector<std::string>& out) {
  if (path.empty()) {
    if (node.is_string()) {
      std::string v = trim(node.get<std::string>());
      if (!v.empty()) out.push_back(std::move(v));
    } else if (node.is_number_integer()) {
      out.push_back(std::to_string(node.get<long long>()));
    } else if (node.is_number()) {
      out.push_back(node.dump());
    } else if (node.is_boolean()) {
      out.push_back(node.get<bool>() ? "true" : "false");
    } else if (node.is_array()) {
      for (const auto& item : node) collect(item, {}, website, out);
    }
    return;  // objects and null: no printable value
  }
  const size_t dot = path.find('.');
  std::string_view segment = path.substr(0, dot);
  const std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  std::string_view index;
  if (const size_t bracket = segment.find('['); bracket != std::string_view::npos) {
    index = segment.substr(bracket + 1, segment.size() - bracket - 2);
    segment = segment.substr(0, bracket);
  }
  if (!node.is_object()) return;
  const auto it = node.find(std::string(segment));
  if (it == node.end()) return;
  if (index.empty()) {
    collect(*it, rest, website, out);
    return;
  }
  if (!it->is_array()) return;
  long n = -1;
  if (index == "i") {
    n = website - 1;
  } else {
    n = 0;
    for (char c : index) n = n * 10 + (c - '0');
  }
  if (n >= 0 && static_cast<size_t>(n) < it->size()) collect((*it)[static_cast<size_t>(n)], rest, website, out);
}

}  // namespace

FieldInfo FieldCatalog::info(const std::string& binding) const {
  const auto it = fields.find(binding);
  if (it != fields.end()) return it->second;
  FieldInfo f;
  f.label = binding;
  return f;
}

FieldCatalog parse_field_catalog(const json& j, const std::string& where) {
  check_keys(j, {"fields", "derived"}, {"fields"}, where);
  FieldCatalog cat;
  if (!j["fields"].is_object()) throw std::runtime_error(where + ": 'fields' must be an object");
  for (const auto& [name, spec] : j["fields"].items()) {
    const std::string at = where + ".fields." + name;
    if (!is_binding_name(name)) throw std::runtime_error(at + ": not a binding name");
    check_keys(spec, {"label", "join", "optional"}, {"label"}, at);
    FieldInfo f;
    f.label = spec["label"].get<std::string>();
    if (spec.contains("join")) f.join = spec["join"].get<std::string>();
    if (spec.contains("optional")) f.optional = spec["optional"].get<bool>();
    cat.fields.emplace(name, std::move(f));
  }
  if (j.contains("derived")) {
    for (const auto& [name, spec] : j["derived"].items()) {
      const std::string at = where + ".derived." + name;
      check_keys(spec, {"from", "map"}, {"from", "map"}, at);
      DerivedField d;
      d.from = spec["from"].get<std::string>();
      if (!is_binding_name(d.from)) throw std::runtime_error(at + ": 'from' is not a binding name");
      if (!spec["map"].is_object()) throw std::runtime_error(at + ": 'map' must be an object");
      for (const auto& [k, v] : spec["map"].items()) d.map[k] = v.get<std::string>();
      cat.derived.emplace(name, std::move(d));
    }
  }
  return cat;
}

bool is_binding_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  size_t i = 0;
  while (i < name.size()) {
    const size_t start = i;
    while (i < name.size() && is_name_char(name[i])) ++i;
    if (i == start) return false;
    if (i < name.size() && name[i] == '[') {
      const size_t close = name.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return false;
      const std::string_view idx = name.substr(i + 1, close - i - 1);
      if (idx != "i" && !std::all_of(idx.begin(), idx.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
      i = close + 1;
    }
    if (i < name.size()) {
      if (name[i] != '.') return false;
      ++i;
      if (i == name.size()) return false;
    }
  }
  return true;
}

OrderView::OrderView(const json& order, int website, const FieldCatalog& catalog, const std::set<std::string>* verified,
                     bool pretick_verified)
    : order_(order), website_(website), catalog_(catalog), verified_(verified), pretick_(pretick_verified) {}

std::vector<std::string> OrderView::values(const std::string& binding) const {
  if (binding == "website.index") return website_ > 0 ? std::vector<std::string>{std::to_string(website_)} : std::vector<std::string>{};
  if (const auto d = catalog_.derived.find(binding); d != catalog_.derived.end()) {
    std::vector<std::string> out;
    for (const auto& v : values(d->second.from)) {
      const auto m = d->second.map.find(v);
      if (m != d->second.map.end()) out.push_back(m->second);
    }
    return out;
  }
  std::vector<std::string> out;
  collect(order_, binding, website_, out);
  return out;
}

std::string OrderView::text(const std::string& binding) const {
  const auto vs = values(binding);
  const std::string join = catalog_.info(binding).join;
  std::string out;
  for (size_t i = 0; i < vs.size(); ++i) out += (i ? join : std::string()) + vs[i];
  return out;
}

std::string OrderView::concrete(const std::string& binding) const {
  std::string out = binding;
  const size_t pos = out.find("[i]");
  if (pos != std::string::npos) out.replace(pos, 3, "[" + std::to_string(std::max(0, website_ - 1)) + "]");
  return out;
}

bool OrderView::holds(const Condition& c) const {
  if (!c.fields.empty()) {
    std::vector<std::string> vs;
    for (const auto& f : c.fields)
      for (auto& v : values(f)) vs.push_back(std::move(v));
    const auto listed = [](const std::vector<std::string>& list, const std::string& v) {
      return std::find(list.begin(), list.end(), v) != list.end();
    };
    if (!c.in.empty() && std::none_of(vs.begin(), vs.end(), [&](const std::string& v) { return listed(c.in, v); }))
      return false;
    if (!c.not_in.empty() && std::none_of(vs.begin(), vs.end(), [&](const std::string& v) { return !listed(c.not_in, v); }))
      return false;
  }
  if (!c.subject_kind.empty()) {
    const auto kind = values("subject.kind");
    if (kind.empty() || kind.front() != c.subject_kind) return false;
  }
  if (!c.verified.empty() && !(pretick_ && verified_ && verified_->count(c.verified))) return false;
  if (!c.differs.empty()) {
    const std::string a = normalize_for_compare(text(c.differs[0]));
    const std::string b = normalize_for_compare(text(c.differs[1]));
    if (a.empty() || b.empty() || a == b) return false;
  }
  if (!c.provinces.empty()) {
    const auto p = values("province");
    if (p.empty() || std::find(c.provinces.begin(), c.provinces.end(), p.front()) == c.provinces.end()) return false;
  }
  return true;
}

int OrderView::website_count() const {
  const auto it = order_.find("websites");
  return it != order_.end() && it->is_array() ? static_cast<int>(it->size()) : 0;
}

OrderView OrderView::with_website(int website) const {
  return OrderView(order_, website, catalog_, verified_, pretick_);
}

}  // namespace beian::render
