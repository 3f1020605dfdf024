// The registration authority printed on a licence or certificate (登记机关, 发证机关) is named
// after the region that registered the unit — the region the credit code carries in its
// characters 3-8 — plus the kind of authority ("北京市丰台区" + "市场监督管理局", "济南市" +
// "民政局"). Those few names are the closed list a blurred reading is snapped to.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>

namespace beian::ocr {

// Choosing a name of a closed list by how the printed line looks. On a small or blurred photo
// (and under a red seal) a reading can be too garbled for an edit distance (长春市市场监督管理局
// read 长香市夺汪发急轴但同): then the list's names are rendered and compared with the printed
// line itself (shape_scores: a name of k characters against k cells, mean match). The best
// name is taken when it matches at least min_match and beats every other by min_margin
// characters' worth ((best - runner-up) x its length: names of one length differing in one or
// two characters, 国有独资 / 国有控股, differ by that much at most).
struct ShapeChoiceSettings {
  std::vector<std::string> fonts;   // "fonts": the fonts names are rendered in; empty: off
  double min_match = 0.35;          // "min_match"
  double min_margin = 0.3;          // "min_margin"
  double confidence = 0.8;          // "confidence": most a name chosen by shape is trusted
  // "ends" (optional) {"max_count", "min_share", "max_rest_share"}: the text is also tried
  // ending earlier than the line's ink (text_extents), a name scoring its best over them,
  // when the ink after it is at most max_rest_share of one of the name's characters' ink;
  // default: the ink's end only.
  int max_ends = 1;
  double min_end_share = 1.0;
  double max_rest_share = 0;
  // "min_rival_margin" (optional): how far, in characters' worth, the chosen name must lead
  // every rival (choose_by_shape's rivals_of); 0: no rival may match better.
  double min_rival_margin = 0;
  // "glare_min_judged" (optional): with a glare mask, the characters whose cells lie under
  // it are not judged (shape_scores), and a name needs at least this share of its characters
  // judged to score.
  double glare_min_judged = 0.5;
  // "unlisted_min_margin" (optional; address_region_by_shape): the margin when the reading is
  // no listed name at all, so cannot be what is printed (工西省事晶市东湖区); may be negative:
  // the listed name then wins unless the reading matches clearly better. Default: min_margin.
  std::optional<double> unlisted_min_margin;
};

// Parses {"fonts", "min_match", "min_margin", "confidence"}; throws naming `where` and the key
// (or a font that is not installed).
ShapeChoiceSettings parse_shape_choice_settings(const nlohmann::json& j, const std::string& where);

// The name of `names` the ink printed on `line` of `ink` (dark on light) shows, as `settings`
// asks; nullopt when shapes are off, `line` is empty or no name is a clear enough match.
std::optional<std::string> choose_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& names,
                                           const ShapeChoiceSettings& settings);
// The same over several renderings of one page (the seal erased, the seal unmixed): each
// name scores its best over them. `rivals_of` (optional) names, for the best name, names it
// must lead by settings.min_rival_margin but that are never chosen (another place's bureau),
// matched where the best matched best. `glare` (optional, glare_mask of the view): cells
// under a glare spot are not judged (settings.glare_min_judged).
using RivalsOf = std::function<std::vector<std::string>(const std::string& best)>;
std::optional<std::string> choose_by_shape(const std::vector<cv::Mat>& images, const cv::Rect& line,
                                           const std::vector<std::string>& names, const ShapeChoiceSettings& settings,
                                           const RivalsOf& rivals_of = {}, const cv::Mat& glare = {});

struct AuthoritySettings {
  std::vector<std::string> suffixes;  // "suffixes": kinds of authority, "市场监督管理局", ...
  double max_edit_share = 0.25;       // "max_edit_share": most edits per character of the name
  double repaired_confidence = 0.85;  // "repaired_confidence": most a snapped name is trusted
  // "shape" (optional): a reading too garbled to snap is compared by shape with the names of
  // the code's region (choose_by_shape).
  ShapeChoiceSettings shape;
};

// Parses {"suffixes", "max_edit_share", "repaired_confidence", "shape" (optional)}; throws
// naming `where` and the key.
AuthoritySettings parse_authority_settings(const nlohmann::json& j, const std::string& where);

