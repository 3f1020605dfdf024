// Reading the label/value fields of a certificate page (business licence and the other unit
// certificates): labels are found by reading — first at the label boxes of the document's
// layout (fast; one short OCR per label), and when too few of them are there, by reading the
// whole page sparsely and searching its lines (LabelledPage) — then every value is read line
// by line from the region after its label (or under it), following wrapped lines.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>

#include "ocr/business_licence/licence_fields.h"
#include "ocr/engine/tesseract_engine.h"
#include "ocr/fields/date_by_shape.h"
#include "ocr/fields/text_field.h"
#include "ocr/layout/document_layout.h"
#include "ocr/unit_certificate/authority_names.h"
#include "ocr/unit_certificate/labelled_page.h"

namespace beian::ocr {

struct LabelledField {
  LabelSpec spec;                 // field name, labels, max_lines, value_below
  TextFieldSettings ocr;          // how the value's lines are read
};

struct LabelledReadSettings {
  TextFieldSettings label_pass;   // how label boxes are read
  double min_layout_labels = 0.7; // share of layout labels that must be found at their boxes
  int sparse_width = 1188;        // page width for the whole-page label search
  // Labels found at their layout places (same offset) that confirm the layout: the labels not
  // read are then taken where it prints them, and the page is not searched.
  int min_agreeing_labels = 3;
  // Labels found where the layout puts them with no offset at all (within half a label
  // height) that confirm it just as well: the page outline placed them, so on a photo too
  // blurred to read more than a label or two (glare over the rest) the outline stands in for
  // the agreeing labels. 0: off.
  int min_labels_in_place = 0;
  // Text heights a value's lines are read at again when its validator rejects the first
  // reading (a date that does not parse, a code whose check characters fail): the
  // recogniser's errors on small, soft print change with the scale.
  std::vector<double> retry_text_heights;
  std::vector<LabelledField> fields;
};

// Parses {"label_pass", "min_layout_labels", "min_agreeing_labels", "min_labels_in_place" (optional),
// "retry_text_heights", "sparse_width", "fields": {name: {"labels",
// "max_lines", "value_below", "ocr"}}} from `j` (other keys of `j` are the caller's).
// Throws std::runtime_error naming `where` and the key.
LabelledReadSettings parse_labelled_read_settings(const nlohmann::json& j, const std::string& where);

struct FieldReading {
  std::string text;               // value characters, lines joined, white space removed
  double confidence = 0;          // mean symbol confidence 0..1
  std::vector<cv::Rect> lines;    // value lines read, view coordinates
  std::vector<OcrSymbol> symbols; // the value's characters in reading order (with alternatives
                                  // when the field's OCR settings ask for them)
  cv::Rect label_box;             // empty when the label was not found
  cv::Rect region;                // where the value was searched (view coordinates)
  std::string missing_reason;     // set when text is empty
};

// Where a glare spot washes a page view out (glare_mask), and the page with the text under
// it restored (ink_image's restore_glare), made when first asked for: on the hard level's
// small pages the restoration loses more than it restores when read everywhere, so it is a
// second chance only where a spot ended a line. Both are made when first asked for (a page
// whose fields all read pays nothing). Holds a reference to the view.
class GlareViews {
 public:
  explicit GlareViews(const cv::Mat& view) : view_(view) {}
  bool found();
  const cv::Mat& mask();
  const cv::Mat& restored();
  // The one line of `field` continued across a spot (line_across_glare, on the restored page);
  // empty when the page has no spot or the line reaches none.
  cv::Rect line_across(const FieldReading& field);

