#include "render/pdf/pdf_writer.h"

#include "render/pdf/unicode_map.h"

#include <hpdf.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace beian::render {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

double pt(double mm) { return mm * kPointsPerMm; }

std::string hex4(unsigned v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04X", v);
  return buf;
}

}  // namespace

struct PdfWriter::Impl {
  HPDF_Doc doc = nullptr;
  HPDF_Page page = nullptr;
  HPDF_Font font = nullptr;
  double page_height_mm = 0;
  std::vector<char32_t> codepoints;  // the characters the font subset holds
  unsigned error = 0;
  unsigned detail = 0;

  static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (self->error == 0) {
      self->error = static_cast<unsigned>(error_no);
      self->detail = static_cast<unsigned>(detail_no);
    }
  }

  // Throws when libharu reported an error since the last check.
  void check(const char* operation, HPDF_STATUS status = HPDF_OK) {
    if (error == 0 && status == HPDF_OK) return;
    const unsigned code = error ? error : static_cast<unsigned>(status);
    const std::string message = std::string("libharu error ") + hex4(code) + " (detail " + std::to_string(detail) +
                                ") in " + operation;
    error = detail = 0;
    if (doc) HPDF_ResetError(doc);
    throw std::runtime_error(message);
  }

  double y(double top_mm) const { return pt(page_height_mm - top_mm); }

  void require_page(const char* operation) {
    if (!page) throw std::logic_error(std::string("PdfWriter::") + operation + " before add_page");
  }
};

PdfWriter::PdfWriter(const FontFace& face, const std::vector<char32_t>& codepoints) : impl_(std::make_unique<Impl>()) {
  impl_->doc = HPDF_New(&Impl::on_error, impl_.get());
  if (!impl_->doc) throw std::runtime_error("libharu: cannot create a document");
  impl_->check("SetCompressionMode", HPDF_SetCompressionMode(impl_->doc, HPDF_COMP_ALL));
  impl_->check("UseUTFEncodings", HPDF_UseUTFEncodings(impl_->doc));

  impl_->codepoints = codepoints;
  const std::string subset = face.subset(codepoints);
  subset_bytes_ = subset.size();
  // libharu 2.3 loads TrueType only from a file. Write the subset to a private temporary
  // file; libharu keeps it open (it reads the glyphs again when saving), so it can be
  // unlinked right after loading.
  std::string tmpl = (std::filesystem::temp_directory_path() / "beian-font-XXXXXX").string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary font file in " + tmpl);
  size_t done = 0;
  while (done < subset.size()) {
    const ssize_t n = ::write(fd, subset.data() + done, subset.size() - done);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmpl.c_str());
      throw std::runtime_error("cannot write the temporary font file " + tmpl);
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  const char* name = HPDF_LoadTTFontFromFile(impl_->doc, tmpl.c_str(), HPDF_TRUE);
  ::unlink(tmpl.c_str());
  impl_->check("LoadTTFontFromFile (font subset)");
  if (!name) throw std::runtime_error("libharu did not load the font subset");
  impl_->font = HPDF_GetFont(impl_->doc, name, "UTF-8");
  impl_->check("GetFont UTF-8");
}

PdfWriter::~PdfWriter() {
  if (impl_ && impl_->doc) HPDF_Free(impl_->doc);
}

void PdfWriter::set_info(const PdfInfo& info) {
  HPDF_Doc doc = impl_->doc;
  // Info strings are written through the current encoder: UTF-8 text becomes a UTF-16 text
  // string only while the UTF-8 encoder is current.
  impl_->check("SetCurrentEncoder", HPDF_SetCurrentEncoder(doc, "UTF-8"));
  const auto set = [&](HPDF_InfoType type, const std::string& value) {
    if (!value.empty()) impl_->check("SetInfoAttr", HPDF_SetInfoAttr(doc, type, value.c_str()));
  };
  set(HPDF_INFO_TITLE, info.title);
  set(HPDF_INFO_SUBJECT, info.subject);
  set(HPDF_INFO_CREATOR, info.creator);
  set(HPDF_INFO_AUTHOR, info.author);
  set(HPDF_INFO_KEYWORDS, info.keywords);
  HPDF_Date date{};
  date.year = info.year;
  date.month = info.month;
  date.day = info.day;
  date.hour = info.hour;
  date.minutes = info.minute;
  date.seconds = info.second;
  date.ind = '+';
  date.off_hour = 8;
  date.off_minutes = 0;
  impl_->check("SetInfoDateAttr", HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date));
}

void PdfWriter::add_page(double width_mm, double height_mm) {
  impl_->page = HPDF_AddPage(impl_->doc);
  impl_->check("AddPage");
  HPDF_Page_SetWidth(impl_->page, static_cast<HPDF_REAL>(pt(width_mm)));
  HPDF_Page_SetHeight(impl_->page, static_cast<HPDF_REAL>(pt(height_mm)));
  impl_->page_height_mm = height_mm;
  impl_->check("SetPageSize");
  ++pages_;
}

