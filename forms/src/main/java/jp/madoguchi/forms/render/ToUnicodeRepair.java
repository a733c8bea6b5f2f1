package jp.madoguchi.forms.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Gives an embedded subset font a ToUnicode map that says which characters were actually written.
 *
 * <p>Why: IPAex, like most Japanese fonts, draws a kanji and its look-alike radical with one glyph
 * (人 U+4EBA and ⼈ U+2F08, 日 and ⽇, 民 and ⺠ …). PDFBox 3.0.3 writes the ToUnicode map of a
 * subset from the font's cmap and takes the lowest code point for such a glyph — the radical. The
 * page looks right, but copying, searching or reading the text aloud gives radicals: a clerk's
 * search for 人 finds nothing, and a screen reader misreads the form (apache/pdfbox pull request
 * #470 describes the same defect). The renderer therefore records every character it shows, with
 * the code it was written as, and after PDFBox has saved the document, replaces each font's
 * ToUnicode map with exactly those pairs.
 *
 * <p>One instance per document; not thread-safe.
 */
final class ToUnicodeRepair {
    /** Per font (by its name before the subset tag is added): the code written to the page → the character. */
    private final Map<String, Map<Integer, Integer>> writtenByFont = new HashMap<>();

    /** Records that {@code text} was shown with {@code font}. */
    void record(PDType0Font font, String text) throws IOException {
        Map<Integer, Integer> written = writtenByFont.computeIfAbsent(font.getName(), name -> new TreeMap<>());
        text.codePoints().forEach(codePoint -> {
            try {
                byte[] code = font.encode(new String(Character.toChars(codePoint)));
                if (code.length == 2) { // Identity-H: two bytes, the glyph's CID
                    int cid = ((code[0] & 0xFF) << 8) | (code[1] & 0xFF);
                    // If both a kanji and its radical were written with one glyph, keep the kanji.
                    written.merge(cid, codePoint, (kept, other) -> isRadical(kept) ? other : kept);
                }
            } catch (IOException | IllegalArgumentException e) {
                // not encodable: it was never shown either (the page writes 〓 instead)
            }
        });
    }

    private static boolean isRadical(int codePoint) {
        return codePoint >= 0x2E80 && codePoint <= 0x2FDF; // CJK Radicals Supplement, Kangxi Radicals
    }

    /** Rewrites the ToUnicode maps of the saved {@code pdf} and writes the result to {@code out}. */
    void applyTo(byte[] pdf, OutputStream out) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    Map<Integer, Integer> written = writtenFor(font.getName());
                    if (font instanceof PDType0Font && written != null) {
                        COSStream toUnicode = document.getDocument().createCOSStream();
                        try (OutputStream cmap = toUnicode.createOutputStream(COSName.FLATE_DECODE)) {
                            cmap.write(toUnicodeCMap(written));
                        }
                        font.getCOSObject().setItem(COSName.TO_UNICODE, toUnicode);
                    }
                }
            }
            document.save(out);
        }
    }

    private Map<Integer, Integer> writtenFor(String subsetName) {
        String baseName = subsetName.matches("[A-Z]{6}\\+.+") ? subsetName.substring(7) : subsetName;
        return writtenByFont.get(baseName);
    }

    /** A ToUnicode CMap (PDF 32000-1 §9.10.3) mapping two-byte codes to UTF-16BE. */
    private static byte[] toUnicodeCMap(Map<Integer, Integer> codeToCodePoint) {
        StringBuilder cmap = new StringBuilder(64 + 24 * codeToCodePoint.size());
        cmap.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        var entries = codeToCodePoint.entrySet().iterator();
        int remaining = codeToCodePoint.size();
        while (remaining > 0) {
            int batch = Math.min(100, remaining); // a bfchar block holds at most 100 entries
            cmap.append(batch).append(" beginbfchar\n");
            for (int i = 0; i < batch; i++) {
                Map.Entry<Integer, Integer> entry = entries.next();
                cmap.append(String.format("<%04X> <", entry.getKey()));
                for (char unit : Character.toChars(entry.getValue())) {
                    cmap.append(String.format("%04X", (int) unit));
                }
                cmap.append(">\n");
            }
            cmap.append("endbfchar\n");
            remaining -= batch;
        }
        cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return cmap.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** For callers that hold the saved document in a buffer already. */
    byte[] applyTo(byte[] pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 4096);
        applyTo(pdf, out);
        return out.toByteArray();
    }
}
