#include "ocr/id_card/id_back_reader.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "ocr/fields/text_clean.h"
#include "ocr/id_card/id_card_checks.h"
#include "ocr/id_card/id_card_settings.h"
#include "ocr/id_card/id_card_side.h"
#include "ocr/validators/regions.h"
#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

// Printed validity periods last 5, 10 or 20 years, ending on the anniversary or the day
// before it (长期 has no end date).
bool regular_period(const Date& from, const Date& until) {
  for (int years : {5, 10, 20}) {
    const Date end = from.add_years(years);
    if (until == end || until == end.add_days(-1)) return true;
  }
  return false;
}

struct Digits {
  std::string text;             // 8 digits YYYYMMDD
  std::vector<double> confidence;
  std::optional<Date> date() const {
    if (text.size() != 8) return std::nullopt;
    return Date::parse(text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2));
  }
};

std::string yyyymmdd(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

// When the two dates do not form a regular period, one of them was misread: try making
// either end agree with the other for each legal length, changing at most one digit, and
// keep the change of the least confident digit. nullopt when no single change works.
std::optional<std::pair<Digits, Digits>> reconcile(const Digits& from, const Digits& until) {
  double best_confidence = 2.0;
  std::optional<std::pair<Digits, Digits>> best;
  auto consider = [&](const Digits& fixed_side, const Digits& other, const std::string& target, bool fixing_until) {
    int changed = -1;
    for (int i = 0; i < 8; ++i)
      if (target[i] != other.text[i]) {
        if (changed >= 0) return;
        changed = i;
      }
    if (changed < 0) return;
    const double c = other.confidence[changed];
    if (c >= best_confidence) return;
    Digits repaired = other;
    repaired.text = target;
    best_confidence = c;
    best = fixing_until ? std::make_pair(fixed_side, repaired) : std::make_pair(repaired, fixed_side);
  };
  const auto f = from.date(), u = until.date();
  for (int years : {5, 10, 20}) {
    if (f) {
      consider(from, until, yyyymmdd(f->add_years(years)), true);
      consider(from, until, yyyymmdd(f->add_years(years).add_days(-1)), true);
    }
    if (u) {
      consider(until, from, yyyymmdd(u->add_years(-years)), false);
      consider(until, from, yyyymmdd(u.value().add_days(1).add_years(-years)), false);
    }
  }
  if (best && best_confidence < 0.9) return best;
  return std::nullopt;
}

// The dates of a period read with one digit lost ("025.09.01-2035.09.01", the first digit
// dropped by the recogniser): `whole` is the date read with all its digits, `short_side` has
// seven. Its date is the one legal partner of `whole` that reads as the seven digits with one
// digit removed; nullopt when none or more than one does.
std::optional<Digits> restore_dropped_digit(const Digits& whole, const Digits& short_side, bool short_is_until) {
  const auto w = whole.date();
  if (!w || short_side.text.size() != 7) return std::nullopt;
  std::vector<std::pair<std::string, size_t>> targets;  // a partner's digits, the lost digit's position
  for (int years : {5, 10, 20}) {
    const Date partners[] = {short_is_until ? w->add_years(years) : w->add_years(-years),
                             short_is_until ? w->add_years(years).add_days(-1) : w->add_days(1).add_years(-years)};
    for (const Date& d : partners) {
      const std::string t = yyyymmdd(d);
      const bool listed = std::any_of(targets.begin(), targets.end(), [&](const auto& x) { return x.first == t; });
      for (size_t drop = 0; drop < t.size() && !listed; ++drop)
        if (t.substr(0, drop) + t.substr(drop + 1) == short_side.text) {
          targets.emplace_back(t, drop);
          break;
        }
    }
  }
  if (targets.size() != 1) return std::nullopt;
  Digits restored = short_side;
  restored.text = targets.front().first;
  // The lost digit was read by no one.
  restored.confidence.insert(restored.confidence.begin() + static_cast<long>(targets.front().second), 0.0);
  return restored;
}

}  // namespace

std::vector<Classification> IdCardBackReader::classify_by_cues(const PageAnalysis& page, OcrContext&) const {
  return classify_id_card_side_by_cue(page, DocumentType::kIdBack);
}

std::vector<Classification> IdCardBackReader::classify(const PageAnalysis& page, OcrContext&,
                                                       std::optional<DocumentType> forced) const {
  return classify_id_card_side(page, DocumentType::kIdBack, forced);
}

