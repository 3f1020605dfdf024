#include "samples/identity.h"

#include <map>

#include "ocr/validators/credit_code.h"
#include "ocr/validators/id_number.h"
#include "ocr/validators/regions.h"
#include "pipeline/base/text.h"
#include "samples/specimen_data.h"

namespace beian::samples {
namespace {

using validators::RegionTable;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string drop_suffix(std::string s, std::string_view suffix) {
  if (ends_with(s, suffix)) s.resize(s.size() - suffix.size());
  return s;
}

// The city part of names and authorities: the prefecture ("广州市"), or the municipality
// ("北京市") when the prefecture is a 市辖区.
std::string city_of(const validators::Region& r) { return r.prefecture.empty() ? r.province : r.prefecture; }

// "人民币伍拾万元整" for 50 (万元).
std::string capital_text(int wan) {
  static const std::map<int, std::string> kUpper = {{10, "壹拾"}, {30, "叁拾"}, {50, "伍拾"}, {100, "壹佰"},
                                                    {200, "贰佰"}, {300, "叁佰"}, {500, "伍佰"}, {1000, "壹仟"}};
  return "人民币" + kUpper.at(wan) + "万元整";
}

}  // namespace

std::string id_issuing_authority(const std::string& region) {
  const auto r = RegionTable::get().lookup(region);
  const std::string name = r ? validators::id_issuing_authority(*r) : "";
  return name.empty() ? "公安局" : name;
}

Date IdentityFactory::random_date(const Date& from, const Date& to) {
  const long a = from.days_since_epoch(), b = to.days_since_epoch();
  if (b <= a) return from;
  return Date::from_days_since_epoch(a + rng_.below(static_cast<int>(b - a + 1)));
}

std::string IdentityFactory::digits(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng_.below(10));
  return s;
}

Person IdentityFactory::person() {
  const SpecimenData& d = specimen_data();
  const auto& table = RegionTable::get();
  Person p;
  p.male = rng_.chance(0.5);
  const auto& surname = pick(d.surnames);
  const auto& given_pool = p.male ? d.given_male : d.given_female;
  std::string given = pick(given_pool).first, given_py = "";
  for (const auto& [zh, py] : given_pool) {
    if (zh == given) given_py = py;
  }
  if (rng_.chance(0.7)) {  // two-character given names are the most common
    const auto& second = pick(given_pool);
    given += second.first;
    given_py += second.second;
  }
  p.name = surname.first + given;
  p.surname_pinyin = surname.second;
  p.given_pinyin = given_py;
  p.ethnicity = rng_.chance(0.85) ? "汉" : pick(validators::ethnicities());
  p.birth = random_date(reference_.add_years(-70), reference_.add_years(-18).add_days(-1));
  p.region = pick(table.county_codes());
  const auto region = table.lookup(p.region);
  p.address = region->full_name() + pick(d.streets) + std::to_string(1 + rng_.below(399)) + "号" +
              pick(d.communities) + std::to_string(1 + rng_.below(30)) + "栋" + std::to_string(1 + rng_.below(6)) +
              "单元" + std::to_string(101 + rng_.below(25) * 100 + rng_.below(4)) + "室";
  const int sequence = rng_.below(500) * 2 + (p.male ? 1 : 0);
  p.id_number = validators::make_id_number(p.region, p.birth, sequence);
  p.issuing_authority = id_issuing_authority(p.region);

  // An issue date from which the age-rule period still covers the reference day.
  const Date earliest = std::max(p.birth.add_years(16), reference_.add_years(-19));
  for (int attempt = 0; attempt < 64; ++attempt) {
    const Date from = random_date(earliest, reference_.add_days(-30));
    const auto rule = validators::expected_id_validity(p.birth, from);
    const auto until = rule.valid_until(from);
    if (!until || *until > reference_.add_days(60)) {
      p.id_valid_from = from;
      p.id_valid_until = until;
      break;
    }
  }
  if (!p.id_valid_from.valid()) {  // fallback: a card issued two months ago
    p.id_valid_from = reference_.add_days(-60);
    p.id_valid_until = validators::expected_id_validity(p.birth, p.id_valid_from).valid_until(p.id_valid_from);
  }
  static constexpr const char* kMobile[] = {"138", "139", "150", "151", "186", "188", "135", "177"};
  p.phone = std::string(kMobile[rng_.below(8)]) + digits(8);
  p.email = "user" + digits(5) + "@" + pick(d.email_domains);
  return p;
}

