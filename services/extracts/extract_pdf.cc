#include "services/extracts/extract_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <qrencode.h>
#include <sodium.h>

#include <map>
#include <memory>
#include <vector>

namespace biopolis {
namespace {

constexpr double kPageWidth = 595.0;  // A4, points
constexpr double kPageHeight = 842.0;
constexpr double kMargin = 50.0;
constexpr double kLabelWidth = 170.0;
constexpr double kFontSize = 10.0;
constexpr double kLine = 14.0;
constexpr char kFont[] = "DejaVu Sans";

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Lays text out top to bottom over as many pages as it takes.
class Layout {
 public:
  explicit Layout(cairo_t* cr) : cr_(cr) { y_ = kMargin; }

  void Title(const std::string& text) {
    Font(14, true);
    Wrapped(text, kMargin, kPageWidth - 2 * kMargin, 18);
    y_ += 6;
  }
  void Heading(const std::string& text) {
    y_ += 8;
    Font(11, true);
    Wrapped(text, kMargin, kPageWidth - 2 * kMargin, 16);
  }
  void Field(const std::string& label, const std::string& value) {
    if (value.empty()) return;
    const double top = y_;
    Font(kFontSize, false);
    Wrapped(value, kMargin + kLabelWidth, kPageWidth - 2 * kMargin - kLabelWidth, kLine);
    const double bottom = y_;
    const bool paged = bottom < top;  // the value moved to a new page
    y_ = paged ? kMargin : top;
    Font(kFontSize, true);
    Wrapped(label, kMargin, kLabelWidth - 8, kLine);
    y_ = std::max(y_, bottom);
  }
  void Text(const std::string& text, double size = kFontSize) {
    Font(size, false);
    Wrapped(text, kMargin, kPageWidth - 2 * kMargin, size + 4);
  }
  // Reserves `height` points, starting a page when they do not fit; returns the top.
  double Reserve(double height) {
    if (y_ + height > kPageHeight - kMargin) NewPage();
    const double top = y_;
    y_ += height;
    return top;
  }

 private:
  void Font(double size, bool bold) {
    cairo_select_font_face(cr_, kFont, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }
  void NewPage() {
    cairo_show_page(cr_);
    y_ = kMargin;
  }
  double Width(const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    return e.x_advance;
  }
  // Breaks at spaces (and inside a word longer than the line, at any UTF-8
  // character boundary).
  void Wrapped(const std::string& text, double x, double width, double line) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
      if (c == ' ' || c == '\n') {
        if (!word.empty()) words.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    }
    if (!word.empty()) words.push_back(word);
    std::string current;
    auto flush = [&] {
      if (y_ + line > kPageHeight - kMargin) NewPage();
      y_ += line;
      cairo_move_to(cr_, x, y_ - 3);
      cairo_show_text(cr_, current.c_str());
      current.clear();
    };
    for (const auto& w : words) {
      std::string candidate = current.empty() ? w : current + " " + w;
      if (Width(candidate) <= width) {
        current = std::move(candidate);
        continue;
      }
      if (!current.empty()) flush();
      // A word wider than the line: cut it.
      std::string piece;
      for (std::size_t i = 0; i < w.size();) {
        std::size_t len = 1;
        const auto lead = static_cast<unsigned char>(w[i]);
        if (lead >= 0xF0)
          len = 4;
        else if (lead >= 0xE0)
          len = 3;
        else if (lead >= 0xC0)
          len = 2;
        const std::string ch = w.substr(i, len);
        if (!piece.empty() && Width(piece + ch) > width) {
          current = piece;
          flush();
          piece.clear();
        }
        piece += ch;
        i += len;
      }
      current = piece;
    }
    if (!current.empty()) flush();
  }