void PdfWriter::text(double x, double baseline, double size_pt, std::string_view utf8, bool bold) {
  impl_->require_page("text");
  if (utf8.empty()) return;
  const std::string s(utf8);
  HPDF_Page p = impl_->page;
  if (bold) HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(size_pt * 0.035));
  HPDF_Page_BeginText(p);
  HPDF_Page_SetTextRenderingMode(p, bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
  HPDF_Page_SetFontAndSize(p, impl_->font, static_cast<HPDF_REAL>(size_pt));
  HPDF_Page_TextOut(p, static_cast<HPDF_REAL>(pt(x)), static_cast<HPDF_REAL>(impl_->y(baseline)), s.c_str());
  HPDF_Page_EndText(p);
  impl_->check("TextOut");
}

void PdfWriter::line(double x1, double y1, double x2, double y2, double width_pt) {
  impl_->require_page("line");
  HPDF_Page p = impl_->page;
  HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(width_pt));
  HPDF_Page_MoveTo(p, static_cast<HPDF_REAL>(pt(x1)), static_cast<HPDF_REAL>(impl_->y(y1)));
  HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(pt(x2)), static_cast<HPDF_REAL>(impl_->y(y2)));
  HPDF_Page_Stroke(p);
  impl_->check("line");
}

void PdfWriter::rect(const RectMm& r, double width_pt) {
  impl_->require_page("rect");
  HPDF_Page p = impl_->page;
  HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(width_pt));
  HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(pt(r.x)), static_cast<HPDF_REAL>(impl_->y(r.y + r.h)),
                      static_cast<HPDF_REAL>(pt(r.w)), static_cast<HPDF_REAL>(pt(r.h)));
  HPDF_Page_Stroke(p);
  impl_->check("rect");
}

void PdfWriter::dashed_line(double x1, double x2, double y, double width_pt) {
  impl_->require_page("dashed_line");
  HPDF_Page p = impl_->page;
  const HPDF_UINT16 pattern[] = {3, 2};
  HPDF_Page_SetDash(p, pattern, 2, 0);
  line(x1, y, x2, y, width_pt);
  HPDF_Page_SetDash(p, nullptr, 0, 0);
  impl_->check("dashed_line");
}

void PdfWriter::checkbox(double x, double y, double size, bool ticked) {
  rect({x, y, size, size}, 0.6);
  if (!ticked) return;
  // A tick as a stroked polyline inside the box (zenhei has no ✓ glyph).
  HPDF_Page p = impl_->page;
  HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(pt(size) * 0.14));
  HPDF_Page_SetLineCap(p, HPDF_ROUND_END);
  HPDF_Page_SetLineJoin(p, HPDF_ROUND_JOIN);
  HPDF_Page_MoveTo(p, static_cast<HPDF_REAL>(pt(x + size * 0.18)), static_cast<HPDF_REAL>(impl_->y(y + size * 0.52)));
  HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(pt(x + size * 0.42)), static_cast<HPDF_REAL>(impl_->y(y + size * 0.80)));
  HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(pt(x + size * 0.86)), static_cast<HPDF_REAL>(impl_->y(y + size * 0.18)));
  HPDF_Page_Stroke(p);
  HPDF_Page_SetLineCap(p, HPDF_BUTT_END);
  HPDF_Page_SetLineJoin(p, HPDF_MITER_JOIN);
  impl_->check("checkbox tick");
}

void PdfWriter::fill_rect(const RectMm& r, double gray) {
  impl_->require_page("fill_rect");
  HPDF_Page p = impl_->page;
  HPDF_Page_SetGrayFill(p, static_cast<HPDF_REAL>(gray));
  HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(pt(r.x)), static_cast<HPDF_REAL>(impl_->y(r.y + r.h)),
                      static_cast<HPDF_REAL>(pt(r.w)), static_cast<HPDF_REAL>(pt(r.h)));
  HPDF_Page_Fill(p);
  HPDF_Page_SetGrayFill(p, 0);
  impl_->check("fill_rect");
}

void PdfWriter::fill_rects(const std::vector<RectMm>& rects) {
  impl_->require_page("fill_rects");
  if (rects.empty()) return;
  HPDF_Page p = impl_->page;
  for (const auto& r : rects) {
    HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(pt(r.x)), static_cast<HPDF_REAL>(impl_->y(r.y + r.h)),
                        static_cast<HPDF_REAL>(pt(r.w)), static_cast<HPDF_REAL>(pt(r.h)));
  }
  HPDF_Page_Fill(p);
  impl_->check("fill_rects");
}

std::string PdfWriter::save() {
  HPDF_Doc doc = impl_->doc;
  impl_->check("SaveToStream", HPDF_SaveToStream(doc));
  const HPDF_UINT32 size = HPDF_GetStreamSize(doc);
  std::string bytes(size, '\0');
  HPDF_UINT32 got = size;
  impl_->check("ResetStream", HPDF_ResetStream(doc));
  impl_->check("ReadFromStream", HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &got));
  bytes.resize(got);
  return add_unicode_map(std::move(bytes), impl_->codepoints);
}

}  // namespace beian::render
