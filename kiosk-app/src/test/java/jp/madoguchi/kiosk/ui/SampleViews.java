package jp.madoguchi.kiosk.ui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Language;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.AudioCue;
import jp.madoguchi.kiosk.journey.CardPrompt;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.journey.JourneyView.AnswerView;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.journey.JourneyView.CallView;
import jp.madoguchi.kiosk.journey.JourneyView.ChoiceView;
import jp.madoguchi.kiosk.journey.JourneyView.DecisionView;
import jp.madoguchi.kiosk.journey.JourneyView.FieldView;
import jp.madoguchi.kiosk.journey.JourneyView.IdentityView;
import jp.madoguchi.kiosk.journey.JourneyView.LinkView;
import jp.madoguchi.kiosk.journey.JourneyView.ProcedureView;
import jp.madoguchi.kiosk.journey.JourneyView.QuestionView;
import jp.madoguchi.kiosk.journey.JourneyView.ReceiptView;
import jp.madoguchi.kiosk.journey.JourneyView.ReviewView;
import jp.madoguchi.kiosk.pin.PinAttemptPolicy;
import jp.madoguchi.kiosk.pin.PinMessage;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.JourneyStep;

/**
 * Representative snapshots of every screen, in a language, built from the real forms catalogue (住民票の写し) and
 * card-reader's default persona: for the screens' tests and the screenshot tool.
 */
public final class SampleViews {
    public static final LinkView ONLINE = new LinkView(true, 0);
    public static final String FORM = "juminhyo";

    private final BoothLanguage language;
    private final Language formLanguage;
    private final FormDefinition form;
    private final List<ProcedureView> procedures;
    private final Persona persona = Personas.builtIn("default");
    private byte[] previewPng = png(420, 594, new Color(250, 250, 250));
    private byte[] receiptPng = png(380, 620, Color.WHITE);
    private byte[] qrPng = png(290, 290, Color.WHITE);

    public SampleViews(BoothLanguage language) {
        this.language = language;
        this.formLanguage = Language.fromCode(language == BoothLanguage.EASY_JAPANESE ? "ja-easy" : language.tag())
                .orElseThrow();
        try {
            FormCatalogue catalogue = FormCatalogue.load(null);
            this.form = catalogue.form(FORM).orElseThrow();
            List<ProcedureView> all = new ArrayList<>();
            for (FormDefinition f : catalogue.forms()) {
                all.add(new ProcedureView(f.id(), f.title().in(formLanguage), f.department().in(formLanguage), true));
            }
            this.procedures = List.copyOf(all);
        } catch (Exception e) {
            throw new IllegalStateException("the shipped forms catalogue cannot be loaded", e);
        }
    }

    /** The real preview, receipt and QR images (the screenshot tool renders them with forms). */
    public SampleViews withImages(byte[] preview, byte[] receipt, byte[] qr) {
        this.previewPng = preview;
        this.receiptPng = receipt;
        this.qrPng = qr;
        return this;
    }

    public BoothLanguage language() {
        return language;
    }

    public Persona persona() {
        return persona;
    }

    public FormDefinition form() {
        return form;
    }

    public List<ProcedureView> procedures() {
        return procedures;
    }

