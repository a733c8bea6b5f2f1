package jp.madoguchi.forms.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.fill.CanonicalJson;
import jp.madoguchi.forms.fill.FormFiller;
import jp.madoguchi.forms.fill.QuestionFlow;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.forms.render.PdfRenderer;
import jp.madoguchi.forms.render.PngPreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: for every procedure, the time to fill it from a sample card and render it to
 * canonical JSON, PDF and PNG, warm, as a table. It asserts nothing.
 */
@Command(name = "bench", description = "Time filling and rendering every form (warm), as a table.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    CatalogueOptions catalogue;

    @Option(names = "--iterations", defaultValue = "30", description = "Measured runs per form (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "15", description = "Unmeasured runs per form first (default: ${DEFAULT-VALUE}).")
    int warmup;

    private static final CardData SAMPLE = new CardData("見本　太郎", "東京都千代田区霞が関１－２－３ 見本マンション１０１号室",
            LocalDate.of(1980, 2, 17), "1");

    /** One run's times in nanoseconds. */
    private record Run(long fill, long json, long pdf, long png, int pdfBytes, int pngBytes) {
        long total() {
            return fill + json + pdf + png;
        }
    }

    @Override
    public Integer call() throws Exception {
        Out out = new Out("en");
        FormCatalogue forms = catalogue.load(out);
        if (forms == null) {
            return FormsTool.EXIT_FAILURE;
        }
        JapaneseFonts fonts = JapaneseFonts.fromSystem();
        PdfRenderer pdfRenderer = new PdfRenderer(fonts);
        PngPreview preview = new PngPreview();
        FormFiller filler = new FormFiller();
        FillContext context = new FillContext(LocalDate.of(2025, 11, 23), "MD-20251123-BENCH1",
                new Booth("見本市", "見本市役所 本庁舎 窓口ブース", "booth-bench"));
        out.out.println(String.format("%-12s %8s %8s %8s %8s %12s %10s %9s %9s", "form", "fill ms", "json ms", "pdf ms",
                "png ms", "median ms", "p95 ms", "PDF KB", "PNG KB"));
        for (FormDefinition form : forms.forms()) {
            Map<String, String> answers = sampleAnswers(form);
            for (int i = 0; i < warmup; i++) {
                once(form, answers, context, filler, pdfRenderer, preview);
            }
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                runs.add(once(form, answers, context, filler, pdfRenderer, preview));
            }
            List<Long> totals = new ArrayList<>();
            for (Run r : runs) {
                totals.add(r.total());
            }
            Collections.sort(totals);
            out.out.println(String.format(Locale.ROOT, "%-12s %8.1f %8.1f %8.1f %8.1f %12.1f %10.1f %9.1f %9.1f", form.id(),
                    median(runs, Run::fill), median(runs, Run::json), median(runs, Run::pdf), median(runs, Run::png),
                    totals.get(totals.size() / 2) / 1e6,
                    totals.get(Math.min(totals.size() - 1, (int) Math.ceil(totals.size() * 0.95) - 1)) / 1e6,
                    runs.get(0).pdfBytes() / 1024.0, runs.get(0).pngBytes() / 1024.0));
        }
        out.out.println(String.format("(%d warm runs each after %d warm-up; JDK %s; %d cores; PNG at %.0f dpi)", iterations,
                warmup, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), preview.dpi()));
        return FormsTool.EXIT_OK;
    }

    private static Run once(FormDefinition form, Map<String, String> answers, FillContext context, FormFiller filler,
            PdfRenderer pdfRenderer, PngPreview preview) throws Exception {
        long t0 = System.nanoTime();
        FilledApplication app = filler.fill(form, SAMPLE, answers, context);
        long t1 = System.nanoTime();
        CanonicalJson.of(app);
        long t2 = System.nanoTime();
        byte[] pdf = pdfRenderer.render(app);
        long t3 = System.nanoTime();
        byte[] png = preview.render(pdf);
        long t4 = System.nanoTime();
        return new Run(t1 - t0, t2 - t1, t3 - t2, t4 - t3, pdf.length, png.length);
    }

    /** Answers a resident might give: the default, else the first choice or the smallest number. */
    static Map<String, String> sampleAnswers(FormDefinition form) {
        Map<String, String> answers = new LinkedHashMap<>();
        QuestionFlow flow = new QuestionFlow(form);
        // follow the flow as a resident would: each answer may open a conditional question
        for (java.util.Optional<Question> next = flow.next(answers); next.isPresent(); next = flow.next(answers)) {
            Question q = next.get();
            if (q.defaultValue() != null) {
                answers.put(q.id(), q.defaultValue());
            } else if (q.type() == Question.Type.CHOICE) {
                answers.put(q.id(), q.choices().get(0).value());
            } else if (q.type() == Question.Type.NUMBER) {
                answers.put(q.id(), String.valueOf(q.min() == null ? 1 : q.min()));
            } else if (q.type() == Question.Type.KANA) {
                answers.put(q.id(), "ミホン");
            } else {
                answers.put(q.id(), "100-0013");
            }
        }
        return answers;
    }

    private static double median(List<Run> runs, java.util.function.ToLongFunction<Run> part) {
        List<Long> values = new ArrayList<>();
        for (Run r : runs) {
            values.add(part.applyAsLong(r));
        }
        Collections.sort(values);
        return values.get(values.size() / 2) / 1e6;
    }
}
