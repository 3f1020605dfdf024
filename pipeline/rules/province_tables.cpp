// Loading province_rules.json: one section per kind of province requirement, every row with
// its province, source and date.
#include <stdexcept>

#include "pipeline/rules/rule_tables.h"
#include "pipeline/rules/table_reader.h"

namespace beian::rules {
namespace {

const std::string kFile = "rules/province_rules.json";

// Reads province/source/date/note into `row` and checks the row's keys: the common ones plus
// `own` (the section's members).
void read_row(const nlohmann::json& j, const std::string& w, std::initializer_list<std::string_view> own, ProvinceRow& row) {
  if (!j.is_object()) throw std::runtime_error(w + ": expected an object");
  for (const auto& [k, v] : j.items()) {
    bool known = k == "province" || k == "source" || k == "date" || k == "note";
    for (auto o : own) known = known || o == k;
    if (!known) throw std::runtime_error(w + ": unknown key '" + k + "'");
  }
  row.province = province_name(get_value<std::string>(j, "province", w), w);
  row.source = get_value<std::string>(j, "source", w);
  row.date = get_value<std::string>(j, "date", w);
  if (row.source.empty() || row.date.empty()) throw std::runtime_error(w + ": every row needs a source and a date");
  if (j.contains("note")) row.note = get_value<std::string>(j, "note", w);
}

std::optional<SubjectKind> subject_kind(const std::string& text, const std::string& where) {
  if (text == "unit") return SubjectKind::kUnit;
  if (text == "individual") return SubjectKind::kIndividual;
  throw std::runtime_error(where + ": subject_kind must be unit or individual, found '" + text + "'");
}

Conditions conditions(const nlohmann::json& row, const std::string& where) {
  const std::string w = where + "/when";
  if (!row.contains("when")) throw std::runtime_error(where + ": missing key 'when'");
  const auto& j = row.at("when");
  check_keys(j,
             {"subject_kind", "natures", "filing_types", "min_domains", "min_websites", "owner_out_of_province",
              "subject_owner_not_legal_rep", "website_owner_not_legal_rep", "website_name_unrelated", "effective_from"},
             {}, w);
  Conditions c;
  if (j.contains("subject_kind")) c.subject_kind = subject_kind(get_value<std::string>(j, "subject_kind", w), w);
  if (j.contains("natures")) c.natures = get_value<std::vector<std::string>>(j, "natures", w);
  if (j.contains("filing_types"))
    for (const auto& t : get_value<std::vector<std::string>>(j, "filing_types", w)) c.filing_types.push_back(filing_type(t, w));
  if (j.contains("min_domains")) c.min_domains = get_value<int>(j, "min_domains", w);
  if (j.contains("min_websites")) c.min_websites = get_value<int>(j, "min_websites", w);
  auto flag = [&](const char* key, bool* out) {
    if (j.contains(key) && !(*out = get_value<bool>(j, key, w)))
      throw std::runtime_error(w + ": '" + key + "' can only be true (omit it otherwise)");
  };
  flag("owner_out_of_province", &c.owner_out_of_province);
  flag("subject_owner_not_legal_rep", &c.subject_owner_not_legal_rep);
  flag("website_owner_not_legal_rep", &c.website_owner_not_legal_rep);
  flag("website_name_unrelated", &c.website_name_unrelated);
  if (j.contains("effective_from")) c.effective_from = date_value(get_value<std::string>(j, "effective_from", w), w);
  return c;
}

template <typename Row, typename Fill>
std::vector<Row> section(const nlohmann::json& doc, const std::string& key, std::initializer_list<std::string_view> own,
                         Fill fill) {
  std::vector<Row> out;
  const auto& rows = array_member(doc, key, at(kFile, ""));
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string w = at(kFile, "/" + key + "/" + std::to_string(i));
    Row row;
    read_row(rows[i], w, own, row);
    fill(rows[i], w, row);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

ProvinceTables load_province_tables() {
  const auto doc = load_data_file(kFile);
  check_keys(doc,
             {"_source", "sources", "materials", "out_of_province_ids", "foreign_individuals", "limits", "service_content",
              "domain_suffixes", "name_must_relate_to_unit", "same_city_addresses", "remarks_statements",
              "subject_owner_may_differ", "unique_website_names", "reminders"},
             {"materials", "out_of_province_ids", "foreign_individuals", "limits", "service_content", "domain_suffixes",
              "name_must_relate_to_unit", "same_city_addresses", "remarks_statements", "subject_owner_may_differ",
              "unique_website_names", "reminders"},
             at(kFile, ""));
  ProvinceTables t;
  auto no_fill = [](const nlohmann::json&, const std::string&, ProvinceRow&) {};

  t.materials = section<ProvinceMaterial>(
      doc, "materials", {"scope", "material_zh", "material_en", "document", "when"},
      [](const nlohmann::json& j, const std::string& w, ProvinceMaterial& r) {
        const std::string scope = get_value<std::string>(j, "scope", w);
        if (scope != "order" && scope != "website") throw std::runtime_error(w + ": scope must be order or website");
        r.per_website = scope == "website";
        r.material_zh = get_value<std::string>(j, "material_zh", w);
        r.material_en = get_value<std::string>(j, "material_en", w);
        if (j.contains("document")) r.document = document_type(get_value<std::string>(j, "document", w), w);
        r.when = conditions(j, w);
        if (!r.per_website && (r.when.website_owner_not_legal_rep || r.when.website_name_unrelated))
          throw std::runtime_error(w + ": website conditions need scope 'website'");
      });
  auto acceptance = [](const nlohmann::json& j, const std::string& w, ProvinceAcceptance& r) {
    r.accepted = get_value<bool>(j, "accepted", w);
  };
  t.out_of_province_ids = section<ProvinceAcceptance>(doc, "out_of_province_ids", {"accepted"}, acceptance);
  t.foreign_individuals = section<ProvinceAcceptance>(doc, "foreign_individuals", {"accepted"}, acceptance);
  t.limits = section<ProvinceLimit>(
      doc, "limits", {"when", "max_websites", "max_domains", "max_domains_per_website"},
      [](const nlohmann::json& j, const std::string& w, ProvinceLimit& r) {
        r.when = conditions(j, w);
        if (j.contains("max_websites")) r.max_websites = get_value<int>(j, "max_websites", w);
        if (j.contains("max_domains")) r.max_domains = get_value<int>(j, "max_domains", w);
        if (j.contains("max_domains_per_website")) r.max_domains_per_website = get_value<int>(j, "max_domains_per_website", w);
        if (r.max_websites <= 0 && r.max_domains <= 0 && r.max_domains_per_website <= 0)
          throw std::runtime_error(w + ": a limit row needs max_websites, max_domains or max_domains_per_website");
      });
  t.service_content = section<ProvinceServiceContent>(
      doc, "service_content", {"subject_kind", "allowed", "forbidden"},
      [](const nlohmann::json& j, const std::string& w, ProvinceServiceContent& r) {
        r.subject_kind = subject_kind(get_value<std::string>(j, "subject_kind", w), w);
        r.allowed = get_value<std::vector<std::string>>(j, "allowed", w);
        r.forbidden = get_value<std::vector<std::string>>(j, "forbidden", w);
      });
  t.domain_suffixes = section<ProvinceDomainSuffix>(
      doc, "domain_suffixes", {"when", "allowed", "forbidden"},
      [](const nlohmann::json& j, const std::string& w, ProvinceDomainSuffix& r) {
        r.when = conditions(j, w);
        r.allowed = get_value<std::vector<std::string>>(j, "allowed", w);
        r.forbidden = get_value<std::vector<std::string>>(j, "forbidden", w);
      });
  t.name_must_relate_to_unit = section<ProvinceRow>(doc, "name_must_relate_to_unit", {}, no_fill);
  t.same_city_addresses = section<ProvinceRow>(doc, "same_city_addresses", {}, no_fill);
  t.remarks_statements = section<ProvinceRemark>(doc, "remarks_statements", {"when", "text"},
                                                 [](const nlohmann::json& j, const std::string& w, ProvinceRemark& r) {
                                                   r.when = conditions(j, w);
                                                   r.text = get_value<std::string>(j, "text", w);
                                                 });
  t.subject_owner_may_differ = section<ProvinceOwnerMayDiffer>(
      doc, "subject_owner_may_differ", {"must_equal_website_owner"},
      [](const nlohmann::json& j, const std::string& w, ProvinceOwnerMayDiffer& r) {
        r.must_equal_website_owner = get_value<bool>(j, "must_equal_website_owner", w);
      });
  t.unique_website_names = section<ProvinceRow>(doc, "unique_website_names", {}, no_fill);
  t.reminders = section<ProvinceReminder>(doc, "reminders", {"when", "text_zh", "text_en"},
                                          [](const nlohmann::json& j, const std::string& w, ProvinceReminder& r) {
                                            r.when = conditions(j, w);
                                            r.text_zh = get_value<std::string>(j, "text_zh", w);
                                            r.text_en = get_value<std::string>(j, "text_en", w);
                                          });
  return t;
}

}  // namespace beian::rules
