// `beian render KIND --order order.json [--website N] --out FILE.pdf`: renders one document
// of an order (or, with KIND "all", every document the order needs into the folder OUT).
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "beian/json.h"
#include "beian/order.h"
#include "beian/render/documents.h"
#include "pipeline/base/atomic_file.h"
#include "pipeline/cli/command.h"

namespace beian::cli {
namespace {

struct RenderArgs {
  std::string kind;
  std::string order;
  int website = 0;
  std::string out;
  bool json = false;
};

bool has_code(const render::RenderedDocument& d, std::string_view code) {
  for (const auto& f : d.findings)
    if (f.code == code) return true;
  return false;
}

int run(const RenderArgs& args) {
  const ParsedOrder parsed = load_order_manifest(args.order);
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) std::cerr << "beian render: " << e.to_string() << "\n";
    return kExitUsage;
  }
  auto created = render::DocumentRenderer::create();
  if (!created.value) {
    std::cerr << "beian render: " << created.error << "\n";
    return kExitFailed;
  }
  const auto& renderer = *created.value;
  const render::RenderInput input{nlohmann::json(parsed.order), {}};
  const int websites = static_cast<int>(parsed.order.websites.size());

  std::vector<render::DocumentRequest> requests;
  if (args.kind == "all") {
    requests = renderer.documents_for(input.order);
  } else {
    const auto kinds = renderer.kinds();
    if (std::find(kinds.begin(), kinds.end(), args.kind) == kinds.end()) {
      std::cerr << "beian render: unknown document kind '" << args.kind << "' (known: all";
      for (const auto& k : kinds) std::cerr << ", " << k;
      std::cerr << ")\n";
      return kExitUsage;
    }
    int website = args.website;
    if (renderer.per_website(args.kind) && website == 0) {
      if (websites != 1) {
        std::cerr << "beian render: " << args.kind << " is rendered per website: give --website N (the order has "
                  << websites << " websites)\n";
        return kExitUsage;
      }
      website = 1;
    }
    requests.push_back({args.kind, website});
  }

  int rc = kExitOk;
  nlohmann::json summary = nlohmann::json::array();
  for (const auto& request : requests) {
    const auto doc = renderer.render(input, request);
    if (has_code(doc, "RENDER_WEBSITE_INVALID") || has_code(doc, "RENDER_DOCUMENT_UNKNOWN")) rc = std::max(rc, kExitUsage);
    std::filesystem::path target =
        args.kind == "all" ? std::filesystem::path(args.out) / doc.file_name : std::filesystem::path(args.out);
    if (doc.pdf.empty()) {
      rc = std::max(rc, has_code(doc, "RENDER_FAILED") ? kExitFailed : kExitUsage);
      target.clear();
    } else {
      try {
        write_file_atomic(target, doc.pdf);
      } catch (const std::exception& e) {
        std::cerr << "beian render: " << e.what() << "\n";
        return kExitFailed;
      }
    }
    if (args.json) {
      summary.push_back({{"kind", doc.kind}, {"website", doc.website}, {"file", target.string()},
                         {"bytes", doc.pdf.size()}, {"pages", doc.pages}, {"qr", doc.qr_text},
                         {"ms", doc.ms}, {"findings", doc.findings}});
      continue;
    }
    if (!target.empty())
      std::cout << target.string() << ": " << doc.pages << " page(s), " << doc.pdf.size() << " bytes\n";
    for (const auto& f : doc.findings)
      std::cerr << "  " << to_string(f.severity) << " " << f.code << (f.field.empty() ? "" : " [" + f.field + "]")
                << ": " << f.message_en << "\n";
  }
  if (args.json) std::cout << summary.dump(2) << "\n";
  return rc;
}

std::function<int()> setup(CLI::App& app, const GlobalOptions&) {
  auto args = std::make_shared<RenderArgs>();
  auto* cmd = app.add_subcommand(
      "render",
      "Render a document of an order as PDF: verification_sheet (per website), commitment_letter,\n"
      "authorisation_letter (per website), or 'all' (every document the order needs, into the folder --out).\n"
      "The QR code is signed with BEIAN_QR_SECRET (or the file named by BEIAN_QR_SECRET_FILE).\n"
      "Exit: 0 written (whatever its findings), 1 rendering failed, 2 usage error or invalid order.json.");
  cmd->add_option("KIND", args->kind, "Document kind, or 'all'")->required();
  cmd->add_option("--order", args->order, "The order manifest (order.json)")->required();
  cmd->add_option("--website", args->website, "1-based website number for per-website documents "
                                               "(default: the only website)")->check(CLI::Range(1, 999));
  cmd->add_option("-o,--out", args->out, "Output PDF file (a folder for 'all')")->required();
  cmd->add_flag("--json", args->json, "Print what was written, with findings, as JSON");
  return [args] { return run(*args); };
}

BEIAN_REGISTER_COMMAND(40, setup);

}  // namespace
}  // namespace beian::cli