    /** A snapshot of {@code step} with only what that step needs. */
    public JourneyView base(JourneyStep step) {
        return new JourneyView(step, step == JourneyStep.ATTRACT || step == JourneyStep.LANGUAGE ? Optional.empty()
                : Optional.of(language), procedures,
                step.ordinal() > JourneyStep.PROCEDURE.ordinal() ? Optional.of(procedures.stream()
                        .filter(p -> p.id().equals(FORM)).findFirst().orElseThrow()) : Optional.empty(),
                CardPrompt.WAITING_FOR_CARD, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), ONLINE, OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static JourneyView attract() {
        return new SampleViews(BoothLanguage.JAPANESE).base(JourneyStep.ATTRACT);
    }

    public JourneyView attractAfter(EndCause cause) {
        return with(base(JourneyStep.ATTRACT)).lastEnd(cause).build();
    }

    public JourneyView languageScreen() {
        return base(JourneyStep.LANGUAGE);
    }

    public JourneyView procedure() {
        return base(JourneyStep.PROCEDURE);
    }

    public JourneyView placeCard(CardPrompt prompt) {
        return with(base(JourneyStep.PLACE_CARD)).card(prompt).build();
    }

    public JourneyView pin(PinScreen screen) {
        return with(base(screen.kind() == PinKind.SIGNATURE ? JourneyStep.SIGNATURE : JourneyStep.PIN))
                .secret(screen).build();
    }

    public static PinScreen entry(PinKind kind, int triesLeft) {
        return PinAttemptPolicy.beforeEntry(kind, new PinStatus.TriesLeft(triesLeft));
    }

    public static PinScreen blocked(PinKind kind) {
        return PinAttemptPolicy.afterAnswer(kind, new PinResult.Blocked());
    }

    public static PinScreen checking(PinKind kind) {
        return new PinScreen(kind, PinScreen.Mode.CHECKING, 3,
                List.of(PinMessage.of(PinAttemptPolicy.keyPrefix(kind) + ".checking")));
    }

    public JourneyView identity(boolean needsClerkCheck) {
        return with(base(JourneyStep.CONFIRM_IDENTITY)).identity(new IdentityView(persona.name(), persona.address(),
                birthDate(), "", needsClerkCheck)).build();
    }

    private String birthDate() {
        var date = persona.birthDate();
        return switch (language) {
            case JAPANESE -> "昭和55年（" + date.getYear() + "年）" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
            case EASY_JAPANESE -> date.getYear() + "ねん " + date.getMonthValue() + "がつ " + date.getDayOfMonth() + "にち";
            default -> date.toString();
        };
    }

    public JourneyView usualAnswers() {
        List<AnswerView> answers = new ArrayList<>();
        for (Question question : form.questions()) {
            if (question.when() != null || question.defaultValue() == null) {
                continue;
            }
            String answer = question.type() == Question.Type.CHOICE ? question.choice(question.defaultValue())
                    .map(c -> c.label().in(formLanguage)).orElse(question.defaultValue()) : question.defaultValue();
            answers.add(new AnswerView(question.id(), question.prompt().in(formLanguage), answer));
        }
        return with(base(JourneyStep.QUESTIONS)).usualAnswers(answers).build();
    }

    /** The form's first choice question (number 1 of the count of questions). */
    public JourneyView choiceQuestion() {
        Question question = form.questions().stream().filter(q -> q.type() == Question.Type.CHOICE).findFirst()
                .orElseThrow();
        List<ChoiceView> choices = question.choices().stream()
                .map(c -> new ChoiceView(c.value(), c.label().in(formLanguage))).toList();
        return with(base(JourneyStep.QUESTIONS)).question(new QuestionView(question.id(),
                question.prompt().in(formLanguage), QuestionView.Kind.CHOICE, choices, 0, 0,
                Optional.ofNullable(question.defaultValue()), 1, form.questions().size())).build();
    }

    public JourneyView numberQuestion() {
        Question question = form.questions().stream().filter(q -> q.type() == Question.Type.NUMBER).findFirst()
                .orElseThrow();
        return with(base(JourneyStep.QUESTIONS)).question(new QuestionView(question.id(),
                question.prompt().in(formLanguage), QuestionView.Kind.NUMBER, List.of(), question.min(),
                question.max(), Optional.ofNullable(question.defaultValue()), form.questions().size(),
                form.questions().size())).build();
    }

    public JourneyView review(List<FieldView> fields, List<String> clerkCheck) {
        return with(base(JourneyStep.REVIEW)).review(new ReviewView(previewPng, 0, 0, fields, clerkCheck)).build();
    }

    /** The review with a few fields like the filled 住民票 (the name needs a clerk's check). */
    public JourneyView review() {
        List<FieldView> fields = List.of(
                new FieldView("applicant.name", "氏名", persona.name(), "card.name", true),
                new FieldView("applicant.address", "住所", persona.address(), "card.address", false),
                new FieldView("applicant.birthDate", "生年月日", birthDate(), "card.birthDate", false),
                new FieldView("scope", "必要な方", "本人のみ", "answer.scope", false),
                new FieldView("copies", "通数", "1", "answer.copies", false),
                new FieldView("fee", "手数料", "300円", "computed.feeTotal", false),
                new FieldView("date", "申請日", "令和8年11月24日", "computed.today", false));
        return review(fields, List.of("applicant.name"));
    }

    public JourneyView call(CallView call) {
        return with(base(JourneyStep.CALL)).call(call).build();
    }

    public static CallView queued(int position, int waitSeconds) {
        return new CallView(CallPhase.QUEUED, OptionalInt.of(position), OptionalInt.of(waitSeconds),
                Optional.of("R-20261124-0042"), Optional.empty());
    }

    /** Waiting again after the answering clerk's console went away (call_returned). */
    public static CallView returned(int position) {
        return new CallView(CallPhase.QUEUED, OptionalInt.of(position), OptionalInt.empty(),
                Optional.of("R-20261124-0042"), Optional.empty(), Optional.empty(), true);
    }

    public static CallView phase(CallPhase phase) {
        return new CallView(phase, OptionalInt.empty(), OptionalInt.empty(), Optional.of("R-20261124-0042"),
                Optional.empty());
    }

    public CallView ended(Outcome outcome) {
        return new CallView(CallPhase.ENDED, OptionalInt.empty(), OptionalInt.empty(),
                Optional.of("R-20261124-0042"), Optional.of(new DecisionView(outcome,
                language == BoothLanguage.ENGLISH ? "Your certificate will be printed at the counter."
                        : "窓口で証明書をお渡しします。")));
    }

    /** In the call, the clerk shows a sentence and a picture of a document (by default the form's preview). */
    public JourneyView callClerkShows() {
        return callClerkShows(clerkText(), previewPng);
    }

    /** In the call, the clerk shows {@code text} ("" for none) and {@code picture} (empty for none). */
    public JourneyView callClerkShows(String text, byte[] picture) {
        int width = 0;
        int height = 0;
        if (picture.length > 0) {
            try {
                BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(picture));
                width = image.getWidth();
                height = image.getHeight();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return call(phase(CallPhase.IN_CALL).withShown(Optional.of(
                new JourneyView.ClerkShowsView(text, picture, width, height))));
    }

    /** A clerk's message of a realistic length, in the sample's language. */
    public String clerkText() {
        return language == BoothLanguage.ENGLISH
                ? "This is the certificate you will receive today. Please check that the address in the frame is"
                + " correct. If it is, you do not need to do anything: I will finish the application now."
                : "本日お渡しする住民票の写しは、こちらの内容になります。枠で囲んだ住所に誤りがないか、ご確認ください。"
                + "誤りがなければ、操作は必要ありません。このまま手続きを進めます。";
    }

    public JourneyView receipt(boolean printed, boolean delivered) {
        return with(base(JourneyStep.RECEIPT)).receipt(new ReceiptView(delivered ? "R-20261124-0042" : "B-7F3K-2Q9D",
                delivered, "", receiptPng, qrPng, printed)).build();
    }

    public JourneyView takeCard() {
        return base(JourneyStep.TAKE_CARD);
    }

    /** Every screen with a name for its file: {@code attract}, {@code pin-last-try}, … */
    public List<Named> all() {
        List<Named> all = new ArrayList<>();
        all.add(new Named("attract", attractAfter(EndCause.INACTIVITY)));
        all.add(new Named("language", languageScreen()));
        all.add(new Named("procedure", procedure()));
        all.add(new Named("place-card", placeCard(CardPrompt.WAITING_FOR_CARD)));
        all.add(new Named("place-card-reader-missing", placeCard(CardPrompt.READER_MISSING)));
        all.add(new Named("place-card-reader-restarted", with(placeCard(CardPrompt.WAITING_FOR_CARD))
                .problem("journey.problem.reader_restarted").build()));
        all.add(new Named("pin", pin(entry(PinKind.AUTHENTICATION, 3))));
        all.add(new Named("pin-last-try", pin(entry(PinKind.AUTHENTICATION, 1))));
        all.add(new Named("pin-blocked", pin(blocked(PinKind.AUTHENTICATION))));
        all.add(new Named("pin-checking", pin(checking(PinKind.AUTHENTICATION))));
        all.add(new Named("identity", identity(true)));
        all.add(new Named("questions-usual", usualAnswers()));
        all.add(new Named("question-choice", choiceQuestion()));
        all.add(new Named("question-number", numberQuestion()));
        all.add(new Named("review", review()));
        all.add(new Named("signature", pin(entry(PinKind.SIGNATURE, 5))));
        all.add(new Named("signature-last-try", pin(entry(PinKind.SIGNATURE, 1))));
        all.add(new Named("call-queued", call(queued(2, 240))));
        all.add(new Named("call-returned", call(returned(1))));
        all.add(new Named("call-decision", call(ended(Outcome.ACCEPTED))));
        all.add(new Named("call-clerk-shows", callClerkShows()));
        all.add(new Named("call-unavailable", call(phase(CallPhase.UNAVAILABLE))));
        all.add(new Named("receipt", receipt(true, true)));
        all.add(new Named("receipt-qr", receipt(false, false)));
        all.add(new Named("take-card", takeCard()));
        all.add(new Named("countdown", with(pin(entry(PinKind.AUTHENTICATION, 3))).countdown(20).build()));
        all.add(new Named("busy-offline", with(placeCard(CardPrompt.READING)).busy("card.reading")
                .problem("pin.error.card_unreadable").link(new LinkView(false, 2)).build()));
        return all;
    }

    public record Named(String name, JourneyView view) {
    }

    public static Builder with(JourneyView view) {
        return new Builder(view);
    }

    /** Changes one part of a snapshot. */
    public static final class Builder {
        private JourneyStep step;
        private Optional<BoothLanguage> language;
        private List<ProcedureView> procedures;
        private Optional<ProcedureView> procedure;
        private CardPrompt card;
        private Optional<PinScreen> secret;
        private Optional<IdentityView> identity;
        private List<AnswerView> usualAnswers;
        private Optional<QuestionView> question;
        private Optional<ReviewView> review;
        private Optional<CallView> call;
        private Optional<ReceiptView> receipt;
        private LinkView link;
        private OptionalInt countdown;
        private Optional<String> busy;
        private Optional<String> problem;
        private Optional<EndCause> lastEnd;
        private Optional<AudioCue> cue;

        Builder(JourneyView v) {
            step = v.step();
            language = v.language();
            procedures = v.procedures();
            procedure = v.procedure();
            card = v.card();
            secret = v.secret();
            identity = v.identity();
            usualAnswers = v.usualAnswers();
            question = v.question();
            review = v.review();
            call = v.call();
            receipt = v.receipt();
            link = v.link();
            countdown = v.countdownSeconds();
            busy = v.busyKey();
            problem = v.problemKey();
            lastEnd = v.lastEnd();
            cue = v.cue();
        }

        public Builder language(BoothLanguage value) {
            language = Optional.ofNullable(value);
            return this;
        }

        public Builder card(CardPrompt value) {
            card = value;
            return this;
        }

        public Builder secret(PinScreen value) {
            secret = Optional.of(value);
            return this;
        }

        public Builder identity(IdentityView value) {
            identity = Optional.of(value);
            return this;
        }

        public Builder usualAnswers(List<AnswerView> value) {
            usualAnswers = value;
            return this;
        }

        public Builder question(QuestionView value) {
            question = Optional.of(value);
            return this;
        }

        public Builder review(ReviewView value) {
            review = Optional.of(value);
            return this;
        }

        public Builder call(CallView value) {
            call = Optional.of(value);
            return this;
        }

        public Builder receipt(ReceiptView value) {
            receipt = Optional.of(value);
            return this;
        }

        public Builder link(LinkView value) {
            link = value;
            return this;
        }

        public Builder countdown(int seconds) {
            countdown = OptionalInt.of(seconds);
            return this;
        }

        public Builder noCountdown() {
            countdown = OptionalInt.empty();
            return this;
        }

        public Builder busy(String key) {
            busy = Optional.ofNullable(key);
            return this;
        }

        public Builder problem(String key) {
            problem = Optional.ofNullable(key);
            return this;
        }

        public Builder lastEnd(EndCause value) {
            lastEnd = Optional.ofNullable(value);
            return this;
        }

        public Builder cue(AudioCue value) {
            cue = Optional.ofNullable(value);
            return this;
        }

        public JourneyView build() {
            return new JourneyView(step, language, procedures, procedure, card, secret, identity, usualAnswers,
                    question, review, call, receipt, link, countdown, busy, problem, lastEnd, cue);
        }
    }

    static byte[] png(int width, int height, Color background) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(10, 10, width - 21, height - 21);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
