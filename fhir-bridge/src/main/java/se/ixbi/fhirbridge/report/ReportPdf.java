package se.ixbi.fhirbridge.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The report a clinician reads: the reviewer's conclusion, the analysis in words, the key figures, the pictures,
 * and where every dataset lies. A4, one column, new pages as it fills.
 */
final class ReportPdf implements AutoCloseable {

    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument doc = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream out;
    private float y;

    /** The report as PDF bytes. */
    static byte[] render(ReportContent content) {
        try (ReportPdf pdf = new ReportPdf()) {
            return pdf.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("the report PDF could not be written", e);
        }
    }

    private byte[] write(ReportContent c) throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(c.title());
        info.setCreator("IXBI FHIR bridge");
        newPage();
        text(bold, 16, c.title());
        text(regular, 10, c.subtitle());
        gap(10);
        heading("Conclusion of the review");
        paragraph(c.conclusion());
        heading("Analysis");
        for (String line : c.analysis().split("\n")) {
            paragraph(line);
        }
        heading("Key figures");
        for (String[] row : c.figures()) {
            row(row[0], row[1]);
        }
        for (ReportContent.Picture picture : c.pictures()) {
            picture(picture);
        }
        heading("Datasets");
        for (String line : c.datasets()) {
            paragraph(line);
        }
        out.close();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        doc.save(bytes);
        return bytes.toByteArray();
    }

    private void heading(String text) throws IOException {
        gap(8);
        text(bold, 12, text);
    }

    private void paragraph(String text) throws IOException {
        for (String line : wrap(regular, 10, text, WIDTH)) {
            text(regular, 10, line);
        }
        gap(3);
    }

    private void row(String label, String value) throws IOException {
        List<String> lines = wrap(regular, 10, label, WIDTH * 0.7f);
        for (int i = 0; i < lines.size(); i++) {
            room(13);
            show(regular, 10, MARGIN, lines.get(i));
            if (i == 0) {
                show(bold, 10, MARGIN + WIDTH * 0.72f, value);
            }
            y -= 13;
        }
    }

    private void picture(ReportContent.Picture picture) throws IOException {
        PDImageXObject image = PDImageXObject.createFromByteArray(doc, picture.png(), picture.caption());
        float scale = Math.min(WIDTH / image.getWidth(), 300f / image.getHeight());
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        room(h + 30);
        gap(6);
        out.drawImage(image, MARGIN, y - h, w, h);
        y -= h + 4;
        text(regular, 9, picture.caption());
    }

    private void text(PDType1Font font, float size, String text) throws IOException {
        room(size + 4);
        show(font, size, MARGIN, text);
        y -= size + 4;
    }

    private void show(PDType1Font font, float size, float x, String text) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y - size);
        out.showText(printable(font, text));
        out.endText();
    }

    private void gap(float points) {
        y -= points;
    }

    private void room(float needed) throws IOException {
        if (y - needed < MARGIN) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(printable(font, candidate)) / 1000 * size > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The standard fonts know WinAnsi only: anything else (≥, ², Greek beyond µ) is spelt out or replaced. */
    private static String printable(PDType1Font font, String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '≥' -> ">=";
                case '≤' -> "<=";
                case '−' -> "-";
                case '\t' -> " ";
                default -> null;
            };
            if (replacement != null) {
                s.append(replacement);
            } else if (encodable(font, c)) {
                s.append(c);
            } else {
                s.append('?');
            }
        }
        return s.toString();
    }

    private static boolean encodable(PDType1Font font, char c) {
        try {
            font.encode(String.valueOf(c));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        doc.close();
    }
}