 private:
  const cv::Mat& view_;
  std::optional<cv::Mat> mask_;
  bool found_ = false;
  cv::Mat restored_;
};

struct LabelledReading {
  std::map<std::string, FieldReading> fields;
  std::vector<FoundLabel> labels; // labels found, view coordinates
  bool used_layout = false;       // true when the layout's label boxes sufficed
};

// Reads every field of `settings` from `ink` (ink_image of the upright page view).
// `layout` may be null (no layout known: the whole page is searched).
LabelledReading read_labelled_fields(TesseractEngine& engine, const cv::Mat& ink, const DocumentLayout* layout,
                                     const LabelledReadSettings& settings);

// Reads the text lines of `region` (view coordinates) that continue each other (close below,
// aligned on the left), at most `max_lines`; `h` is the expected character height. Each line
// ends at its first blank gap wider than max_gap × h.
FieldReading read_value_region(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& region, double h,
                               int max_lines, const TextFieldSettings& settings, double max_gap);

// `line` (one value line found after `label`, `ink` coordinates) cut to the text on the
// label's row when it is taller than two text lines can be apart (1.6 label heights): the
// line below bridged to it by a seal's ring (a certificate's authority and the issue date
// under it, seed 89 S0033) is one band. The text on the label's row ends about where the
// label does: the cut is the weakest ink row from a fifth of a label height above the
// label's bottom down to half a label height above the line's end, and the part above it is
// kept, tightened to its ink. `line` itself when it is not that tall or starts below the
// label's middle.
cv::Rect line_on_label_row(const cv::Mat& ink, const cv::Rect& line, const cv::Rect& label);

// A term (START至长期, START至END) its line's reading left incomplete, by its digits' shapes
// (term_by_shape from `earliest` to `latest`, a start equal to `expected_from` agreeing):
// on `reading`'s one line of `ink`; else, under a glare spot, across it on the page restored
// there, the cells under it not judged; else, the spot hiding the end, the start alone from
// the line's first cells (until_read false). nullopt when none reads.
std::optional<TermByShape> term_by_shape_on_page(const cv::Mat& ink, GlareViews& glare, const FieldReading& reading,
                                                 const DateShapeSettings& settings, const Date& earliest,
                                                 const Date& latest, const Date& expected_from);

// The amount (a licence's registered capital, a certificate's funds) `reading` shows on `ink`
// (amount_value with its one line); when that withholds it and a glare spot cut the line
// short, the printed layouts across the spot on the page restored there, the cells under it
// not judged (capital_by_printed_layout with the glare mask), at shapes.layout.confidence.
AmountValue amount_on_page(const cv::Mat& ink, GlareViews& glare, const FieldReading& reading,
                           const CapitalGrammar& grammar);

// `first`'s lines read once more with `settings` (text joined as read_value_region does).
FieldReading reread_lines(TesseractEngine& engine, const cv::Mat& ink, const FieldReading& first,
                          const TextFieldSettings& settings);

// `first` when `accept(first.text)` holds (its validator: a date parses, a code's check
// characters hold); else its lines read again from `ink` at each of
// `settings.retry_text_heights` in turn (with the field's own OCR settings otherwise; first at
// its own text height too when `ink` is not the image `first` was read from) until a reading
// is accepted; else `first`. `field` names the field in `settings.fields`.
template <typename Accept>
FieldReading validated_reading(TesseractEngine& engine, const cv::Mat& ink, const LabelledReadSettings& settings,
                               const std::string& field, const FieldReading& first, Accept accept,
                               bool other_ink = false) {
  if (accept(first.text) || first.lines.empty()) return first;
  for (const auto& f : settings.fields) {
    if (f.spec.field != field) continue;
    std::vector<double> heights = settings.retry_text_heights;
    if (other_ink) heights.insert(heights.begin(), f.ocr.text_height);
    TextFieldSettings ocr = f.ocr;
    for (double height : heights) {
      ocr.text_height = height;
      FieldReading again = reread_lines(engine, ink, first, ocr);
      if (!again.text.empty() && accept(again.text)) return again;
    }
  }
  return first;
}

// A value's text as a field value: trimmed, stray marks a label leaves at its start (：, ",
// |, _) dropped, chi_sim's ASCII punctuation made full-width as printed, a final "." or comma
// after Chinese text read as the full stop it is (with any mark read just before it: one ring
// read twice, ".。").
std::string clean_value_text(const std::string& text);

// A running-text field's value (a business scope): its small marks settled on `ink`, the image
// it was read from (settle_small_marks: a "." between Chinese characters is 、 or 。 by shape,
// a ， or ： whose ink is a dot over a comma is ；, a dropped closing 。 restored), then
// clean_value_text.
std::string running_text_value(const cv::Mat& ink, const FieldReading& reading);

// The confidence an address read as `text` with `confidence` deserves: at most the address
// field's weakest_character cap (settings.fields) when it holds a mark no address prints
// (has_stray_marks: a misread character however sure the recogniser was).
double address_confidence(const std::string& text, double confidence, const LabelledReadSettings& settings);

// An address's value as read in `reading`: its text cleaned (clean_value_text), its leading
// province, prefecture and county names repaired against the region list, and any question
// mark dropped - chi_sim's "?" for a gap it cannot place (数码港2?层 on clean licences of
// fresh seeds 114, 115 and 117), which no address prints. The confidence is that of the text
// as read (address_confidence: the mark still says the recogniser was unsure there).
struct AddressValue {
  std::string text;
  double confidence = 0;
};
AddressValue address_value(const FieldReading& reading, const LabelledReadSettings& settings);

// `value` (address_value of `reading`) opening with `region` instead (Region::full_name of the
// region the unit's credit code was registered in: 广东省广州市荔湾区) when the first printed
// line of `ink` shows that better: the value's first line as read is compared by shape
// (shape_scores, mean match) with the same line whose first characters (as many as `region`
// has, one more or one fewer) are `region`, or `region` but its first character (the line
// found a character late, that one faded); the best of those replaces them when it matches
// at least settings.min_match and leads the reading by settings.min_margin characters' worth
// (the mean's gain times the line's characters; settings.unlisted_min_margin, when set, for a
// reading that opens with no listed region as deep as `region`: repair_address_prefix finds
// none), its confidence then at most settings.confidence. The code's region is the one an
// address is, as a rule, printed in; a unit that moved keeps its code and prints its new
// district, which its print matches better. Unchanged when shapes are off, the value already opens with `region` or the region
// does not fit on the first line.
AddressValue address_region_by_shape(const cv::Mat& ink, const FieldReading& reading, AddressValue value,
                                     const std::string& region, const ShapeChoiceSettings& settings);

// A person's name as a field value (legal representative, 负责人): clean_value_text, then
// without marks at its ends (trim_name_marks): a name neither starts nor ends with one, so
// one read there is a speck (、范强).
std::string person_name_text(const std::string& text);

// The registration authority (登记机关) of a licence or certificate: `found` (its labelled
// reading; its line cut back to the label's row first when the date under it joined it,
// line_on_label_row), read again from images[0] (the red seal erased) when no authority name of
// `credit_code`'s region (else `address`'s: authority_names) is near it, then snapped to that name (authority_reading); a reading
// too garbled for that is compared by shape with those names on every one of `images` (the
// seal erased, the seal unmixed: each keeps strokes the other loses). `reading` is the one
// kept (the issue date is found below it). REQUIRES: `images` not empty.
struct RegistrationAuthority {
  FieldReading reading;
  AuthorityReading name;
};
RegistrationAuthority read_registration_authority(TesseractEngine& engine, const std::vector<cv::Mat>& images,
                                                  const LabelledReadSettings& settings, const FieldReading& found,
                                                  const std::string& credit_code, const AuthoritySettings& authority,
                                                  const std::string& address = "");

// The unlabelled date printed under `anchor`'s value (the issue date under the registration
// authority), as "YYYY-MM-DD" in text; searched in the lower right of the page when the
// anchor's label was not found.
// A line whose date does not parse, or falls outside [`earliest`, `latest`] (either bound
// ignored when invalid), is read again at each of `retry_text_heights`.
// Every text read is added to `readings` when given.
FieldReading read_date_below(TesseractEngine& engine, const cv::Mat& ink, const FieldReading& anchor,
                             const TextFieldSettings& settings, const std::vector<double>& retry_text_heights = {},
                             const Date& earliest = {}, const Date& latest = {},
                             std::vector<std::string>* readings = nullptr);

// The issue date printed under the registration authority: read_date_below on each of
// `images` in turn (the page with the red seal taken out in different ways: erase_seal, then
// unmix_seal), the first date found between `earliest` and `latest`; when none reads as such
// a date, the first date_by_shape finds on their lines between them (at shapes.confidence;
// `expected`, when valid, is the date another field reads for it, and the texts read there
// are its readings, see date_by_shape); else the first image's reading (and its reason). A
// date read that differs from a valid `expected` becomes `expected` when its line's shapes
// show that (date_by_shape agreeing).
FieldReading read_issue_date(TesseractEngine& engine, const std::vector<cv::Mat>& images, const FieldReading& anchor,
                             const TextFieldSettings& settings, const std::vector<double>& retry_text_heights,
                             const DateShapeSettings& shapes, const Date& earliest, const Date& latest,
                             const Date& expected = {});

}  // namespace beian::ocr
