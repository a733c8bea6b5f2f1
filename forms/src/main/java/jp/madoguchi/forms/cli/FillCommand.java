package jp.madoguchi.forms.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.fill.CanonicalJson;
import jp.madoguchi.forms.fill.FormFiller;
import jp.madoguchi.forms.fill.InvalidAnswerException;
import jp.madoguchi.forms.fill.MissingAnswerException;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.render.JapaneseFontMissingException;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.forms.render.PdfRenderer;
import jp.madoguchi.forms.render.PngPreview;
import jp.madoguchi.forms.render.ReceiptText;
import jp.madoguchi.forms.render.ReceiptWidth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fill}: card data and answers in; PDF, PNG preview, canonical JSON and receipt out. */
@Command(name = "fill", description = "Fill a form from card data (card-reader.jar info --json) and answers.")
final class FillCommand implements Callable<Integer> {
    @Mixin
    CatalogueOptions catalogue;

    @Option(names = "--form", paramLabel = "ID", required = true, description = "The procedure (see `list`).")
    String formId;

    @Option(names = "--card", paramLabel = "CARD.json", required = true,
            description = "{\"name\", \"address\", \"birthDate\": \"YYYY-MM-DD\", \"sex\": \"1|2|9\"} as card-reader.jar info --json prints.")
    Path cardFile;

    @Option(names = "--answers", paramLabel = "ANSWERS.json",
            description = "Question id to answer, e.g. {\"copies\": 2, \"purpose\": \"work\"}. Unanswered questions take their default.")
    Path answersFile;

    @Option(names = "--pdf", paramLabel = "OUT.pdf", description = "The A4 form.")
    Path pdf;

    @Option(names = "--png", paramLabel = "OUT.png", description = "The screen preview of the form.")
    Path png;

    @Option(names = "--json", paramLabel = "OUT.json", description = "The canonical JSON: what the resident signs.")
    Path json;

    @Option(names = "--receipt", paramLabel = "OUT.txt", description = "The receipt for a receipt printer.")
    Path receipt;

    @Option(names = "--receipt-width", paramLabel = "MM", defaultValue = "58", description = "58 or 80 (mm paper; default: ${DEFAULT-VALUE}).")
    int receiptWidth;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date of the application (default: today in --zone).")
    String date;

    @Option(names = "--zone", defaultValue = "Asia/Tokyo",
            description = "Time zone whose today is the application date (default: ${DEFAULT-VALUE}, whatever the machine's clock zone).")
    String zone;

    @Option(names = "--reference", paramLabel = "REF", description = "Reference number (default: a new one).")
    String reference;

    @Option(names = "--municipality", defaultValue = "見本市", description = "Booth configuration (default: ${DEFAULT-VALUE}).")
    String municipality;

    @Option(names = "--location", defaultValue = "見本市役所 本庁舎 窓口ブース", description = "Booth configuration (default: ${DEFAULT-VALUE}).")
    String location;

    @Option(names = "--booth-id", defaultValue = "booth-demo", description = "Booth configuration (default: ${DEFAULT-VALUE}).")
    String boothId;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of the tool's messages: ja or en.")
    String language;

