package jp.madoguchi.forms.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Writes sample output to {@code forms/target/render-samples/} for a person to look at: the PDF in
 * a viewer, the PNG as the booth shows it, the receipts as a printer prints them. Also prints the
 * warm per-form render time, which the later benchmark measures properly.
 */
class RenderSamplesTest {
    private static final Path SAMPLES = Path.of("target", "render-samples");

    @Test
    void writesSamplesForAHumanToLookAt() throws Exception {
        Files.createDirectories(SAMPLES);
        JapaneseFonts fonts = JapaneseFonts.fromSystem();
        PdfRenderer renderer = new PdfRenderer(fonts);
        PngPreview preview = new PngPreview();

        byte[] pdf = renderer.render(SampleApplications.withClerkCheck());
        Files.write(SAMPLES.resolve("juminhyo-clerk-check.pdf"), pdf);
        Files.write(SAMPLES.resolve("juminhyo-clerk-check.png"), preview.render(pdf));
        // A close-up of the applicant's box at print resolution, to judge the 外字 marks and the wrapping.
        java.awt.image.BufferedImage printResolution = new PngPreview(300).renderImage(pdf);
        Files.write(SAMPLES.resolve("juminhyo-clerk-check-detail-300dpi.png"),
                PngPreview.encodePng(printResolution.getSubimage(0, 0, printResolution.getWidth(), printResolution.getHeight() / 3)));
        byte[] plainPdf = renderer.render(SampleApplications.withoutClerkCheck());
        Files.write(SAMPLES.resolve("juminhyo.pdf"), plainPdf);
        Files.write(SAMPLES.resolve("juminhyo.png"), preview.render(plainPdf));
        ReceiptText receipt = new ReceiptText();
        for (ReceiptWidth width : ReceiptWidth.values()) {
            Files.writeString(SAMPLES.resolve("receipt-" + width.name().toLowerCase() + ".txt"),
                    receipt.render(SampleApplications.withClerkCheck(), width), StandardCharsets.UTF_8);
        }

        for (int i = 0; i < 20; i++) { // warm up the JIT and PDFBox's caches
            preview.render(renderer.render(SampleApplications.withClerkCheck()));
        }
        int runs = 20;
        long pdfNanos = 0;
        long pngNanos = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            byte[] warmPdf = renderer.render(SampleApplications.withClerkCheck());
            long rendered = System.nanoTime();
            preview.render(warmPdf);
            pngNanos += System.nanoTime() - rendered;
            pdfNanos += rendered - start;
        }
        System.out.printf("warm render per form: PDF %.1f ms, PNG preview %.1f ms (%d runs)%n",
                pdfNanos / 1e6 / runs, pngNanos / 1e6 / runs, runs);
        assertTrue(Files.size(SAMPLES.resolve("juminhyo-clerk-check.png")) > 0);
    }
}
