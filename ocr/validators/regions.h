// Administrative division codes (GB/T 2260) and the 56 ethnic groups (GB/T 3304), loaded from
// templates/data/regions.json and templates/data/ethnicities.json. The province table is
// complete; prefectures and counties are a partial set (see the file's "coverage"), so an
// unlisted 6-digit code is unknown, not invalid.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beian::validators {

struct Province {
  std::string code;        // 2 digits, "44"
  std::string name;        // "广东省"
  std::string short_name;  // "广东" (the order manifest's province field)
  std::string icp_abbr;    // "粤"; empty for 71/81/82
};

// A known code resolved to names. Municipalities' "市辖区" prefecture is left empty.
struct Region {
  std::string code;        // 6 digits
  std::string province;    // "广东省"
  std::string prefecture;  // "广州市", or empty
  std::string county;      // "天河区", or empty for a province/prefecture-level code
  bool historic = false;   // a superseded code still printed on valid documents

  // The place as written at the start of an address: "广东省广州市天河区", "北京市海淀区".
  std::string full_name() const;
};

class RegionTable {
 public:
  // Parses a regions.json (`file` absolute, or relative to the data folder). Throws std::runtime_error naming the file and the offending key
  // (unknown or missing keys, malformed codes, a county without its prefecture).
  static RegionTable load(const std::filesystem::path& file);
  // The table from data/regions.json, loaded once (thread-safe). Throws as load().
  static const RegionTable& get();

  // The province of a code's first two digits (accepts "44" or "440106"), or nullptr.
  const Province* province(std::string_view code) const;
  // The province whose short name ("广东") or ICP abbreviation ("粤") this is, or nullptr.
  const Province* province_by_name(std::string_view name) const;
  // A listed county, prefecture, province (xx0000), historic code or residence-permit prefix.
  std::optional<Region> lookup(std::string_view code6) const;
  // Current county-level codes, ascending (what the generator draws from).
  const std::vector<std::string>& county_codes() const { return county_codes_; }
  const std::vector<Province>& provinces() const { return provinces_; }

 private:
  std::vector<Province> provinces_;
  std::map<std::string, std::string> prefectures_;  // 6-digit code → name
  std::map<std::string, std::string> counties_;
  std::map<std::string, std::string> historic_;
  std::map<std::string, std::string> residence_prefixes_;
  std::vector<std::string> county_codes_;
};

// The public security bureau that issues ID cards for a county-level region, as printed on
// the card's back (签发机关): a county's own bureau ("平谷县公安局"), otherwise the city's
// bureau and the district's branch without 区/新区 ("广州市公安局天河分局",
// "北京市公安局西城分局"). Empty for a region without a county.
std::string id_issuing_authority(const Region& region);

// id_issuing_authority of every listed current county (the closed list an OCR reading of
// the 签发机关 field is matched against), loaded once.
const std::vector<std::string>& id_issuing_authorities();

// `reading` (UTF-8) with the character after each 公安 and after a final 分 made 局: the fixed
// words every issuing bureau's name is built from (…公安局, …分局). A misread there
// (南京市公安月交楼分局, 苏州市公安局关中分六) is no difference of place; the reader leaves
// its one-edit allowance for the place names.
std::string with_bureau_words(std::string_view reading);

// The ethnic group names without 族, in GB/T 3304 order, from data/ethnicities.json
// (loaded once; throws std::runtime_error naming the file when malformed).
const std::vector<std::string>& ethnicities();
// True for one of the 56 names; a trailing 族 is accepted ("汉族").
bool is_ethnicity(std::string_view name);

}  // namespace beian::validators
