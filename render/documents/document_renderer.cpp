#include <chrono>
#include <map>
#include <set>
#include <stdexcept>

#include "beian/date.h"
#include "beian/render/documents.h"
#include "beian/render/qr_payload.h"
#include "beian/version.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"
#include "render/documents/binder.h"
#include "pipeline/base/data_file.h"
#include "render/documents/variants.h"
#include "render/layout/flow_layout.h"
#include "render/pdf/pdf_writer.h"
#include "render/qr/qr_code.h"

namespace beian::render {
namespace {

// Used only when no secret is configured; every document then says so (RENDER_QR_DEV_SECRET).
constexpr const char* kDevelopmentSecret = "beian-development-secret-do-not-use-in-production";

struct DocumentSetting {
  std::string kind;
  std::string template_file;
  bool per_website = false;
  std::optional<Condition> when;
};

struct Settings {
  std::filesystem::path font_path;
  unsigned font_index = 0;
  std::string creator;
  std::string qr_ecc = "M";
  bool pretick_verified = false;
  BindSettings bind;
  std::vector<DocumentSetting> documents;
};

Settings parse_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"font", "creator", "qr_ecc", "pretick_verified", "missing_blank_width", "replacement", "documents"},
             {"font", "documents"}, where);
  Settings s;
  check_keys(j["font"], {"path", "index"}, {"path"}, where + ".font");
  s.font_path = j["font"]["path"].get<std::string>();
  if (s.font_path.is_relative()) s.font_path = data_path("documents") / s.font_path;
  s.font_index = j["font"].value("index", 0u);
  s.creator = j.value("creator", std::string("beian"));
  s.qr_ecc = j.value("qr_ecc", std::string("M"));
  s.pretick_verified = j.value("pretick_verified", false);
  s.bind.missing_blank_width = j.value("missing_blank_width", 28.0);
  if (j.contains("replacement")) {
    const auto r = utf8_to_u32(j["replacement"].get<std::string>());
    if (r.size() != 1) throw std::runtime_error(where + ": 'replacement' must be one character");
    s.bind.replacement = r[0];
  }
  for (size_t i = 0; i < j["documents"].size(); ++i) {
    const auto& d = j["documents"][i];
    const std::string at = where + ".documents[" + std::to_string(i) + "]";
    check_keys(d, {"kind", "template", "per", "when"}, {"kind", "template", "per"}, at);
    DocumentSetting ds;
    ds.kind = d["kind"].get<std::string>();
    ds.template_file = d["template"].get<std::string>();
    const std::string per = d["per"].get<std::string>();
    if (per != "website" && per != "order") throw std::runtime_error(at + ": 'per' must be website or order");
    ds.per_website = per == "website";
    if (d.contains("when")) ds.when = parse_condition(d["when"], at + ".when");
    s.documents.push_back(std::move(ds));
  }
  return s;
}

PdfInfo info_now(const DocumentTemplate& t, const std::string& creator, const std::string& order_id) {
  using namespace std::chrono;
  const auto cst = system_clock::now() + hours(8);  // China Standard Time
  const long secs = duration_cast<seconds>(cst.time_since_epoch()).count();
  const Date d = Date::from_days_since_epoch(secs / 86400);
  PdfInfo info;
  info.title = t.title;
  info.subject = t.subject.empty() ? t.title : t.subject;
  info.creator = creator + " " + BEIAN_VERSION_STRING;
  info.author = creator;
  info.keywords = order_id + " " + t.kind;
  info.year = d.year, info.month = d.month, info.day = d.day;
  info.hour = static_cast<int>(secs % 86400 / 3600), info.minute = static_cast<int>(secs % 3600 / 60);
  info.second = static_cast<int>(secs % 60);
  return info;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

void draw(PdfWriter& pdf, const LaidOutPage& page, const PageSetup& setup) {
  for (const auto& op : page.ops) {
    switch (op.kind) {
      case DrawOp::Kind::kText: pdf.text(op.x, op.y, op.size, u32_to_utf8(op.text), op.bold); break;
      case DrawOp::Kind::kRule: pdf.line(op.x, op.y, op.x + op.w, op.y + op.h, setup.rule_width); break;
      case DrawOp::Kind::kRect: pdf.rect({op.x, op.y, op.w, op.h}, setup.rule_width); break;
      case DrawOp::Kind::kFill: pdf.fill_rect({op.x, op.y, op.w, op.h}, op.gray); break;
      case DrawOp::Kind::kBox: pdf.checkbox(op.x, op.y, op.w, op.ticked); break;
      case DrawOp::Kind::kBlank:
        if (op.dashed) pdf.dashed_line(op.x, op.x + op.w, op.y, 0.7);
        else pdf.line(op.x, op.y, op.x + op.w, op.y, 0.5);
        break;
    }
  }
}

}  // namespace

