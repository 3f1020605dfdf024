#include "ocr/validators/address_prefix.h"

#include <algorithm>
#include <mutex>
#include <vector>

#include "ocr/validators/regions.h"
#include "pipeline/base/text.h"

namespace beian::validators {
namespace {

// One place as its chain of names: {"浙江省", "杭州市", "西湖区"} (municipalities have no
// prefecture name: {"北京市", "东城区"}).
using Chain = std::vector<std::u32string>;

const std::vector<Chain>& chains() {
  static std::vector<Chain> all;
  static std::once_flag once;
  std::call_once(once, [] {
    const RegionTable& table = RegionTable::get();
    for (const auto& p : table.provinces()) all.push_back({utf8_to_u32(p.name)});
    for (const auto& code : table.county_codes()) {
      const auto region = table.lookup(code);
      if (!region) continue;
      Chain c{utf8_to_u32(region->province)};
      if (!region->prefecture.empty()) {
        c.push_back(utf8_to_u32(region->prefecture));
        all.push_back(c);
      }
      if (!region->county.empty()) {
        c.push_back(utf8_to_u32(region->county));
        all.push_back(c);
      }
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
  });
  return all;
}

struct Match {
  size_t consumed = 0;  // characters of the reading the chain covers
  int edits = 0;
  int covered = 0;      // characters of the chain's names matched (length - edits)
};

// Aligns the chain's names one after the other against the reading; each name may take one
// character more or fewer than its length (a dropped or doubled character).
bool match_chain(const Chain& chain, const std::u32string& reading, Match& m) {
  size_t pos = 0;
  for (const auto& name : chain) {
    const int limit = name.size() >= 6 ? 2 : 1;
    int best = limit + 1;
    size_t best_len = 0;
    for (size_t len = name.size() > 1 ? name.size() - 1 : 1; len <= name.size() + 1; ++len) {
      if (pos + len > reading.size()) break;
      const int d = edit_distance(u32_to_utf8(name), u32_to_utf8(reading.substr(pos, len)));
      if (d < best || (d == best && len == name.size())) {
        best = d;
        best_len = len;
      }
    }
    if (best > limit || best * 2 >= static_cast<int>(name.size())) return false;
    pos += best_len;
    m.edits += best;
    m.covered += static_cast<int>(name.size()) - best;
  }
  m.consumed = pos;
  return true;
}

}  // namespace

AddressPrefixRepair repair_address_prefix(std::string_view address) {
  AddressPrefixRepair out;
  out.text = std::string(address);
  const std::u32string original = utf8_to_u32(address);
  // The reading as it is, and without the marks and Latin letters read among it: a blurred
  // 汇 came back as two of them (徐；C区), which no place name holds, while a mark may also
  // stand for one character (济南;市 for 济南市市). The closer match of the two wins (as read
  // on a tie); marks inside the matched names go with the names' repair. Digits stay (they
  // end the names: 丰台区1号).
  const auto noise = [](char32_t c) {
    const bool digit = (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19);
    return !digit && (c < 0x80 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
                      (c >= 0xFF00 && c <= 0xFFEF));  // ASCII, general and CJK punctuation, full-width forms
  };
  std::u32string filtered;
  std::vector<size_t> origin;  // where each character of `filtered` stands in `original`
  for (size_t i = 0; i < original.size(); ++i)
    if (!noise(original[i])) {
      filtered.push_back(original[i]);
      origin.push_back(i);
    }
  struct Found {
    const Chain* chain = nullptr;
    Match match;
    bool tie = false;
    bool better_than(const Found& o) const {
      return chain && (!o.chain || match.covered > o.match.covered ||
                       (match.covered == o.match.covered && match.edits < o.match.edits));
    }
  };
  const auto search = [](const std::u32string& reading) {
    Found best;
    for (const auto& chain : chains()) {
      Found f{&chain, {}, false};
      if (!match_chain(chain, reading, f.match)) continue;
      if (f.better_than(best)) best = f;
      else if (f.match.covered == best.match.covered && f.match.edits == best.match.edits) best.tie = true;
    }
    return best;
  };
  const Found as_read = search(original);
  const Found without_noise = filtered.size() < original.size() ? search(filtered) : Found{};
  const bool use_filtered = without_noise.better_than(as_read);
  const Found& best = use_filtered ? without_noise : as_read;
  if (!best.chain || best.tie) return out;
  std::u32string prefix;
  for (const auto& name : *best.chain) prefix += name;
  out.prefix = u32_to_utf8(prefix);
  out.edits = best.match.edits;
  const size_t consumed = best.match.consumed;
  const size_t rest = !use_filtered ? consumed : consumed == 0 ? 0 : origin[consumed - 1] + 1;
  out.text = out.prefix + u32_to_utf8(original.substr(rest));
  return out;
}

std::optional<Region> address_region(std::string_view address) {
  const AddressPrefixRepair repaired = repair_address_prefix(address);
  if (repaired.prefix.empty()) return std::nullopt;
  const RegionTable& table = RegionTable::get();
  for (const auto& code : table.county_codes())
    for (const std::string& level : {code, code.substr(0, 4) + "00", code.substr(0, 2) + "0000"})
      if (const auto region = table.lookup(level); region && region->full_name() == repaired.prefix) return region;
  return std::nullopt;
}

}  // namespace beian::validators
