// The material specimen identities are drawn from (templates/data/names.json), loaded once.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace beian::samples {

struct Industry {
  std::string word;   // "网络科技"
  std::string scope;  // 经营范围 text
};

struct SpecimenData {
  std::vector<std::pair<std::string, std::string>> surnames;      // 汉字, PINYIN
  std::vector<std::pair<std::string, std::string>> given_male;
  std::vector<std::pair<std::string, std::string>> given_female;
  std::vector<std::string> streets, buildings, communities, unit_cores;
  std::vector<Industry> industries;
  std::vector<std::string> company_types;
  std::vector<std::string> institution_names, institution_scopes;   // names contain {city} {core}
  std::vector<std::string> society_names, society_scopes;
  std::vector<std::string> sponsors;
  std::vector<std::string> email_domains, unit_website_words, personal_website_words, domain_suffixes;
};

// templates/data/names.json. Throws std::runtime_error naming the file and key when malformed.
const SpecimenData& specimen_data();

}  // namespace beian::samples