struct DocumentRenderer::Impl {
  Settings settings;
  std::shared_ptr<const FontFace> font;
  FieldCatalog catalog;
  std::map<std::string, DocumentTemplate> templates;
  std::vector<Variant> variants;
  std::optional<QrSigner> signer;
  bool development_secret = false;
  bool pretick = false;

  const DocumentSetting* setting(const std::string& kind) const {
    for (const auto& d : settings.documents)
      if (d.kind == kind) return &d;
    return nullptr;
  }
  void render_into(const RenderInput& input, const DocumentRequest& request, RenderedDocument& doc) const;
};

DocumentRenderer::DocumentRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DocumentRenderer::~DocumentRenderer() = default;

DocumentRenderer::Created DocumentRenderer::create(const RenderOptions& options) {
  auto impl = std::make_unique<Impl>();
  try {
    const auto dir = data_path("documents");
    impl->settings = parse_settings(load_strict_json(dir / "render.json"), (dir / "render.json").string());
    impl->catalog = parse_field_catalog(load_strict_json(dir / "fields.json"), (dir / "fields.json").string());
    for (const auto& d : impl->settings.documents) {
      const auto file = dir / d.template_file;
      auto t = parse_template(load_strict_json(file), file.string());
      if (t.kind != d.kind) throw std::runtime_error(file.string() + ": kind '" + t.kind + "' but render.json lists it as '" + d.kind + "'");
      if (!impl->templates.emplace(d.kind, std::move(t)).second)
        throw std::runtime_error((dir / "render.json").string() + ": document '" + d.kind + "' is listed twice");
    }
    if (std::filesystem::exists(dir / "variants.json"))
      impl->variants = parse_variants(load_strict_json(dir / "variants.json"), (dir / "variants.json").string(), impl->templates);
    impl->font = FontFace::load(impl->settings.font_path, impl->settings.font_index);
    encode_qr("BEIAN1", impl->settings.qr_ecc);  // validates the level early
  } catch (const std::exception& e) {
    return {nullptr, e.what()};
  }
  std::optional<std::string> secret = options.qr_secret ? options.qr_secret : qr_secret_from_environment();
  if (!secret) {
    secret = kDevelopmentSecret;
    impl->development_secret = true;
    log().warn("no QR secret configured (BEIAN_QR_SECRET / BEIAN_QR_SECRET_FILE): documents are signed with the "
               "built-in development secret and their QR codes can be forged");
  }
  std::string error;
  impl->signer = QrSigner::create(*secret, &error);
  if (!impl->signer) return {nullptr, error};
  impl->pretick = options.pretick_verified.value_or(impl->settings.pretick_verified);
  return {std::unique_ptr<DocumentRenderer>(new DocumentRenderer(std::move(impl))), {}};
}

std::vector<std::string> DocumentRenderer::kinds() const {
  std::vector<std::string> out;
  for (const auto& d : impl_->settings.documents) out.push_back(d.kind);
  return out;
}

bool DocumentRenderer::per_website(const std::string& kind) const {
  const auto* s = impl_->setting(kind);
  return s && s->per_website;
}

std::vector<DocumentRequest> DocumentRenderer::documents_for(const nlohmann::json& order) const {
  std::vector<DocumentRequest> out;
  const OrderView view(order, 0, impl_->catalog, nullptr, false);
  for (const auto& d : impl_->settings.documents) {
    if (!d.per_website) {
      if (!d.when || view.holds(*d.when)) out.push_back({d.kind, 0});
      continue;
    }
    for (int w = 1; w <= view.website_count(); ++w)
      if (!d.when || view.with_website(w).holds(*d.when)) out.push_back({d.kind, w});
  }
  return out;
}

