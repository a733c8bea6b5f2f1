package jp.madoguchi.forms.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.GregorianCalendar;
import java.util.Objects;

import jp.madoguchi.forms.model.FilledApplication;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Renders a filled application as the one-page A4 PDF that looks like the municipality's paper
 * form (see {@link PaperFormPage} for the layout). The Japanese fonts are embedded as subsets, so
 * the PDF shows the same on a machine with no Japanese fonts installed.
 *
 * <p>The PDF's metadata carries the paper title and the reference number only, never the
 * resident's name or address: metadata is what file managers, print queues and search indexes show
 * and keep.
 *
 * <p>Thread-safe: each call builds its own document; the shared {@link JapaneseFonts} is immutable.
 * Rendering takes some tens of milliseconds: call it off the UI thread.
 */
public final class PdfRenderer {
    /** The PDF's producer entry. */
    public static final String PRODUCER = "Madoguchi";

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final JapaneseFonts fonts;

    public PdfRenderer(JapaneseFonts fonts) {
        this.fonts = Objects.requireNonNull(fonts, "fonts");
    }

    /** The application as PDF bytes. */
    public byte[] render(FilledApplication app) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        render(app, out);
        return out.toByteArray();
    }

    /**
     * Writes the application as a PDF to {@code out} (not closed).
     *
     * @throws IllegalStateException if the form's definition cannot fit on one A4 page
     */
    public void render(FilledApplication app, OutputStream out) throws IOException {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(out, "out");
        ToUnicodeRepair toUnicode = new ToUnicodeRepair();
        ByteArrayOutputStream saved = new ByteArrayOutputStream(64 * 1024);
        // The fonts are closed (given back) before the document, and only after it is saved.
        try (PDDocument document = new PDDocument(); JapaneseFonts.DocumentFonts documentFonts = fonts.embedIn(document)) {
            new PaperFormPage(app, document, documentFonts.mincho(), documentFonts.gothic(), toUnicode).drawOnNewPage();
            describe(document, app);
            document.save(saved);
        }
        // PDFBox writes the subsets' ToUnicode maps while saving; see ToUnicodeRepair for why they are replaced.
        toUnicode.applyTo(saved.toByteArray(), out);
    }

    private static void describe(PDDocument document, FilledApplication app) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(app.form().paperTitle() + " " + app.context().reference());
        info.setProducer(PRODUCER);
        info.setCreator(PRODUCER + " forms");
        // The application's date, not the clock: the same application renders the same metadata.
        info.setCreationDate(GregorianCalendar.from(app.context().date().atStartOfDay(JAPAN)));
        document.getDocumentCatalog().setLanguage("ja-JP");
    }
}
