package jp.madoguchi.forms.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The two Japanese typefaces forms are printed with: IPAex Mincho for written values (as a person
 * would write them on paper) and IPAex Gothic for the printed parts (title, labels).
 *
 * <p>Why a pool: parsing a 6–8 MB IPAex font and its cmap costs 25–40 ms, more than laying out and
 * writing a whole form, so parsed fonts are kept and reused across documents. fontbox's
 * {@link TrueTypeFont} reads its tables lazily from one shared stream and is not thread-safe, and a
 * document reads glyphs from it until the document is saved (that is when the subset is cut). So a
 * parsed pair is lent to one document at a time ({@link #embedIn}) and comes back to the pool when
 * the {@link DocumentFonts} are closed after saving. The pool grows to the number of documents
 * rendered at the same time (one or two on a booth) and keeps at most {@value #MAX_IDLE_PAIRS} idle pairs.
 *
 * <p>Thread-safe; make one per process and share it. The font files are read once, here, and a
 * missing or unreadable font fails at once with a message that says how to fix it.
 */
public final class JapaneseFonts {
    /** System property naming a folder that holds {@value #MINCHO_FILE_NAME} and {@value #GOTHIC_FILE_NAME}. */
    public static final String FONT_DIR_PROPERTY = "madoguchi.forms.fontDir";
    public static final String MINCHO_FILE_NAME = "ipaexm.ttf";
    public static final String GOTHIC_FILE_NAME = "ipaexg.ttf";
    /** Where Debian's fonts-ipaexfont-mincho installs the Mincho. */
    public static final Path DEBIAN_MINCHO = Path.of("/usr/share/fonts/opentype/ipaexfont-mincho", MINCHO_FILE_NAME);
    /** Where Debian's fonts-ipaexfont-gothic installs the Gothic. */
    public static final Path DEBIAN_GOTHIC = Path.of("/usr/share/fonts/opentype/ipaexfont-gothic", GOTHIC_FILE_NAME);

    private static final int MAX_IDLE_PAIRS = 4;

    private final Path minchoFile;
    private final Path gothicFile;
    private final byte[] minchoBytes;
    private final byte[] gothicBytes;
    private final Deque<ParsedPair> idle = new ConcurrentLinkedDeque<>();
    /** The Gothic for java.awt drawing (the receipt image), made on first use: most booths never need it. */
    private volatile Font awtGothic;

    /** Both fonts parsed, lent to one document at a time. */
    private record ParsedPair(TrueTypeFont mincho, TrueTypeFont gothic) {
    }

    /**
     * The fonts from the folder named by the system property {@value #FONT_DIR_PROPERTY} when it is
     * set, otherwise from where the Debian packages install them.
     *
     * @throws JapaneseFontMissingException if a font file is missing or is not a TrueType font
     */
    public static JapaneseFonts fromSystem() {
        String fontDir = System.getProperty(FONT_DIR_PROPERTY);
        if (fontDir != null && !fontDir.isBlank()) {
            return new JapaneseFonts(Path.of(fontDir.trim()));
        }
        return new JapaneseFonts(DEBIAN_MINCHO, DEBIAN_GOTHIC);
    }

    /**
     * The fonts {@value #MINCHO_FILE_NAME} and {@value #GOTHIC_FILE_NAME} from one folder.
     *
     * @throws JapaneseFontMissingException if a font file is missing or is not a TrueType font
     */
    public JapaneseFonts(Path fontDir) {
        this(fontDir.resolve(MINCHO_FILE_NAME), fontDir.resolve(GOTHIC_FILE_NAME));
    }

    /**
     * The fonts from two files (TrueType outlines; a CFF-based OpenType font cannot be subset by PDFBox).
     *
     * @throws JapaneseFontMissingException if a font file is missing or is not a TrueType font
     */
    public JapaneseFonts(Path minchoFile, Path gothicFile) {
        this.minchoFile = Objects.requireNonNull(minchoFile, "minchoFile");
        this.gothicFile = Objects.requireNonNull(gothicFile, "gothicFile");
        this.minchoBytes = read(minchoFile);
        this.gothicBytes = read(gothicFile);
        // Parsing here checks the files now, not at the first resident's review, and the pair is kept for use.
        idle.push(new ParsedPair(parseAndCheck(minchoBytes, minchoFile), parseAndCheck(gothicBytes, gothicFile)));
    }

    public Path minchoFile() {
        return minchoFile;
    }

    public Path gothicFile() {
        return gothicFile;
    }

    /**
     * Both fonts for {@code document}, to be embedded as subsets of the glyphs it uses. Close the
     * result after the document is saved (or abandoned), never before: saving reads the glyphs.
     */
    public DocumentFonts embedIn(PDDocument document) throws IOException {
        ParsedPair pair = idle.poll();
        if (pair == null) {
            pair = new ParsedPair(parseAndCheck(minchoBytes, minchoFile), parseAndCheck(gothicBytes, gothicFile));
        }
        try {
            return new DocumentFonts(pair, PDType0Font.load(document, pair.mincho(), true),
                    PDType0Font.load(document, pair.gothic(), true));
        } catch (IOException | RuntimeException e) {
            idle.push(pair);
            throw e;
        }
    }

    /**
     * The Gothic as a java.awt font of size 1 (derive the size you need), for images drawn without
     * PDFBox, such as the receipt for a raster receipt printer.
     */
    public Font awtGothic() {
        Font font = awtGothic;
        if (font == null) {
            synchronized (this) {
                font = awtGothic;
                if (font == null) {
                    try {
                        font = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(gothicBytes));
                    } catch (FontFormatException | IOException e) {
                        throw new JapaneseFontMissingException("Japanese font at " + gothicFile
                                + " cannot be used for drawing images (" + e.getMessage() + ")", e);
                    }
                    awtGothic = font;
                }
            }
        }
        return font;
    }

    private void giveBack(ParsedPair pair) {
        if (idle.size() < MAX_IDLE_PAIRS) {
            idle.push(pair);
        }
    }

    /**
     * The fonts of one document. Closing gives the parsed fonts back for the next document; the
     * {@link PDType0Font}s must not be used after that.
     */
    public final class DocumentFonts implements AutoCloseable {
        private final ParsedPair pair;
        private final PDType0Font mincho;
        private final PDType0Font gothic;
        private boolean closed;

        private DocumentFonts(ParsedPair pair, PDType0Font mincho, PDType0Font gothic) {
            this.pair = pair;
            this.mincho = mincho;
            this.gothic = gothic;
        }

        /** Mincho: the written values. */
        public PDType0Font mincho() {
            return mincho;
        }

        /** Gothic: title, labels and other printed parts. */
        public PDType0Font gothic() {
            return gothic;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                giveBack(pair);
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new JapaneseFontMissingException("Japanese font not found at " + file + ": install the Debian packages "
                    + "fonts-ipaexfont-mincho fonts-ipaexfont-gothic (scripts/install-system-deps.sh) or set the system "
                    + "property " + FONT_DIR_PROPERTY + " to a folder holding " + MINCHO_FILE_NAME + " and "
                    + GOTHIC_FILE_NAME, e);
        }
    }

    /** Parses a font held in memory (not copied: the buffer wraps the array) and checks it has Japanese glyphs. */
    private static TrueTypeFont parseAndCheck(byte[] bytes, Path file) {
        try {
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
            if (font.getUnicodeCmapLookup(false) == null || font.getUnicodeCmapLookup(false).getGlyphId('あ') == 0) {
                font.close();
                throw new IOException("it has no glyph for あ");
            }
            return font;
        } catch (IOException | RuntimeException e) {
            throw new JapaneseFontMissingException("Japanese font at " + file + " is not a usable TrueType font with "
                    + "Japanese glyphs (" + e.getMessage() + "): reinstall fonts-ipaexfont-mincho fonts-ipaexfont-gothic "
                    + "(scripts/install-system-deps.sh) or set the system property " + FONT_DIR_PROPERTY
                    + " to a folder holding " + MINCHO_FILE_NAME + " and " + GOTHIC_FILE_NAME, e);
        }
    }
}