RenderedDocument DocumentRenderer::render(const RenderInput& input, const DocumentRequest& request) const {
  const auto start = std::chrono::steady_clock::now();
  RenderedDocument doc;
  doc.kind = request.kind;
  doc.website = request.website;
  doc.file_name = request.kind + (request.website > 0 ? "-" + std::to_string(request.website) : "") + ".pdf";
  try {
    impl_->render_into(input, request, doc);
  } catch (const std::exception& e) {
    log().error("rendering {} failed: {}", doc.file_name, e.what());
    doc.pdf.clear();
    doc.findings.push_back(make_finding("RENDER_FAILED", {{"document", doc.file_name}, {"reason", e.what()}}, doc.file_name));
  }
  doc.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return doc;
}

void DocumentRenderer::Impl::render_into(const RenderInput& input, const DocumentRequest& request,
                                         RenderedDocument& doc) const {
  const DocumentSetting* ds = setting(request.kind);
  if (!ds) {
    doc.findings.push_back(make_finding("RENDER_DOCUMENT_UNKNOWN", {{"kind", request.kind}}));
    return;
  }
  const OrderView order_view(input.order, 0, catalog, &input.verified, pretick);
  const int websites = order_view.website_count();
  if (ds->per_website ? (request.website < 1 || request.website > websites) : request.website != 0) {
    doc.findings.push_back(make_finding(
        "RENDER_WEBSITE_INVALID",
        {{"kind", request.kind}, {"website", std::to_string(request.website)}, {"websites", std::to_string(websites)}}));
    return;
  }
  const OrderView view = order_view.with_website(request.website);
  const DocumentTemplate t = with_variants(templates.at(request.kind), variants, view);
  const std::string label = t.title + (request.website ? "（网站 " + std::to_string(request.website) + "）" : "");
  Binder binder(*font, settings.bind, label);
  const auto blocks = binder.bind(t.blocks, view);
  const auto pages = layout_document(blocks, t.page, *font);

  // Headers, footers and QR, now that the page count is known.
  const std::u32string continued = t.continued_title.empty() ? U"" : binder.bind_line(t.continued_title, view);
  std::vector<std::u32string> footers;
  for (size_t p = 0; p < pages.size(); ++p) {
    std::string f = replace_all(replace_all(t.footer, "{pages}", std::to_string(pages.size())), "{page}", std::to_string(p + 1));
    footers.push_back(f.empty() ? U"" : binder.bind_line(f, view));
  }
  const std::string order_id = view.text("order_id");
  try {
    doc.qr_text = signer->encode({order_id, request.kind, request.website});
  } catch (const std::invalid_argument& e) {
    doc.findings.push_back(make_finding("RENDER_QR_UNAVAILABLE", {{"document", label}, {"reason", e.what()}}, doc.file_name));
  }
  if (development_secret) doc.findings.push_back(make_finding("RENDER_QR_DEV_SECRET", {{"document", label}}, doc.file_name));

  std::set<char32_t> used(continued.begin(), continued.end());
  for (const auto& f : footers) used.insert(f.begin(), f.end());
  for (const auto& page : pages)
    for (const auto& op : page.ops) used.insert(op.text.begin(), op.text.end());
  PdfWriter pdf(*font, std::vector<char32_t>(used.begin(), used.end()));
  pdf.set_info(info_now(t, settings.creator, order_id));
  const PageSetup& s = t.page;
  const QrModules qr = doc.qr_text.empty() ? QrModules{} : encode_qr(doc.qr_text, settings.qr_ecc);
  for (size_t p = 0; p < pages.size(); ++p) {
    pdf.add_page(s.width, s.height);
    draw(pdf, pages[p], s);
    if (p > 0 && !continued.empty()) {
      const double w = font->text_width(continued, s.size) * kMmPerPt;
      pdf.text((s.width - w) / 2, s.margin_top + s.continuation_top * 0.6, s.size, u32_to_utf8(continued), true);
    }
    if (!footers[p].empty()) {
      const double w = font->text_width(footers[p], t.footer_size) * kMmPerPt;
      pdf.text((s.width - w) / 2, s.height - s.margin_bottom / 2 + 1.0, t.footer_size, u32_to_utf8(footers[p]));
    }
    if (qr.size > 0) pdf.fill_rects(qr_rects(qr, s.width - t.qr.right - t.qr.side, t.qr.top, t.qr.side));
  }
  doc.pdf = pdf.save();
  doc.pages = static_cast<int>(pages.size());
  doc.font_subset_bytes = pdf.font_subset_bytes();
  doc.filled_values = binder.filled_values();
  auto findings = binder.take_findings();
  for (auto& f : findings) f.file = doc.file_name;
  doc.findings.insert(doc.findings.begin(), findings.begin(), findings.end());
}

}  // namespace beian::render