DocumentResult IdCardBackReader::read(const PageAnalysis& page, const Classification& classification,
                                      OcrContext& context) const {
  IdCardSide side = prepare_id_card_side(page, classification);
  context.mark("id_back.prepare");
  TesseractEngine& engine = context.engine();
  const auto& settings = id_card_settings();
  DocumentResult& r = side.result;

  // The issuing bureau's name follows from the region (…市公安局…分局): one misread
  // character is repaired from the list, anything further is left as read (the region table
  // is partial, and a branch missing from it must not become its neighbour).
  const TextFieldRead authority = side.read(engine, "issuing_authority");
  std::string authority_text = keep_cjk(authority.text);
  auto known = snap_to_vocabulary(authority_text, validators::id_issuing_authorities(), 1);
  if (!known) {
    // The fixed words of a bureau's name are no place for a district to differ: a misread 局
    // after 公安 or after a final 分 (南京市公安月交楼分局, 苏州市公安局关中分六) is the 局,
    // and the one edit left is for the place names.
    const std::string repaired = validators::with_bureau_words(authority_text);
    if (repaired != authority_text) known = snap_to_vocabulary(repaired, validators::id_issuing_authorities(), 1);
  }
  if (known) authority_text = known->value;
  // Every issuing bureau's name ends in 局 (…公安局, …分局).
  const std::string_view bureau = "局";
  const bool authority_like = known || (authority_text.size() >= bureau.size() &&
                                        authority_text.compare(authority_text.size() - bureau.size(), bureau.size(), bureau) == 0);
  r.set_field("issuing_authority", field_value(authority_text, authority.confidence, authority.missing_reason,
                                               settings.fields.at("issuing_authority").min_confidence));

  const TextFieldRead period = side.read(engine, "valid_period");
  Digits from, until;
  bool long_term = false;
  // The dash between the dates, once the start has digits: a start read one digit short
  // stays the start instead of borrowing the end's first digit.
  bool after_dash = false;
  for (const auto& s : period.symbols) {
    if (s.text.size() == 1 && s.text[0] >= '0' && s.text[0] <= '9') {
      Digits& d = after_dash || from.text.size() >= 8 ? until : from;
      if (d.text.size() < 8) {
        d.text += s.text;
        d.confidence.push_back(s.confidence);
      }
    } else if ((s.text == "-" || s.text == "—" || s.text == "－") && !from.text.empty()) {
      after_dash = true;
    } else if ((s.text == "长" || s.text == "期") && from.text.size() == 8) {
      long_term = true;
    }
  }
  bool restored_from = false, restored_until = false;
  if (auto r = restore_dropped_digit(until, from, false); r && !long_term) from = *r, restored_from = true;
  else if (auto r = restore_dropped_digit(from, until, true); r) until = *r, restored_until = true;
  const double min_conf = settings.fields.at("valid_period").min_confidence;
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0.0 : s / v.size();
  };
  std::optional<Date> from_date = from.date();
  double from_conf = mean(from.confidence);
  // A restored digit was read by no one: the date is as sure as a repaired one (reconcile).
  if (restored_from) from_conf = std::min(from_conf, 0.75);
  if (long_term && until.text.empty()) {
    r.set_field("valid_from", field_value(from_date ? from_date->to_string() : "", from_conf,
                                          "the start of the validity period could not be read", min_conf));
    r.set_field("valid_until", field_value("长期", period.confidence, "", min_conf));
  } else {
    std::optional<Date> until_date = until.date();
    double until_conf = mean(until.confidence);
    if (restored_until) until_conf = std::min(until_conf, 0.75);
    if (from_date && until_date && !regular_period(*from_date, *until_date)) {
      if (auto fixed = reconcile(from, until)) {
        from_date = fixed->first.date();
        until_date = fixed->second.date();
        from_conf = std::min(from_conf, 0.75);
        until_conf = std::min(until_conf, 0.75);
      }
    }
    // Start and end check each other (the same day, 5/10/20 years apart); a date whose
    // partner could not be read, or that disagrees with it, is not sure on its own.
    if (!(from_date && until_date && regular_period(*from_date, *until_date))) {
      from_conf = std::min(from_conf, settings.unchecked_period_max_confidence);
      until_conf = std::min(until_conf, settings.unchecked_period_max_confidence);
    }
    r.set_field("valid_from", field_value(from_date ? from_date->to_string() : "", from_conf,
                                          "the start of the validity period could not be read", min_conf));
    r.set_field("valid_until", field_value(until_date ? until_date->to_string() : "", until_conf,
                                           "the end of the validity period could not be read", min_conf));
  }
  context.mark("id_back.fields");

  for (auto& f : check_id_back(r, context.today(), settings.min_months_left)) r.findings.push_back(std::move(f));
  const auto present = [&](const char* name) { return r.field(name) && r.field(name)->present(); };
  finish_id_card_side(side, authority_like || present("valid_from") || present("valid_until"));
  return r;
}

}  // namespace beian::ocr
