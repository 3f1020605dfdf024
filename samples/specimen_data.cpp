#include "samples/specimen_data.h"

#include <stdexcept>

#include "pipeline/base/data_file.h"

namespace beian::samples {
namespace {

constexpr const char* kFile = "data/names.json";

std::vector<std::pair<std::string, std::string>> pairs(const nlohmann::json& doc, const std::string& key) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : doc.at(key)) {
    if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_string()) {
      throw std::runtime_error(std::string(kFile) + ": " + key + " entries must be [汉字, PINYIN]");
    }
    out.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
  }
  if (out.empty()) throw std::runtime_error(std::string(kFile) + ": " + key + " is empty");
  return out;
}

std::vector<std::string> strings(const nlohmann::json& doc, const std::string& key) {
  auto out = get_value<std::vector<std::string>>(doc, key, kFile);
  if (out.empty()) throw std::runtime_error(std::string(kFile) + ": " + key + " is empty");
  return out;
}

SpecimenData load() {
  const auto doc = load_data_file(kFile);
  check_keys(doc,
             {"coverage", "surnames", "given_male", "given_female", "streets", "buildings", "communities",
              "unit_cores", "industries", "company_types", "institution_names", "institution_scopes",
              "society_names", "society_scopes", "sponsors", "email_domains", "unit_website_words", "personal_website_words", "domain_suffixes"},
             {"surnames", "given_male", "given_female", "streets", "buildings", "communities", "unit_cores",
              "industries", "company_types", "institution_names", "institution_scopes", "society_names",
              "society_scopes", "sponsors", "email_domains", "unit_website_words", "personal_website_words", "domain_suffixes"},
             kFile);
  SpecimenData d;
  d.surnames = pairs(doc, "surnames");
  d.given_male = pairs(doc, "given_male");
  d.given_female = pairs(doc, "given_female");
  d.streets = strings(doc, "streets");
  d.buildings = strings(doc, "buildings");
  d.communities = strings(doc, "communities");
  d.unit_cores = strings(doc, "unit_cores");
  for (const auto& i : doc.at("industries")) {
    check_keys(i, {"word", "scope"}, {"word", "scope"}, std::string(kFile) + ": industries");
    d.industries.push_back({i.at("word").get<std::string>(), i.at("scope").get<std::string>()});
  }
  d.company_types = strings(doc, "company_types");
  d.institution_names = strings(doc, "institution_names");
  d.institution_scopes = strings(doc, "institution_scopes");
  d.society_names = strings(doc, "society_names");
  d.society_scopes = strings(doc, "society_scopes");
  d.sponsors = strings(doc, "sponsors");
  d.email_domains = strings(doc, "email_domains");
  d.unit_website_words = strings(doc, "unit_website_words");
  d.personal_website_words = strings(doc, "personal_website_words");
  d.domain_suffixes = strings(doc, "domain_suffixes");
  return d;
}

}  // namespace

const SpecimenData& specimen_data() {
  static const SpecimenData data = load();
  return data;
}

}  // namespace beian::samples