  cairo_t* cr_;
  double y_;
};

std::string Kopecks(const std::string& kopecks) {
  if (kopecks.empty()) return "";
  std::string rub = kopecks.size() > 2 ? kopecks.substr(0, kopecks.size() - 2) : "0";
  std::string kop = kopecks.size() >= 2 ? kopecks.substr(kopecks.size() - 2) : "0" + kopecks;
  std::string grouped;
  for (std::size_t i = 0; i < rub.size(); ++i) {
    if (i > 0 && (rub.size() - i) % 3 == 0) grouped += ' ';
    grouped += rub[i];
  }
  return grouped + "," + kop + " руб.";
}

const std::map<std::string, std::string>& StateNames() {
  static const std::map<std::string, std::string> kNames = {
      {"STATE_ACTIVE", "действующий резидент"},
      {"STATE_UNDER_REMEDY", "резидент; выдано предписание об устранении нарушения"},
      {"STATE_TERMINATED", "статус резидента прекращён"}};
  return kNames;
}

void DrawQr(cairo_t* cr, const std::string& text, double x, double y, double size) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                     &QRcode_free);
  if (!qr) return;
  const double module = size / (qr->width + 8);  // a quiet zone of 4 modules each side
  for (int row = 0; row < qr->width; ++row) {
    for (int col = 0; col < qr->width; ++col) {
      if (qr->data[row * qr->width + col] & 1) {
        cairo_rectangle(cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
}

}  // namespace

std::string RenderExtractPdf(const JsonValue& c, const std::string& document, const std::string& key_id,
                             const std::function<std::string(std::string_view)>& sign) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(AppendTo, &pdf, kPageWidth, kPageHeight);
  const std::string number = c["number"].str();
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 ("Выписка из реестра резидентов " + number).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "biopolisd");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, c["issued_at"].str().substr(0, 19).c_str());
  // Cairo 1.16 has no custom metadata keys: the extract file rides in the
  // Keywords entry, after a marker.
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS,
                                 (std::string(kPdfExtractMarker) + Base64(document)).c_str());
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Layout out(cr);

  out.Title("ВЫПИСКА ИЗ РЕЕСТРА РЕЗИДЕНТОВ ОСОБОЙ ЭКОНОМИЧЕСКОЙ ЗОНЫ «БИОПОЛИС» (КИРОВСКАЯ ОБЛАСТЬ)");
  out.Field("Номер выписки", number);
  out.Field("Сведения по состоянию на", c["as_of"].str());
  out.Field("Дата и время выдачи", c["issued_at"].str());
  out.Field("Запрошена в отношении", c["subject"].str());

  const JsonValue& o = c["organization"];
  out.Heading("Организация");
  out.Field("Полное наименование", o["full_name"].str());
  out.Field("Сокращённое наименование", o["short_name"].str());
  out.Field("ИНН", o["inn"].str());
  out.Field(o["kind"].str() == "KIND_INDIVIDUAL_ENTREPRENEUR" ? "ОГРНИП" : "ОГРН", o["ogrn"].str());
  out.Field("КПП", o["kpp"].str());
  out.Field("Адрес", o["legal_address"].str());

  const JsonValue& e = c["registry_entry"];
  out.Heading("Запись в реестре резидентов");
  if (e.is_null()) {
    out.Text("На указанную дату организация не являлась резидентом особой экономической зоны «Биополис».");
  } else {
    auto state = StateNames().find(e["state"].str());
    out.Field("Регистрационный номер", e["registry_number"].str());
    out.Field("Статус", state == StateNames().end() ? e["state"].str() : state->second);
    out.Field("Дата внесения в реестр", e["registration_date"].str());
    out.Field("Соглашение", "№ " + e["agreement"]["number"].str() + " от " + e["agreement"]["date"].str());
    const JsonValue& t = e["termination"];
    if (!t.is_null()) {
      out.Field("Статус прекращён с", t["effective_date"].str());
      out.Field("Основание", t["ground"].str() + ". " + t["explanation"].str());
    }
    if (!e["commitments"].array().empty()) {
      out.Heading("Обязательства по соглашению");
      for (const auto& cm : e["commitments"].array()) {
        out.Field("К " + cm["due_date"].str(), "инвестиции " + Kopecks(cm["investment_kopecks"].str()) +
                                                   ", рабочих мест: " + std::to_string(cm["jobs"].integer()));
      }
    }
  }
  if (!c["plots"].array().empty()) {
    out.Heading("Земельные участки в аренде");
    for (const auto& p : c["plots"].array()) {
      out.Field(p["cadastral_number"].str(), p["site"].str() + ", " + std::to_string(p["area_m2"].integer()) +
                                                 " м², договор № " + p["lease_agreement_number"].str() + " с " +
                                                 p["start_date"].str() + " по " + p["end_date"].str());
    }
  }
  if (!c["violations"].array().empty()) {
    out.Heading("Предписания об устранении нарушений");
    for (const auto& v : c["violations"].array()) {
      std::string text = v["description"].str() + "; устранить до " + v["cure_by"].str();
      if (!v["cured_at"].is_null()) text += "; устранено " + v["cured_at"].str() + " (" + v["cure_note"].str() + ")";
      out.Field(v["issued_at"].str(), text);
    }
  }

  out.Heading("Электронная подпись");
  out.Text("Сведения выписки подписаны ключом зоны " + key_id +
           " (Ed25519). Проверка без обращения к серверу: biopolisctl extracts verify ФАЙЛ "
           "с опубликованными ключами зоны. Машиночитаемая выписка содержится в метаданных файла (Keywords, "
           "BiopolisExtract:).");
  const double qr_size = 150;
  const double top = out.Reserve(qr_size + 10);
  DrawQr(cr, number + " " + key_id + " " + JsonValue::Parse(document).value_or(JsonValue())["signature"].str(), kMargin,
         top, qr_size);

  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  if (!pdf.empty() && pdf.back() != '\n') pdf += '\n';
  pdf += kPdfSignaturePrefix + key_id + " " + sign(pdf) + "\n";
  return pdf;
}

}  // namespace biopolis
