package jp.madoguchi.forms.render;

import jp.madoguchi.forms.fill.ValueFormats;
import jp.madoguchi.forms.fill.Wareki;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FilledApplication.ClerkCheck;
import jp.madoguchi.forms.model.FilledApplication.FilledField;
import jp.madoguchi.forms.model.Section;
import jp.madoguchi.forms.model.Section.Cell;
import jp.madoguchi.forms.model.Section.Row;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays out and draws one filled application on one A4 page, the way a municipal paper form looks:
 * a title, the addressee, boxed sections with a shaded title band and labelled cells, the 外字 note,
 * the fee, and the booth's reception box with the reference number and its QR code.
 *
 * <p>Works in two passes: {@link #layOut} measures every value with the embedded fonts and decides
 * font sizes, line breaks and row heights; {@link #draw} only draws what was decided. If the
 * measured form is taller than the page, it is laid out again with compact metrics; if that does
 * not fit either, the definition is wrong for A4 and rendering fails loudly rather than cutting
 * anything off.
 *
 * <p>Coordinates here run from the top of the page down, in points; {@link #pdfY} turns them into
 * PDF's bottom-up y. One instance per document; not thread-safe.
 */
final class PaperFormPage {
    private static final Logger LOG = LoggerFactory.getLogger(PaperFormPage.class);

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 15 * MM;
    private static final float RIGHT = PAGE.getWidth() - 15 * MM;
    private static final float TOP = 13 * MM;
    private static final float BOTTOM = PAGE.getHeight() - 11 * MM;
    private static final float CONTENT_WIDTH = RIGHT - LEFT;

    /** IPAex's ascent, as a fraction of the font size: where the baseline sits below a line's top. */
    private static final float ASCENT = 0.88f;
    private static final float CELL_PADDING = 3.5f;
    private static final float SECTION_BAND_WIDTH = 23 * MM;
    private static final float STAFF_BOX_HEIGHT = 15 * MM;
    private static final List<String> STAFF_BOX_LABELS = List.of("本人確認", "受付", "審査", "交付");
    private static final float FOOTER_HEIGHT = 27 * MM;
    private static final float OUTER_LINE = 1.1f;
    private static final float INNER_LINE = 0.45f;

    /** Shown instead of a character the font has no glyph for, as Japanese printing has always done (ゲタ). */
    private static final int MISSING_GLYPH = '〓';

    private static final Color INK = Color.BLACK;
    private static final Color BAND_SHADE = new Color(0xE8, 0xE8, 0xE8);
    private static final Color LABEL_INK = new Color(0x33, 0x33, 0x33);
    /** Dark enough to read when a monochrome printer turns it grey. */
    private static final Color CLERK_MARK = new Color(0xB0, 0x10, 0x10);
    private static final Color NOTE_SHADE = new Color(0xFD, 0xEE, 0xEE);

    /** Sizes for a form of ordinary length, and tighter ones tried when that does not fit the page. */
    private record Metrics(float rowMinHeight, float labelSize, float[] valueSizes, int linesBeforeShrinking,
            float sectionGap, float titleSize, float rowPadding, float valueLeading) {
        /** Writing boxes as generous as a paper form's, when the form is short enough to allow them. */
        static final Metrics SPACIOUS = new Metrics(36, 7.5f, new float[] {12, 11, 10, 9, 8}, 2, 9, 20, CELL_PADDING, 1.35f);
        static final Metrics REGULAR = new Metrics(29, 7, new float[] {11, 10, 9, 8}, 2, 6, 20, CELL_PADDING, 1.35f);
        static final Metrics COMPACT = new Metrics(20, 6.5f, new float[] {9.5f, 8.5f, 7.5f, 7}, 2, 3, 17, 2, 1.2f);

        /** Height of the label line at the top of a cell, with the gap under it. */
        float labelBandHeight() {
            return labelSize + rowPadding + 0.5f;
        }

        float valueLineHeight(float size) {
            return size * valueLeading;
        }
    }

    private record CellLayout(Cell cell, String value, float x, float width, float valueSize,
            List<LineBreaker.Line> lines, Set<Integer> flagged) {
        boolean isFlagged() {
            return !flagged.isEmpty();
        }
    }

    private record RowLayout(float top, float height, List<CellLayout> cells) {
    }

    private record SectionLayout(Section section, float top, float height, List<TitleLine> titleLines,
            List<RowLayout> rows) {
    }

    /** One line of a section's title in the shaded band; a parenthetical part is set smaller. */
    private record TitleLine(String text, float size) {
        float height() {
            return size * 1.3f;
        }
    }

    private record NoteLayout(float top, float height, List<String> detailLines) {
    }

    private record Layout(Metrics metrics, List<SectionLayout> sections, NoteLayout note, float feeBaseline) {
    }

    private final FilledApplication app;
    private final ToUnicodeRepair toUnicode;
    private final PDDocument document;
    private final PDType0Font mincho;
    private final PDType0Font gothic;
    private final Map<PDType0Font, Map<Integer, Float>> glyphWidths = new HashMap<>();
    private final Map<PDType0Font, Map<Integer, Boolean>> glyphPresence = new HashMap<>();
    private final Map<String, FilledField> fieldsById = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> flaggedByField = new HashMap<>();

    PaperFormPage(FilledApplication app, PDDocument document, PDType0Font mincho, PDType0Font gothic,
            ToUnicodeRepair toUnicode) {
        this.app = app;
        this.toUnicode = toUnicode;
        this.document = document;
        this.mincho = mincho;
        this.gothic = gothic;
        for (FilledField field : app.fields()) {
            fieldsById.put(field.id(), field);
        }
        for (ClerkCheck check : app.clerkChecks()) {
            flaggedByField.computeIfAbsent(check.fieldId(), id -> new TreeSet<>()).addAll(check.positions());
        }
    }

    /** Lays out the form and draws it on a new page of the document. */
    void drawOnNewPage() throws IOException {
        Layout layout = null;
        for (Metrics metrics : List.of(Metrics.SPACIOUS, Metrics.REGULAR, Metrics.COMPACT)) {
            layout = layOut(metrics);
            if (fits(layout)) {
                break;
            }
            layout = null;
        }
        if (layout == null) {
            throw new IllegalStateException("form " + app.form().id() + " does not fit on one A4 page even with "
                    + "compact spacing: split its sections or shorten its labels");
        }
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            draw(content, layout);
        }
    }

    // ---------------------------------------------------------------- layout

    private float headerBottom(Metrics metrics) {
        return TOP + metrics.titleSize() + 48;
    }

    private float footerTop() {
        return BOTTOM - 12 - FOOTER_HEIGHT;
    }

    private float staffBoxTop() {
        return footerTop() - 6 - STAFF_BOX_HEIGHT;
    }

    private boolean fits(Layout layout) {
        return layout.feeBaseline() + 10 <= staffBoxTop();
    }

    private Layout layOut(Metrics metrics) {
        float y = headerBottom(metrics);
        List<SectionLayout> sections = new ArrayList<>();
        for (Section section : app.form().sections()) {
            SectionLayout laidOut = layOutSection(section, y, metrics);
            sections.add(laidOut);
            y += laidOut.height() + metrics.sectionGap();
        }
        NoteLayout note = null;
        if (app.needsClerkCheck()) {
            note = layOutNote(y + 2);
            y += 2 + note.height() + metrics.sectionGap();
        }
        return new Layout(metrics, sections, note, y + 14);
    }

    private SectionLayout layOutSection(Section section, float top, Metrics metrics) {
        boolean hasBand = !section.title().isBlank();
        float cellsLeft = hasBand ? LEFT + SECTION_BAND_WIDTH : LEFT;
        float cellsWidth = RIGHT - cellsLeft;
        List<RowLayout> rows = new ArrayList<>();
        float y = top;
        for (Row row : section.rows()) {
            RowLayout laidOut = layOutRow(row, cellsLeft, cellsWidth, y, metrics);
            rows.add(laidOut);
            y += laidOut.height();
        }
        float height = Math.max(y - top, metrics.rowMinHeight());
        List<TitleLine> titleLines = hasBand ? layOutTitle(section.title(), height) : List.of();
        return new SectionLayout(section, top, height, titleLines, rows);
    }

    /**
     * A section's title for the band: the main part (請求者) on one line if a size not much smaller
     * allows it, since a title broken mid-word reads badly; a parenthetical part (（窓口に来た方）) on
     * its own line, smaller, as paper forms set it. Shrinks only if it would not fit down the band.
     */
    private List<TitleLine> layOutTitle(String title, float bandHeight) {
        int bracket = firstIndexOfAny(title, "（(");
        String main = bracket > 0 ? title.substring(0, bracket).strip() : title.strip();
        String parenthetical = bracket > 0 ? title.substring(bracket).strip() : "";
        float bandTextWidth = SECTION_BAND_WIDTH - 2 * CELL_PADDING;
        for (float scale = 1; ; scale -= 0.1f) {
            List<TitleLine> lines = new ArrayList<>();
            lines.addAll(titleLinesOf(main, 10 * scale, 8 * scale, bandTextWidth));
            if (!parenthetical.isEmpty()) {
                lines.addAll(titleLinesOf(parenthetical, 8.5f * scale, 6.5f * scale, bandTextWidth));
            }
            float height = (float) lines.stream().mapToDouble(TitleLine::height).sum();
            if (height <= bandHeight - 2 * CELL_PADDING || scale < 0.6f) {
                return lines;
            }
        }
    }

    /** {@code text} on one line at the largest size from {@code largest} to {@code smallest} that allows it, else wrapped at {@code largest}. */
    private List<TitleLine> titleLinesOf(String text, float largest, float smallest, float maxWidth) {
        for (float size = largest; size >= smallest - 1e-3f; size -= 0.5f) {
            if (width(gothic, size, text) <= maxWidth) {
                return List.of(new TitleLine(text, size));
            }
        }
        return lines(text, gothic, largest, maxWidth).stream().map(line -> new TitleLine(line, largest)).toList();
    }

    private static int firstIndexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }


    private RowLayout layOutRow(Row row, float left, float width, float top, Metrics metrics) {
        int totalSpan = row.cells().stream().mapToInt(cell -> spanOf(cell)).sum();
        List<CellLayout> cells = new ArrayList<>();
        float x = left;
        float height = metrics.rowMinHeight();
        int spanSoFar = 0;
        for (Cell cell : row.cells()) {
            spanSoFar += spanOf(cell);
            // Cell edges from the running span, so rounding never leaves a gap at the right edge.
            float right = left + width * spanSoFar / totalSpan;
            CellLayout laidOut = layOutCell(cell, x, right - x, metrics);
            cells.add(laidOut);
            float valueBlock = laidOut.lines().size() * metrics.valueLineHeight(laidOut.valueSize());
            height = Math.max(height, metrics.labelBandHeight() + valueBlock + 2 * metrics.rowPadding());
            x = right;
        }
        return new RowLayout(top, height, cells);
    }

    private static int spanOf(Cell cell) {
        return Math.max(1, cell.span());
    }

    /**
     * A cell's value at the largest size at which it wraps into few enough lines; at the smallest
     * size it takes as many lines as it needs and the row grows. Never cut off, never outside the box.
     */
    private CellLayout layOutCell(Cell cell, float x, float width, Metrics metrics) {
        FilledField field = fieldsById.get(cell.id());
        String value = printable(field == null ? "" : field.value(), mincho, cell.id());
        Set<Integer> flagged = flaggedByField.getOrDefault(cell.id(), Set.of());
        float textWidth = width - 2 * CELL_PADDING;
        float[] sizes = metrics.valueSizes();
        List<LineBreaker.Line> lines = List.of();
        float size = sizes[0];
        for (float candidate : sizes) {
            size = candidate;
            lines = breakValue(value, mincho, size, textWidth);
            if (lines.size() <= metrics.linesBeforeShrinking()) {
                break;
            }
        }
        return new CellLayout(cell, value, x, width, size, lines, flagged);
    }

    private NoteLayout layOutNote(float top) {
        String fieldNames = app.clerkChecks().stream()
                .map(check -> fieldsById.containsKey(check.fieldId()) ? fieldsById.get(check.fieldId()).label() : check.fieldId())
                .distinct()
                .collect(Collectors.joining("、"));
        String detail = "対象の欄：" + fieldNames + "。枠で囲み下線を引いた文字は、マイナンバーカードで別の文字に置き換えられています。"
                + "職員が住民記録の文字と照合してから受け付けます。";
        List<String> detailLines = lines(detail, mincho, 9, CONTENT_WIDTH - 4 * CELL_PADDING);
        float height = 2 * CELL_PADDING + 11 * 1.35f + detailLines.size() * lineHeight(9) + 2;
        return new NoteLayout(top, height, detailLines);
    }

    private static float lineHeight(float size) {
        return size * 1.35f;
    }

    private List<String> lines(String text, PDType0Font font, float size, float maxWidth) {
        return breakValue(printable(text, font, null), font, size, maxWidth).stream().map(LineBreaker.Line::text).toList();
    }

    /** Breaks a value into lines, paragraph by paragraph, keeping code-point positions relative to the whole value. */
    private List<LineBreaker.Line> breakValue(String value, PDType0Font font, float size, float maxWidth) {
        if (value.isEmpty()) {
            return List.of();
        }
        List<LineBreaker.Line> lines = new ArrayList<>();
        int offset = 0;
        for (String paragraph : value.split("\n", -1)) {
            for (LineBreaker.Line line : LineBreaker.breakLines(paragraph, maxWidth, cp -> width(font, size, cp))) {
                lines.add(new LineBreaker.Line(line.text(), line.start() + offset, line.end() + offset));
            }
            offset += paragraph.codePointCount(0, paragraph.length()) + 1;
        }
        return lines;
    }

    /**
     * The value with every character the font cannot show replaced by 〓 (one for one, so 外字 positions
     * still point at the right characters) and control characters but line feeds replaced by spaces.
     */
    private String printable(String text, PDType0Font font, String fieldId) {
        StringBuilder out = new StringBuilder(text.length());
        int replaced = 0;
        for (int codePoint : text.codePoints().toArray()) {
            if (codePoint == '\n') {
                out.append('\n');
            } else if (Character.isISOControl(codePoint)) {
                out.append(' ');
            } else if (hasGlyph(font, codePoint)) {
                out.appendCodePoint(codePoint);
            } else {
                out.appendCodePoint(MISSING_GLYPH);
                replaced++;
            }
        }
        if (replaced > 0) {
            // Which field, never which characters: the value is personal data.
            LOG.warn("{} character(s) of field {} have no glyph in the font and print as 〓", replaced, fieldId);
        }
        return out.toString();
    }

    private boolean hasGlyph(PDType0Font font, int codePoint) {
        return glyphPresence.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(codePoint, cp -> {
            try {
                font.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        });
    }

    private float width(PDType0Font font, float size, int codePoint) {
        float thousandths = glyphWidths.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(codePoint, cp -> {
            try {
                return font.getStringWidth(new String(Character.toChars(cp)));
            } catch (IOException | IllegalArgumentException e) {
                return 1000f; // measured as full width; printable() has already replaced it
            }
        });
        return thousandths / 1000f * size;
    }

    private float width(PDType0Font font, float size, String text) {
        float sum = 0;
        for (int codePoint : text.codePoints().toArray()) {
            sum += width(font, size, codePoint);
        }
        return sum;
    }

    // ---------------------------------------------------------------- drawing

    private static float pdfY(float yFromTop) {
        return PAGE.getHeight() - yFromTop;
    }

    private void draw(PDPageContentStream content, Layout layout) throws IOException {
        drawHeader(content, layout.metrics());
        for (SectionLayout section : layout.sections()) {
            drawSection(content, section, layout.metrics());
        }
        if (layout.note() != null) {
            drawNote(content, layout.note());
        }
        drawFee(content, layout.feeBaseline());
        drawStaffBox(content);
        drawFooter(content);
    }

    private void drawHeader(PDPageContentStream content, Metrics metrics) throws IOException {
        String title = printable(app.form().paperTitle(), gothic, null);
        float size = metrics.titleSize();
        float spacing = size * 0.12f; // a little air between characters, as printed form titles have
        while (width(gothic, size, title) + spacing * title.codePointCount(0, title.length()) > CONTENT_WIDTH && size > 10) {
            size -= 1;
            spacing = size * 0.12f;
        }
        float titleWidth = width(gothic, size, title) + spacing * (title.codePointCount(0, title.length()) - 1);
        float baseline = TOP + size * ASCENT;
        content.setNonStrokingColor(INK);
        content.beginText();
        content.setFont(gothic, size);
        content.setCharacterSpacing(spacing);
        content.newLineAtOffset(LEFT + (CONTENT_WIDTH - titleWidth) / 2, pdfY(baseline));
        show(content, gothic, title);
        content.setCharacterSpacing(0);
        content.endText();

        float addresseeBaseline = TOP + size + 24;
        text(content, mincho, 12, LEFT, addresseeBaseline,
                printable("（宛先）" + app.context().booth().municipality() + "長", mincho, null));
        String date = applicationDate();
        float dateWidth = width(mincho, 11, date);
        text(content, mincho, 11, RIGHT - dateWidth, addresseeBaseline, date);
        String act = act(app.form().paperTitle());
        text(content, gothic, 8, RIGHT - dateWidth - width(gothic, 8, act + "日") - 6, addresseeBaseline, act + "日");
        text(content, mincho, 9.5f, LEFT, addresseeBaseline + 15, "次のとおり" + ("届出".equals(act) ? "届け出" : act + "し") + "ます。");
    }

    /**
     * What the resident does on this kind of paper, as its title says: a 〜請求書 is 請求ed (請求日),
     * a 〜届 is 届け出ed (届出日), anything else is 申請ed (申請日).
     */
    static String act(String paperTitle) {
        String title = paperTitle == null ? "" : paperTitle.strip();
        if (title.endsWith("請求書")) {
            return "請求";
        }
        if (title.contains("届")) {
            return "届出";
        }
        return "申請";
    }

    /** The date as the form writes it in its date cell, or in 和暦 from the context when it has none. */
    private String applicationDate() {
        for (Section section : app.form().sections()) {
            for (Row row : section.rows()) {
                for (Cell cell : row.cells()) {
                    boolean isToday = cell.source() instanceof FieldSource.Computed computed
                            && computed.field() == FieldSource.ComputedField.TODAY;
                    FilledField field = fieldsById.get(cell.id());
                    if (isToday && field != null && !field.value().isBlank()) {
                        return printable(field.value(), mincho, cell.id());
                    }
                }
            }
        }
        return Wareki.format(app.context().date());
    }

    private void drawSection(PDPageContentStream content, SectionLayout section, Metrics metrics) throws IOException {
        float top = section.top();
        float bottom = top + section.height();
        boolean hasBand = !section.titleLines().isEmpty();
        if (hasBand) {
            content.setNonStrokingColor(BAND_SHADE);
            content.addRect(LEFT, pdfY(bottom), SECTION_BAND_WIDTH, section.height());
            content.fill();
            float blockHeight = (float) section.titleLines().stream().mapToDouble(TitleLine::height).sum();
            float lineTop = top + (section.height() - blockHeight) / 2;
            content.setNonStrokingColor(INK);
            content.setStrokingColor(INK);
            for (TitleLine line : section.titleLines()) {
                float size = line.size();
                float x = LEFT + (SECTION_BAND_WIDTH - width(gothic, size, line.text())) / 2;
                content.setLineWidth(size * 0.03f);
                content.beginText();
                content.setRenderingMode(RenderingMode.FILL_STROKE); // IPAex has no bold: thicken the outline
                content.setFont(gothic, size);
                content.newLineAtOffset(x, pdfY(lineTop + 0.15f * size + size * ASCENT));
                show(content, gothic, line.text());
                content.setRenderingMode(RenderingMode.FILL);
                content.endText();
                lineTop += line.height();
            }
        }
        for (RowLayout row : section.rows()) {
            for (CellLayout cell : row.cells()) {
                drawCell(content, cell, row, metrics);
            }
        }
        // Inner lines first, the heavier outer frame over them.
        content.setStrokingColor(INK);
        content.setLineWidth(INNER_LINE);
        if (hasBand) {
            line(content, LEFT + SECTION_BAND_WIDTH, top, LEFT + SECTION_BAND_WIDTH, bottom);
        }
        for (RowLayout row : section.rows()) {
            if (row.top() > top) {
                float rowLeft = row.cells().isEmpty() ? LEFT : row.cells().get(0).x();
                line(content, rowLeft, row.top(), RIGHT, row.top());
            }
            for (int i = 1; i < row.cells().size(); i++) {
                float x = row.cells().get(i).x();
                line(content, x, row.top(), x, row.top() + row.height());
            }
        }
        content.setLineWidth(OUTER_LINE);
        content.addRect(LEFT, pdfY(bottom), CONTENT_WIDTH, section.height());
        content.stroke();
    }

    private void drawCell(PDPageContentStream content, CellLayout cell, RowLayout row, Metrics metrics) throws IOException {
        float left = cell.x() + CELL_PADDING;
        float labelBaseline = row.top() + metrics.rowPadding() + metrics.labelSize() * ASCENT;
        content.setNonStrokingColor(LABEL_INK);
        text(content, gothic, metrics.labelSize(), left, labelBaseline, printable(cell.cell().label(), gothic, null));
        if (cell.isFlagged()) {
            String tag = "※要確認";
            float tagSize = metrics.labelSize();
            content.setNonStrokingColor(CLERK_MARK);
            text(content, gothic, tagSize, cell.x() + cell.width() - CELL_PADDING - width(gothic, tagSize, tag),
                    labelBaseline, tag);
        }
        if (cell.lines().isEmpty()) {
            return;
        }
        float size = cell.valueSize();
        float lineHeight = metrics.valueLineHeight(size);
        float areaTop = row.top() + metrics.labelBandHeight() + metrics.rowPadding();
        float areaHeight = row.top() + row.height() - metrics.rowPadding() - areaTop;
        float blockHeight = cell.lines().size() * lineHeight;
        // Centred in the space under the label, so a one-line value sits where a hand would write it.
        float lineTop = areaTop + Math.max(0, (areaHeight - blockHeight) / 2);
        content.setNonStrokingColor(INK);
        for (LineBreaker.Line line : cell.lines()) {
            float baseline = lineTop + (lineHeight - size) / 2 + size * ASCENT;
            text(content, mincho, size, left, baseline, line.text());
            if (cell.isFlagged()) {
                markFlagged(content, cell, line, left, baseline, size);
            }
            lineTop += lineHeight;
        }
    }

    /** A frame and a thick underline around each character the card substituted, so the clerk sees which. */
    private void markFlagged(PDPageContentStream content, CellLayout cell, LineBreaker.Line line, float left,
            float baseline, float size) throws IOException {
        int[] codePoints = cell.value().codePoints().toArray();
        float x = left;
        content.setStrokingColor(CLERK_MARK);
        for (int i = line.start(); i < line.end(); i++) {
            float glyphWidth = width(mincho, size, codePoints[i]);
            if (cell.flagged().contains(i)) {
                content.setLineWidth(0.6f);
                content.addRect(x - 0.6f, pdfY(baseline + size * 0.2f), glyphWidth + 1.2f, size * 1.12f);
                content.stroke();
                content.setLineWidth(1.2f);
                line(content, x - 0.6f, baseline + size * 0.2f + 1.1f, x + glyphWidth + 0.6f, baseline + size * 0.2f + 1.1f);
            }
            x += glyphWidth;
        }
        content.setStrokingColor(INK);
    }

    private void drawNote(PDPageContentStream content, NoteLayout note) throws IOException {
        content.setNonStrokingColor(NOTE_SHADE);
        content.addRect(LEFT, pdfY(note.top() + note.height()), CONTENT_WIDTH, note.height());
        content.fill();
        content.setStrokingColor(CLERK_MARK);
        content.setLineWidth(1.6f);
        content.addRect(LEFT, pdfY(note.top() + note.height()), CONTENT_WIDTH, note.height());
        content.stroke();
        float x = LEFT + 2 * CELL_PADDING;
        float baseline = note.top() + CELL_PADDING + 11 * ASCENT + 1;
        content.setNonStrokingColor(CLERK_MARK);
        content.setLineWidth(0.35f);
        content.beginText();
        content.setRenderingMode(RenderingMode.FILL_STROKE);
        content.setFont(gothic, 11);
        content.newLineAtOffset(x, pdfY(baseline));
        show(content, gothic, "外字確認が必要です（職員確認）");
        content.setRenderingMode(RenderingMode.FILL);
        content.endText();
        content.setNonStrokingColor(INK);
        float lineTop = note.top() + CELL_PADDING + 11 * 1.35f + 2;
        for (String line : note.detailLines()) {
            text(content, mincho, 9, x, lineTop + (lineHeight(9) - 9) / 2 + 9 * ASCENT, line);
            lineTop += lineHeight(9);
        }
        content.setStrokingColor(INK);
    }

    private void drawFee(PDPageContentStream content, float baseline) throws IOException {
        String fee;
        if (app.feeTotal() == 0) {
            fee = "無料";
        } else if (app.form().feePerCopy() > 0 && app.form().feePerCopy() * app.copies() == app.feeTotal()) {
            fee = "1通 " + ValueFormats.yen(app.form().feePerCopy()) + " × " + app.copies() + "通　計 "
                    + ValueFormats.yen(app.feeTotal());
        } else {
            fee = app.copies() + "通　計 " + ValueFormats.yen(app.feeTotal());
        }
        content.setNonStrokingColor(INK);
        text(content, gothic, 9, LEFT, baseline, "手数料");
        float feeX = LEFT + width(gothic, 9, "手数料") + 10;
        text(content, mincho, 11, feeX, baseline, fee);
        content.setStrokingColor(INK);
        content.setLineWidth(INNER_LINE);
        line(content, LEFT, baseline + 3, feeX + width(mincho, 11, fee) + 10, baseline + 3);
    }

    /** Empty boxes for the clerks' checks and stamps, as every counter form has. */
    private void drawStaffBox(PDPageContentStream content) throws IOException {
        float top = staffBoxTop();
        float bottom = top + STAFF_BOX_HEIGHT;
        float bandRight = LEFT + SECTION_BAND_WIDTH;
        content.setNonStrokingColor(BAND_SHADE);
        content.addRect(LEFT, pdfY(bottom), SECTION_BAND_WIDTH, STAFF_BOX_HEIGHT);
        content.fill();
        content.setNonStrokingColor(INK);
        String bandTitle = "職員記入欄";
        text(content, gothic, 9, LEFT + (SECTION_BAND_WIDTH - width(gothic, 9, bandTitle)) / 2,
                top + STAFF_BOX_HEIGHT / 2 + 9 * 0.35f, bandTitle);
        float cellWidth = (RIGHT - bandRight) / STAFF_BOX_LABELS.size();
        content.setNonStrokingColor(LABEL_INK);
        for (int i = 0; i < STAFF_BOX_LABELS.size(); i++) {
            text(content, gothic, 7, bandRight + i * cellWidth + CELL_PADDING, top + CELL_PADDING + 7 * ASCENT,
                    STAFF_BOX_LABELS.get(i));
        }
        content.setStrokingColor(INK);
        content.setLineWidth(INNER_LINE);
        for (int i = 0; i < STAFF_BOX_LABELS.size(); i++) {
            line(content, bandRight + i * cellWidth, top, bandRight + i * cellWidth, bottom);
        }
        content.setLineWidth(OUTER_LINE);
        content.addRect(LEFT, pdfY(bottom), CONTENT_WIDTH, STAFF_BOX_HEIGHT);
        content.stroke();
    }

    /** The reception box: where and when it was received, the reference number and its QR code. */
    private void drawFooter(PDPageContentStream content) throws IOException {
        float top = footerTop();
        float bottom = top + FOOTER_HEIGHT;
        float qrSide = FOOTER_HEIGHT;
        float qrLeft = RIGHT - qrSide;
        float bandRight = LEFT + SECTION_BAND_WIDTH;
        float cellsWidth = qrLeft - bandRight;
        float receptionRight = bandRight + cellsWidth * 0.52f;
        float middle = top + FOOTER_HEIGHT / 2;

        content.setNonStrokingColor(BAND_SHADE);
        content.addRect(LEFT, pdfY(bottom), SECTION_BAND_WIDTH, FOOTER_HEIGHT);
        content.fill();
        content.setNonStrokingColor(INK);
        String bandTitle = "受付欄";
        text(content, gothic, 9, LEFT + (SECTION_BAND_WIDTH - width(gothic, 9, bandTitle)) / 2, middle + 9 * 0.35f, bandTitle);

        float labelSize = 7;
        float labelBaseline = CELL_PADDING + labelSize * ASCENT;
        // 受付 (where) over 受付日 (when), left; 整理番号 right.
        content.setNonStrokingColor(LABEL_INK);
        text(content, gothic, labelSize, bandRight + CELL_PADDING, top + labelBaseline, "受付");
        text(content, gothic, labelSize, bandRight + CELL_PADDING, middle + labelBaseline, "受付日");
        text(content, gothic, labelSize, receptionRight + CELL_PADDING, top + labelBaseline, "整理番号");

        content.setNonStrokingColor(INK);
        float valueLeft = bandRight + CELL_PADDING + 2;
        float valueWidth = receptionRight - valueLeft - CELL_PADDING;
        String location = printable(app.context().booth().location(), mincho, null);
        String boothId = "（端末 " + printable(app.context().booth().id(), mincho, null) + "）";
        // The location in up to two lines under its label, smaller if it must be: never past the box.
        String locationText = width(mincho, 10, location + boothId) <= valueWidth ? location + boothId : location;
        float locationSize = 10;
        List<String> locationLines = lines(locationText, mincho, locationSize, valueWidth);
        while (locationLines.size() > 2 && locationSize > 6) {
            locationSize -= 0.5f;
            locationLines = lines(locationText, mincho, locationSize, valueWidth);
        }
        float locationBaseline = middle - CELL_PADDING - 2 - (locationLines.size() - 1) * lineHeight(locationSize);
        for (String line : locationLines) {
            text(content, mincho, locationSize, valueLeft, locationBaseline, line);
            locationBaseline += lineHeight(locationSize);
        }
        text(content, mincho, 10, valueLeft, bottom - CELL_PADDING - 3, applicationDate());

        String reference = printable(app.context().reference(), gothic, null);
        float referenceWidth = qrLeft - receptionRight - 2 * CELL_PADDING;
        float referenceSize = fittingSize(gothic, reference, referenceWidth, 15, 6);
        float referenceX = receptionRight + (qrLeft - receptionRight - width(gothic, referenceSize, reference)) / 2;
        text(content, gothic, referenceSize, referenceX, middle + referenceSize * 0.35f + 3, reference);

        new QrCodeDrawing(app.context().reference()).draw(content, qrLeft, pdfY(top), qrSide);

        content.setStrokingColor(INK);
        content.setLineWidth(INNER_LINE);
        line(content, bandRight, top, bandRight, bottom);
        line(content, bandRight, middle, receptionRight, middle);
        line(content, receptionRight, top, receptionRight, bottom);
        line(content, qrLeft, top, qrLeft, bottom);
        content.setLineWidth(OUTER_LINE);
        content.addRect(LEFT, pdfY(bottom), CONTENT_WIDTH, FOOTER_HEIGHT);
        content.stroke();

        content.setNonStrokingColor(LABEL_INK);
        text(content, gothic, 6.5f, LEFT, bottom + 9,
                "この申請書は窓口端末が本人のマイナンバーカードから記入しました（書かない窓口）。");
    }

    private float fittingSize(PDType0Font font, String text, float maxWidth, float largest, float smallest) {
        float size = largest;
        while (size > smallest && width(font, size, text) > maxWidth) {
            size -= 0.5f;
        }
        return size;
    }

    private void text(PDPageContentStream content, PDType0Font font, float size, float x, float baselineFromTop,
            String text) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, pdfY(baselineFromTop));
        show(content, font, text);
        content.endText();
    }

    /** Every text goes through here, so that the ToUnicode maps can say exactly what was written. */
    private void show(PDPageContentStream content, PDType0Font font, String text) throws IOException {
        toUnicode.record(font, text);
        content.showText(text);
    }

    private static void line(PDPageContentStream content, float x1, float y1FromTop, float x2, float y2FromTop)
            throws IOException {
        content.moveTo(x1, pdfY(y1FromTop));
        content.lineTo(x2, pdfY(y2FromTop));
        content.stroke();
    }
}
