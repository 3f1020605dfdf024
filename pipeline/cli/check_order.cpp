// `beian check-order DIR|order.json [--json] [--lang zh|en]`: the pre-review rules alone on
// a manifest (no OCR): what the order says, its declared uploads, the tables.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "beian/json.h"
#include "beian/report.h"
#include "pipeline/base/messages.h"
#include "pipeline/cli/command.h"
#include "pipeline/rules/rule_tables.h"
#include "pipeline/rules/rules.h"

namespace beian::cli {
namespace {

struct CheckOrderArgs {
  std::string path;
  bool json = false;
  std::string lang = "en";
};

// The uploads the rules see: the manifest's list, or (without one) every file of the folder,
// undeclared, since every file then belongs to the order.
std::vector<rules::DocumentFacts> documents_of(const Order& order, const std::filesystem::path& folder) {
  if (!order.uploads.empty() || folder.empty()) return rules::facts_from_manifest(order);
  std::vector<rules::DocumentFacts> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().filename() != "order.json")
      out.push_back({it->path().filename().string(), std::nullopt, "", 0, std::nullopt});
  return out;
}

int run(const CheckOrderArgs& args) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool is_dir = fs::is_directory(args.path, ec);
  const fs::path manifest = is_dir ? fs::path(args.path) / "order.json" : fs::path(args.path);
  if (!fs::exists(manifest, ec)) {
    std::cerr << "beian check-order: " << manifest.string() << ": no such manifest\n";
    return kExitUsage;
  }
  ParsedOrder parsed = load_order_manifest(manifest.string());
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) std::cerr << e.to_string() << "\n";
    if (args.json) {
      nlohmann::json j = {{"manifest", manifest.string()}, {"valid", false}, {"errors", nlohmann::json::array()}};
      for (const auto& e : parsed.errors) j["errors"].push_back({{"path", e.json_path}, {"message", e.message}});
      std::cout << j.dump(2) << "\n";
    }
    return kExitUsage;
  }
  const Order& order = parsed.order;
  std::vector<Finding> findings;
  try {
    load_message_catalogue();
    const auto tables = rules::RuleTables::current();
    const Date today = order.filing_date.valid() ? order.filing_date : Date::today();
    findings = rules::check_order(order, documents_of(order, is_dir ? fs::path(args.path) : fs::path()), today, *tables);
  } catch (const std::exception& e) {
    std::cerr << "beian check-order: " << e.what() << "\n";
    return kExitFailed;
  }
  const Verdict verdict = verdict_for(findings);
  if (args.json) {
    nlohmann::json j = {{"manifest", manifest.string()}, {"valid", true}, {"order_id", order.order_id},
                        {"verdict", std::string(to_string(verdict))}, {"findings", findings}};
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  int counts[3] = {0, 0, 0};
  for (const auto& f : findings) ++counts[static_cast<int>(f.severity)];
  std::printf("%s: %s — %d error(s), %d warning(s), %d note(s)\n", order.order_id.c_str(), std::string(to_string(verdict)).c_str(),
              counts[2], counts[1], counts[0]);
  for (const auto& f : findings) {
    const std::string where = f.field.empty() ? f.file : f.file + " " + f.field;
    std::printf("  %-7s %-36s %s\n          %s\n", std::string(to_string(f.severity)).c_str(), f.code.c_str(), where.c_str(),
                (args.lang == "zh" ? f.message_zh : f.message_en).c_str());
  }
  return kExitOk;
}

std::function<int()> setup(CLI::App& app, const GlobalOptions&) {
  auto args = std::make_shared<CheckOrderArgs>();
  auto* cmd = app.add_subcommand("check-order",
                                 "Run the pre-review rules alone on an order manifest (no OCR): filing type, limits,\n"
                                 "website names, domains, cloud resources, ICP numbers, materials and province rules.\n"
                                 "Validity is judged on the manifest's filing_date (default: today, China time).\n"
                                 "Exit: 0 checked (whatever the findings; see the verdict), 1 rule tables unusable,\n"
                                 "2 usage error or an invalid manifest.");
  cmd->add_option("PATH", args->path, "Upload folder holding order.json, or the manifest file itself")->required();
  cmd->add_flag("--json", args->json, "Print {verdict, findings} as JSON on standard output");
  cmd->add_option("--lang", args->lang, "Language of the messages in the table output: zh or en (default en)")
      ->check(CLI::IsMember({"zh", "en"}));
  return [args] { return run(*args); };
}

BEIAN_REGISTER_COMMAND(50, setup);

}  // namespace
}  // namespace beian::cli
