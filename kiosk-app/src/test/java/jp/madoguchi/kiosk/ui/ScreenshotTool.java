package jp.madoguchi.kiosk.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.forms.fill.FormFiller;
import jp.madoguchi.forms.fill.QuestionFlow;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Section;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.forms.render.PdfRenderer;
import jp.madoguchi.forms.render.PngPreview;
import jp.madoguchi.forms.render.ReceiptImage;
import jp.madoguchi.forms.render.ReceiptText;
import jp.madoguchi.forms.render.ReceiptWidth;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.journey.JourneyView.FieldView;
import jp.madoguchi.kiosk.ui.model.BoothPreferences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every booth screen at 1920x1080 into {@code docs/screenshots/booth-<screen>-<lang>.png} (Japanese and
 * English; a few large-text and high-contrast variants), from representative snapshots: the default persona, the
 * real 住民票 preview (forms' FormFiller, PdfRenderer, PngPreview), receipt image and QR code. Not part of the
 * default test run (its name does not end in Test); run it with
 *
 * <pre>mvn -B -o -q -pl kiosk-app test -Dtest=ScreenshotTool -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Dscreenshots.dir=...} writes elsewhere).
 */
class ScreenshotTool {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 24);
    private static final String REFERENCE = "R-20261124-0042";

    @BeforeAll
    static void toolkit() throws Exception {
        BoothFx.startToolkit();
    }

    @Test
    void renderEveryScreen() throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "../docs/screenshots")).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Images standard = images("default");
        Images gaiji = images("gaiji");
        int written = 0;
        FakeJourney journey = new FakeJourney(SampleViews.attract());
        BoothWindow window = BoothFx.open(journey, BoothPreferences.defaults());
        for (BoothLanguage language : List.of(BoothLanguage.JAPANESE, BoothLanguage.ENGLISH)) {
            String tag = language == BoothLanguage.JAPANESE ? "ja" : "en";
            SampleViews views = new SampleViews(language).withImages(standard.preview, standard.receipt, standard.qr);
            List<SampleViews.Named> screens = new ArrayList<>(views.all());
            screens.removeIf(n -> n.name().equals("review"));
            screens.add(new SampleViews.Named("review", views.review(standard.fields, standard.clerkChecks)));
            SampleViews gaijiViews = new SampleViews(language).withImages(gaiji.preview, gaiji.receipt, gaiji.qr);
            screens.add(new SampleViews.Named("review-gaiji", gaijiViews.review(gaiji.fields, gaiji.clerkChecks)));
            for (SampleViews.Named screen : screens) {
                written += shoot(window, journey, screen.view(), dir.resolve("booth-" + screen.name() + "-" + tag + ".png"));
            }
        }
        // Chinese needs its own font family (Korean too, but this machine has no hangul font): one screen shows it
        for (BoothLanguage language : List.of(BoothLanguage.CHINESE)) {
            SampleViews views = new SampleViews(language);
            written += shoot(window, journey, views.pin(SampleViews.entry(jp.madoguchi.card.mynumber.PinKind.AUTHENTICATION,
                    1)), dir.resolve("booth-pin-last-try-" + language.tag() + ".png"));
        }
        BoothFx.close(window);
        // large text and high contrast, for a few screens
        SampleViews ja = new SampleViews(BoothLanguage.JAPANESE).withImages(standard.preview, standard.receipt,
                standard.qr);
        for (String variant : List.of("large", "contrast")) {
            BoothPreferences preferences = variant.equals("large") ? BoothPreferences.defaults().withLargeText(true)
                    : BoothPreferences.defaults().withHighContrast(true);
            FakeJourney other = new FakeJourney(SampleViews.attract());
            BoothWindow styled = BoothFx.open(other, preferences);
            written += shoot(styled, other, ja.procedure(), dir.resolve("booth-procedure-ja-" + variant + ".png"));
            written += shoot(styled, other, ja.pin(SampleViews.entry(jp.madoguchi.card.mynumber.PinKind.AUTHENTICATION,
                    1)), dir.resolve("booth-pin-last-try-ja-" + variant + ".png"));
            written += shoot(styled, other, ja.identity(true), dir.resolve("booth-identity-ja-" + variant + ".png"));
            BoothFx.close(styled);
        }
        assertTrue(written > 50, "screenshots written: " + written);
    }

    private static int shoot(BoothWindow window, FakeJourney journey, JourneyView view, Path file) throws Exception {
        BoothFx.show(journey, view);
        // images decode in the background: wait for them before the snapshot
        jp.madoguchi.video.testing.Poll.until(java.time.Duration.ofSeconds(30), () -> {
            try {
                return BoothFx.fx(() -> window.scene().getRoot().lookupAll(".image-view").stream()
                        .map(n -> ((javafx.scene.image.ImageView) n).getImage())
                        .allMatch(image -> image != null && image.getProgress() >= 1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> "images of " + file.getFileName() + " still loading");
        BoothFx.settle();
        WritableImage image = BoothFx.fx(() -> window.scene().snapshot(null));
        Files.write(file, png(image));
        return 1;
    }

    static byte[] png(WritableImage image) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(buffered, "png", out);
        return out.toByteArray();
    }

    private record Images(byte[] preview, byte[] receipt, byte[] qr, List<FieldView> fields, List<String> clerkChecks) {
    }

    /** The 住民票 filled with the usual answers for a persona, rendered as the booth would show it. */
    private static Images images(String personaId) throws Exception {
        Persona persona = Personas.builtIn(personaId);
        FormDefinition form = new SampleViews(BoothLanguage.JAPANESE).form();
        CardData card = new CardData(persona.name(), persona.address(), persona.birthDate(),
                String.valueOf(persona.sex().code()), persona.nameSubstituted(), persona.addressSubstituted());
        Map<String, String> answers = new QuestionFlow(form).complete(Map.of());
        FilledApplication app = new FormFiller().fill(form, card, answers,
                new FillContext(DATE, REFERENCE, new Booth("見本市", "見本市役所 本庁舎 窓口ブース", "booth-demo")));
        JapaneseFonts fonts = JapaneseFonts.fromSystem();
        byte[] preview = new PngPreview().render(new PdfRenderer(fonts).render(app));
        byte[] receipt = new ReceiptImage(fonts).renderPng(new ReceiptText().render(app, ReceiptWidth.MM58),
                ReceiptWidth.MM58);
        Map<String, String> sources = new HashMap<>();
        for (Section section : form.sections()) {
            for (Section.Row row : section.rows()) {
                for (Section.Cell cell : row.cells()) {
                    sources.put(cell.id(), cell.source().notation());
                }
            }
        }
        List<String> clerkChecks = app.clerkChecks().stream().map(FilledApplication.ClerkCheck::fieldId).toList();
        List<FieldView> fields = app.fields().stream().filter(f -> !f.value().isBlank())
                .map(f -> new FieldView(f.id(), f.label(), f.value(), sources.getOrDefault(f.id(), ""),
                        clerkChecks.contains(f.id()))).toList();
        return new Images(preview, receipt, qr(REFERENCE), fields, clerkChecks);
    }

    private static byte[] qr(String content) throws Exception {
        ByteMatrix matrix = Encoder.encode(content, ErrorCorrectionLevel.M,
                Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
        int module = 8;
        int quiet = 4;
        int side = (matrix.getWidth() + 2 * quiet) * module;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / module - quiet;
                int my = y / module - quiet;
                boolean dark = mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight()
                        && matrix.get(mx, my) == 1;
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