// Every suffix after each place an authority registering `credit_code` is named after. The
// code's characters 3-8 are its registering authority's region (GB 32100): a province-level
// code names the province, a prefecture-level one the city, a county-level one the city (which
// registers for its districts in many places) and the city with the county (a municipality's
// districts: 北京市丰台区). Without a code of a listed region, the region `address` (the
// unit's address as read) starts with (validators::address_region) stands in: a unit is
// registered, as a rule, where it is. Empty when neither names a listed region (the region
// table is partial).
std::vector<std::string> authority_names(const std::string& credit_code, const std::vector<std::string>& suffixes,
                                         const std::string& address = "");

// `suffix` after every other place of the region table (provinces, cities, cities with their
// counties) than authority_names' for `credit_code`: what a print of another region's bureau
// must not be taken for. Empty as authority_names.
std::vector<std::string> authority_rivals(const std::string& credit_code, const std::string& suffix,
                                          const std::string& address = "");

struct AuthorityName {
  std::string value;  // a name of authority_names
  int edits = 0;      // characters changed from the reading
};

// `reading` snapped to the nearest of the code's (or the address's: authority_names) authority
// names when that one is unique and
// at most max_edit_share × its length away; nullopt otherwise (the reading stays as read: the
// authority may be one the list does not know).
std::optional<AuthorityName> snap_authority(const std::string& reading, const std::string& credit_code,
                                            const AuthoritySettings& settings, const std::string& address = "");

// The authority as read (`text`, cleaned, with its `confidence`), replaced by its snapped name
// when snap_authority finds one (confidence then at most repaired_confidence if characters
// changed). `credit_code` may be empty (nothing to snap to).
struct AuthorityReading {
  std::string text;
  double confidence = 0;
};
AuthorityReading authority_reading(const std::string& text, double confidence, const std::string& credit_code,
                                   const AuthoritySettings& settings, const std::string& address = "");

// The authority name of `credit_code`'s region that `line` of `images` (the seal erased, the
// seal unmixed) shows (choose_by_shape with settings.shape, the bureaus of the same kind of
// every other listed place as rivals: a licence re-issued after a move shows its new
// region's bureau over the old code); nullopt also when the code has no known region.
std::optional<std::string> authority_by_shape(const std::vector<cv::Mat>& images, const cv::Rect& line,
                                              const std::string& credit_code, const AuthoritySettings& settings,
                                              const std::string& address = "");

// A closed list a field's reading is snapped to (a licence's company type, 类型).
struct NameListSettings {
  std::vector<std::string> names;     // "names"
  double max_edit_share = 0.25;       // "max_edit_share": most edits per character of the reading
  double repaired_confidence = 0.85;  // "repaired_confidence": most a snapped reading is trusted
  ShapeChoiceSettings shape;          // "shape" (optional): a reading too garbled to snap, by shape
  // "loose" (optional): a reading neither snap nor shape decides, compared with each name as a
  // sequence of Chinese characters and marks (brackets kept apart, every other mark one kind),
  // a substitution costing 1 and a character lost or added indel_cost (the recogniser garbles
  // characters far more often than it drops them, so 非上市 read 莽上市 stays nearer 非上市 than
  // 上市). The nearest is taken when it costs at most max_cost_share x the reading's length and
  // the next costs min_lead more. max_cost_share 0: off.
  struct Loose {
    double max_cost_share = 0;
    double indel_cost = 2;
    double min_lead = 2;
    double confidence = 0.6;
  } loose;
};

// Parses {"names", "max_edit_share", "repaired_confidence", "shape" (optional)} (and "description").
NameListSettings parse_name_list_settings(const nlohmann::json& j, const std::string& where);

// `text` (with `confidence`) replaced by the unique nearest of `list.names`, compared on their
// Chinese characters, at most max_edit_share × the reading's length away (confidence then at
// most repaired_confidence if characters changed); else as read.
AuthorityReading snap_to_name_list(const std::string& text, double confidence, const NameListSettings& list);

// The name of `list` a garbled reading `text` stands for by list.loose, if any.
std::optional<std::string> loose_name(const std::string& text, const NameListSettings& list);

}  // namespace beian::ocr