Unit IdentityFactory::unit(DocumentType certificate, const std::string& legal_representative) {
  const SpecimenData& d = specimen_data();
  const auto& table = RegionTable::get();
  Unit u;
  u.certificate = certificate;
  u.legal_representative = legal_representative;
  u.region = pick(table.county_codes());
  const auto region = *table.lookup(u.region);
  const std::string city = city_of(region);
  const std::string city_short = drop_suffix(city, "市");
  const std::string core = pick(d.unit_cores);
  auto fill = [&](std::string pattern) {
    for (auto [key, value] : {std::pair<std::string, std::string>{"{city}", city}, {"{core}", core}}) {
      for (size_t at; (at = pattern.find(key)) != std::string::npos;) pattern.replace(at, key.size(), value);
    }
    return pattern;
  };
  u.address = region.full_name() + pick(d.streets) + std::to_string(1 + rng_.below(299)) + "号" + pick(d.buildings) +
              std::to_string(2 + rng_.below(28)) + "层" + std::to_string(1 + rng_.below(20)) + "0" +
              std::to_string(1 + rng_.below(9)) + "室";
  u.established = random_date(reference_.add_years(-20), reference_.add_days(-40));
  u.issue_date = random_date(u.established, reference_.add_days(-20));
  u.term_from = u.established;
  // A fresh organisation code (new style "MA" + 6 for companies, 8 digits for the others),
  // drawn from the credit-code alphabet so it is valid inside a credit code.
  std::string org8;
  const int wan[] = {10, 30, 50, 100, 200, 300, 500, 1000};
  if (certificate == DocumentType::kBusinessLicence) {
    org8 = "MA";
    for (int i = 0; i < 6; ++i) org8 += validators::kUsccAlphabet[rng_.below(30)];  // no 'Y'
    const Industry& industry = pick(d.industries);
    u.nature = "企业";
    u.certificate_type = "营业执照";
    u.name = city_short + core + industry.word + "有限公司";
    u.type = pick(d.company_types);
    u.scope = industry.scope;
    u.capital = capital_text(wan[rng_.below(8)]);
    u.registration_authority = city + (region.prefecture.empty() ? region.county : "") + "市场监督管理局";
    u.credit_code = validators::make_uscc('9', '1', u.region, org8);
    if (rng_.chance(0.3)) u.term_until = u.term_from.add_years(rng_.chance(0.5) ? 20 : 30).add_days(-1);
  } else {
    org8 = digits(8);
    const bool institution = certificate == DocumentType::kPublicInstitution;
    u.nature = institution ? "事业单位" : "社会团体";
    u.certificate_type = institution ? "事业单位法人证书" : "社会团体法人登记证书";
    u.name = fill(pick(institution ? d.institution_names : d.society_names));
    u.scope = pick(institution ? d.institution_scopes : d.society_scopes);
    u.sponsor = fill(pick(d.sponsors));
    u.capital = std::string(capital_text(wan[rng_.below(4)])).substr(std::string("人民币").size());
    u.registration_authority = institution ? city + "事业单位登记管理局" : city + "民政局";
    u.credit_code = validators::make_uscc(institution ? '1' : '5', institution ? '2' : '1', u.region, org8);
    // These certificates are valid for five years from issue.
    u.term_from = random_date(reference_.add_years(-4), reference_.add_days(-30));
    u.issue_date = u.term_from;
    u.term_until = u.term_from.add_years(5).add_days(-1);
  }
  return u;
}

TravelDocument IdentityFactory::travel_document(const Person& p, DocumentType type) {
  TravelDocument t;
  t.type = type;
  const auto province = RegionTable::get().province(p.region);
  t.issue_place = province ? province->short_name : "北京";
  t.issue = random_date(reference_.add_years(-4), reference_.add_days(-30));
  switch (type) {
    case DocumentType::kPassport:
      t.number = "E" + digits(8);
      t.expiry = t.issue.add_years(10).add_days(-1);
      t.issuing_authority = "中华人民共和国国家移民管理局";
      break;
    case DocumentType::kMainlandTravelPermit:
      t.number = "C" + digits(8);
      t.expiry = t.issue.add_years(10).add_days(-1);
      t.issuing_authority = "公安部出入境管理局";
      break;
    case DocumentType::kHkMacauHomeReturnPermit:
      t.number = std::string(rng_.chance(0.7) ? "H" : "M") + digits(8);
      t.expiry = t.issue.add_years(10).add_days(-1);
      t.issuing_authority = "公安部出入境管理局";
      break;
    default:  // 台湾居民来往大陆通行证
      t.type = DocumentType::kTaiwanCompatriotPermit;
      t.number = digits(8);
      t.expiry = t.issue.add_years(5).add_days(-1);
      t.issuing_authority = "公安部出入境管理局";
      break;
  }
  return t;
}

}  // namespace beian::samples
