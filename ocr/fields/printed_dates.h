// Dates as printed on Chinese certificates and licences, turned into Dates: "2020年03月11日",
// "2020年3月11日", "2020.03.11", eight digits, and validity periods "自…至…" / "…至长期".
// Pure text functions shared by the readers (licence, unit certificates); the unlabelled
// issue date under a certificate's authority is read by read_date_below
// (ocr/unit_certificate/labelled_fields.h) with these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "beian/date.h"

namespace beian::ocr {

// "2020年03月11日", "2020年3月11日", "2020.03.11", or eight digits (also split: "2020年0311日",
// a 月 lost), as a date.
std::optional<Date> parse_cn_date(const std::string& text);

struct TermReading {
  std::optional<Date> from;
  std::optional<Date> until;
  bool open_ended = false;   // 长期 / 不约定期限
  // A start and an end (a date or 长期): the reading a re-read is accepted for.
  bool complete() const { return from && (until || open_ended); }
};

// "2020年03月11日至2050年03月10日" or "...至长期". Also "自...至..." (validity periods).
TermReading parse_term(const std::string& text);

// The start of a business term read as `text` (parse_term gave `term`, without a start) when
// the company's `established` date agrees with what was read: a licence's term starts, as a
// rule, the day its company is established. Agreement is the start's month and day read
// with its year lost ("10月01日至长期", the year under a glare spot), or a fixed end on the day
// before an anniversary of `established` ("日至2040年04月18日" for 2020-04-19: terms run whole
// years). Nothing else is inferred: no agreement, no start.
std::optional<Date> term_start_from_established(const std::string& text, const TermReading& term, const Date& established);

// Whether `text` (a term as read, parse_term finding a start and no end) shows what is left of
// 长期 after the start: no digit after its 至 (or, with 至 lost, after the start's first 日), and
// 长 or 期 there ("日至长", "日期": the rest faded under the seal's ring or a spot). An end
// printed as a date leaves digits.
bool open_end_remains(const std::string& text);

// The end of a term starting on `start`, where `until` (an end as read) is one digit off
// (dropped, added or changed, zero-padded YYYYMMDD) the day before the anniversary of `start`
// after one of `whole_years` (terms run whole years: 自2020年04月19日至2040年04月18日).
// nullopt when `until` already is such a day or such an anniversary (some terms end on it),
// when no such day is that close, or when two different ones are.
std::optional<Date> whole_years_end(const Date& until, const Date& start, const std::vector<int>& whole_years);

// "term_ends" of a reader's settings (templates/ocr/business_licence.json): a term's end
// settled by how terms are set.
struct TermEndSettings {
  std::vector<int> whole_years;  // "whole_years": the terms' usual lengths; empty: off
  double confidence = 0.6;       // "confidence": most an end so settled is trusted
  bool enabled() const { return !whole_years.empty(); }
};

// Parses {"whole_years", "confidence"}; throws naming `where` and the key.
TermEndSettings parse_term_end_settings(const nlohmann::json& j, const std::string& where);

// `term` (parse_term of `text`, its start perhaps found otherwise) with its end settled when
// `settings` are on: open (长期) when it has a start and no end and open_end_remains(text); an
// end whole_years_end moves when its start is `expected_from` (the date another field reads
// for it: two readings agreeing). A start read alone may be the misreading, the end right
// (a certificate's 2030-11-07 read as its start as well as its end). True when the end changed.
bool settle_term_end(const std::string& text, const Date& expected_from, const TermEndSettings& settings,
                     TermReading& term);

}  // namespace beian::ocr