    @Override
    public Integer call() throws Exception {
        Out out = new Out(language);
        if (pdf == null && png == null && json == null && receipt == null) {
            return out.fail(FormsTool.EXIT_USAGE, "error.no_output");
        }
        if (receiptWidth != 58 && receiptWidth != 80) {
            return out.fail(FormsTool.EXIT_USAGE, "error.receipt_width");
        }
        LocalDate day;
        try {
            day = date == null ? LocalDate.now(java.time.ZoneId.of(zone)) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return out.fail(FormsTool.EXIT_USAGE, "error.bad_date");
        } catch (java.time.DateTimeException e) {
            return out.fail(FormsTool.EXIT_USAGE, "error.bad_zone", zone);
        }
        FormCatalogue forms = catalogue.load(out);
        if (forms == null) {
            return FormsTool.EXIT_FAILURE;
        }
        FormDefinition form = forms.form(formId).orElse(null);
        if (form == null) {
            return out.fail(FormsTool.EXIT_USAGE, "error.no_such_form", formId,
                    forms.forms().stream().map(FormDefinition::id).collect(Collectors.joining(", ")));
        }
        CardData card;
        Map<String, String> answers = Map.of();
        try {
            card = InputFiles.readCard(cardFile);
        } catch (InputFiles.InputException e) {
            return out.fail(FormsTool.EXIT_FAILURE, "error.card_file", cardFile, e.getMessage());
        } catch (NoSuchFileException e) {
            return out.fail(FormsTool.EXIT_FAILURE, "error.not_found", cardFile);
        } catch (IOException e) {
            return out.fail(FormsTool.EXIT_FAILURE, "error.io", cardFile, e.getClass().getSimpleName());
        }
        if (answersFile != null) {
            try {
                answers = InputFiles.readAnswers(answersFile);
            } catch (InputFiles.InputException e) {
                return out.fail(FormsTool.EXIT_FAILURE, "error.answers_file", answersFile, e.getMessage());
            } catch (NoSuchFileException e) {
                return out.fail(FormsTool.EXIT_FAILURE, "error.not_found", answersFile);
            } catch (IOException e) {
                return out.fail(FormsTool.EXIT_FAILURE, "error.io", answersFile, e.getClass().getSimpleName());
            }
        }
        List<String> asked = form.questions().stream().map(Question::id).toList();
        for (String id : answers.keySet()) {
            if (!asked.contains(id)) {
                // said here, naming the file and the questions, rather than as the filler's generic refusal
                return out.fail(FormsTool.EXIT_FAILURE, "error.unknown_answer", answersFile, id, form.id(),
                        asked.isEmpty() ? "-" : String.join(", ", asked));
            }
        }
        FillContext context = new FillContext(day, reference != null ? reference : newReference(day),
                new Booth(municipality, location, boothId));
        FilledApplication app;
        try {
            app = new FormFiller().fill(form, card, answers, context);
        } catch (MissingAnswerException e) {
            return out.fail(FormsTool.EXIT_FAILURE, "error.missing_answer", String.join(", ", e.questionIds()));
        } catch (InvalidAnswerException e) {
            // a kana or postal code answer may be a name's reading or part of an address: not echoed
            Question.Type type = form.question(e.questionId()).map(Question::type).orElse(Question.Type.KANA);
            String shown = type == Question.Type.CHOICE || type == Question.Type.NUMBER ? e.value() : "…";
            return out.fail(FormsTool.EXIT_FAILURE, "error.invalid_answer", e.questionId(), shown,
                    allowed(out, form, e));
        } catch (IllegalArgumentException e) {
            return out.fail(FormsTool.EXIT_FAILURE, "error.fill", e.getMessage());
        }
        // Render everything first, then write: a failure (no font, a missing folder) must not
        // leave some of the outputs behind looking like the result of a successful fill.
        Map<Path, byte[]> outputs = new java.util.LinkedHashMap<>();
        try {
            if (json != null) {
                outputs.put(json, CanonicalJson.of(app));
            }
            if (pdf != null || png != null) {
                byte[] document = new PdfRenderer(JapaneseFonts.fromSystem()).render(app);
                if (pdf != null) {
                    outputs.put(pdf, document);
                }
                if (png != null) {
                    outputs.put(png, new PngPreview().render(document));
                }
            }
            if (receipt != null) {
                String text = new ReceiptText().render(app, receiptWidth == 80 ? ReceiptWidth.MM80 : ReceiptWidth.MM58);
                outputs.put(receipt, text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (JapaneseFontMissingException e) {
            return out.fail(FormsTool.EXIT_FAILURE, "error.font", e.getMessage());
        }
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> output : outputs.entrySet()) {
                write(output.getKey(), output.getValue(), written);
            }
        } catch (OutputFailure e) {
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the write failure is the one to report
                }
            }
            return out.fail(FormsTool.EXIT_FAILURE, "error.io", e.file, e.getCause().getMessage());
        }
        for (Path p : written) {
            out.say("fill.written", p);
        }
        if (app.needsClerkCheck()) {
            out.err.println(out.text("fill.clerk_check", app.clerkChecks().stream()
                    .map(FilledApplication.ClerkCheck::fieldId).distinct().collect(Collectors.joining(", "))));
        }
        return FormsTool.EXIT_OK;
    }

    /** What the question allows, said so the person can correct the answers file. */
    private static String allowed(Out out, FormDefinition form, InvalidAnswerException e) {
        Question q = form.question(e.questionId()).orElse(null);
        switch (e.reason()) {
            case NOT_A_CHOICE:
                return out.text("reason.choice", q == null ? "" : q.choices().stream().map(Question.Choice::value)
                        .collect(Collectors.joining(", ")));
            case BELOW_MIN:
            case ABOVE_MAX:
            case NOT_A_NUMBER:
                return out.text("reason.number", q == null ? "" : q.min(), q == null ? "" : q.max());
            case NOT_KANA:
                return out.text("reason.kana");
            default:
                return out.text("reason.postal_code");
        }
    }

    /** Writing one output failed; names the file. */
    private static final class OutputFailure extends Exception {
        final Path file;

        OutputFailure(Path file, IOException cause) {
            super(cause);
            this.file = file;
        }
    }

    /** Writes next to the target and renames, so a file is never seen half-written. */
    private static void write(Path file, byte[] bytes, List<Path> written) throws OutputFailure {
        Path absolute = file.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            Files.write(partial, bytes);
            Files.move(partial, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            written.add(file);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new OutputFailure(file, e);
        }
    }

    /** A reference number people can read out over a video call: date and six unambiguous characters. */
    static String newReference(LocalDate day) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
        SecureRandom random = new SecureRandom();
        StringBuilder ref = new StringBuilder("MD-").append(day.toString().replace("-", "")).append('-');
        for (int i = 0; i < 6; i++) {
            ref.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return ref.toString();
    }
}
