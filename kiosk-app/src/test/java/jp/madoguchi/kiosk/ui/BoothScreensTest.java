package jp.madoguchi.kiosk.ui;

import static jp.madoguchi.kiosk.ui.BoothFx.exists;
import static jp.madoguchi.kiosk.ui.BoothFx.fx;
import static jp.madoguchi.kiosk.ui.BoothFx.fxRun;
import static jp.madoguchi.kiosk.ui.BoothFx.lookup;
import static jp.madoguchi.kiosk.ui.BoothFx.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.i18n.BoothMessages;
import jp.madoguchi.kiosk.journey.CardPrompt;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.kiosk.ui.model.BoothPreferences;
import jp.madoguchi.kiosk.ui.model.UiText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The booth's screens on a headless stage, driven as a resident would (touches through the robot) or by fire(). */
class BoothScreensTest {
    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
    private static final double MIN_TOUCH_PX = 64;

    private final FxRobot robot = new FxRobot();
    private final SampleViews japanese = new SampleViews(BoothLanguage.JAPANESE);
    private final SampleViews english = new SampleViews(BoothLanguage.ENGLISH);
    private final BoothMessages messages = BoothMessages.strict();
    private FakeJourney journey;
    private BoothWindow window;

    @BeforeAll
    static void toolkit() throws Exception {
        BoothFx.startToolkit();
    }

    @AfterEach
    void closeWindow() throws Exception {
        BoothFx.close(window);
    }

    private void open(JourneyView first, BoothPreferences preferences) throws Exception {
        journey = new FakeJourney(first);
        window = BoothFx.open(journey, preferences);
    }

    @Test
    void everyButtonOnEveryScreenIsATouchTargetWithAnAccessibleText() throws Exception {
        open(SampleViews.attract(), BoothPreferences.defaults());
        int buttons = 0;
        for (SampleViews views : List.of(japanese, english)) {
            for (SampleViews.Named screen : views.all()) {
                show(journey, screen.view());
                String screenId = "#screen-" + screen.view().step().name().toLowerCase(java.util.Locale.ROOT);
                assertTrue(exists(window, screenId), screen.name() + " shows " + screenId);
                List<String> problems = fx(() -> {
                    List<String> found = new ArrayList<>();
                    for (Node node : BoothFx.shown(window.scene().getRoot())) {
                        if (node instanceof Labeled labeled) {
                            String accessible = labeled.getAccessibleText();
                            if ((accessible == null || accessible.isBlank())
                                    && (labeled.getText() == null || labeled.getText().isBlank())) {
                                found.add(screen.name() + ": " + node + " has no text for a screen reader");
                            }
                        }
                        if (node instanceof Button button) {
                            Bounds bounds = button.getLayoutBounds();
                            if (bounds.getWidth() < MIN_TOUCH_PX || bounds.getHeight() < MIN_TOUCH_PX) {
                                found.add(screen.name() + ": " + button.getId() + " '" + button.getText() + "' is "
                                        + bounds.getWidth() + "x" + bounds.getHeight());
                            }
                        }
                    }
                    return found;
                });
                assertEquals(List.of(), problems, views.language() + " " + screen.name());
                buttons += fx(() -> (int) BoothFx.shown(window.scene().getRoot()).stream()
                        .filter(Button.class::isInstance).count());
            }
        }
        assertTrue(buttons > 200, "buttons checked: " + buttons);
    }

    @Test
    void choosingAnotherLanguageChangesEveryText() throws Exception {
        open(japanese.procedure(), BoothPreferences.defaults());
        assertEquals("戻る", lookup(window, "#nav-back", Button.class).getText());
        assertEquals(messages.text(BoothLanguage.JAPANESE, "step.procedure.title"),
                lookup(window, "#booth-title", Label.class).getText());
        show(journey, english.procedure());
        assertEquals("Back", lookup(window, "#nav-back", Button.class).getText());
        assertEquals("Cancel", lookup(window, "#nav-cancel", Button.class).getText());
        assertEquals("What would you like to do?", lookup(window, "#booth-title", Label.class).getText());
        List<String> japaneseLeft = fx(() -> BoothFx.shown(window.scene().getRoot()).stream()
                .filter(Labeled.class::isInstance).map(n -> ((Labeled) n).getText())
                .filter(t -> t != null && CJK.matcher(t).find()).toList());
        assertEquals(List.of(), japaneseLeft);
    }

    @Test
    void largeTextScalesTheFontsAndTheButtons() throws Exception {
        open(english.identity(false), BoothPreferences.defaults());
        double normalFont = lookup(window, "#booth-title", Label.class).getFont().getSize();
        double normalButton = lookup(window, "#nav-back", Button.class).getHeight();
        double normalName = lookup(window, "#identity-name", Label.class).getFont().getSize();
        BoothFx.close(window);
        open(english.identity(false), BoothPreferences.defaults().withLargeText(true));
        assertEquals(1.4, lookup(window, "#booth-title", Label.class).getFont().getSize() / normalFont, 0.01);
        assertEquals(1.4, lookup(window, "#identity-name", Label.class).getFont().getSize() / normalName, 0.01);
        assertTrue(lookup(window, "#nav-back", Button.class).getHeight() >= normalButton * 1.35,
                "back button " + normalButton + " → " + lookup(window, "#nav-back", Button.class).getHeight());
        // and switched on while a resident is there
        fxRun(() -> window.viewModel().largeTextProperty().set(false));
        BoothFx.settle();
        assertEquals(normalFont, lookup(window, "#booth-title", Label.class).getFont().getSize(), 0.01);
    }

    @Test
    void highContrastIsAnotherTokenSheet() throws Exception {
        open(english.procedure(), BoothPreferences.defaults().withHighContrast(true));
        assertTrue(fx(() -> window.scene().getStylesheets().contains(BoothTheme.HIGH_CONTRAST_STYLESHEET)));
        javafx.scene.paint.Paint fill = fx(() -> window.root().getBackground().getFills().get(0).getFill());
        assertEquals(javafx.scene.paint.Color.BLACK, fill);
        fxRun(() -> window.viewModel().highContrastProperty().set(false));
        assertFalse(fx(() -> window.scene().getStylesheets().contains(BoothTheme.HIGH_CONTRAST_STYLESHEET)));
    }

    @Test
    void thePinPadTypesIntoTheSecretEntryAndOkSubmitsIt() throws Exception {
        open(english.pin(SampleViews.entry(PinKind.AUTHENTICATION, 3)), BoothPreferences.defaults());
        assertTrue(lookup(window, "#key-ok", Button.class).isDisabled(), "OK waits for four digits");
        for (String key : List.of("#key-1", "#key-9", "#key-8", "#key-backspace", "#key-0", "#key-7")) {
            robot.clickOn(key);
        }
        BoothFx.settle();
        assertEquals(String.valueOf(SecretEntry.MASK).repeat(4), lookup(window, "#secret-masked", Label.class).getText());
        assertEquals("4 characters entered", lookup(window, "#secret-masked", Label.class).getAccessibleText());
        assertEquals(4, fx(() -> journey.secretEntry().orElseThrow().length()));
        robot.clickOn("#key-ok");
        BoothFx.settle();
        assertEquals(1, journey.secretsSubmitted());
        assertEquals(4, journey.lastSubmittedLength());
        assertTrue(journey.count("activity") >= 7, "every touch is activity: " + journey.actions());
        assertEquals(List.of("submitSecret"), journey.actionsBesidesActivity());
    }

    @Test
    void theLastTryIsAWarningWithAClerkInstead() throws Exception {
        open(english.pin(SampleViews.entry(PinKind.AUTHENTICATION, 1)), BoothPreferences.defaults());
        assertTrue(exists(window, "#secret-last-try"));
        String warning = fx(() -> window.scene().lookup("#secret-last-try").lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + " " + b));
        assertTrue(warning.contains("last try") && warning.contains("municipal office window"), warning);
        assertTrue(exists(window, "#secret-keys"), "the pad stays: the resident may still try");
        robot.clickOn("#secret-talk-to-clerk");
        BoothFx.settle();
        assertEquals(List.of("talkToClerk"), journey.actionsBesidesActivity());
    }

    @Test
    void aBlockedPinIsExplainedWithoutAPad() throws Exception {
        open(english.pin(SampleViews.blocked(PinKind.AUTHENTICATION)), BoothPreferences.defaults());
        assertTrue(exists(window, "#secret-blocked"));
        assertFalse(exists(window, "#secret-keys"));
        String text = fx(() -> window.scene().lookup("#secret-blocked").lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + " " + b));
        assertTrue(text.contains(messages.text(BoothLanguage.ENGLISH, "pin.blocked.explain", 3)), text);
        assertTrue(text.contains("Your card is locked"), text);
        fxRun(() -> lookup0("#secret-talk-to-clerk").fire());
        assertEquals(List.of("talkToClerk"), journey.actionsBesidesActivity());
        // checking: a spinner, and the pad does not take keys
        show(journey, english.pin(SampleViews.checking(PinKind.AUTHENTICATION)));
        assertTrue(exists(window, "#secret-spinner"));
        assertTrue(lookup(window, "#key-5", Button.class).isDisabled());
    }

    @Test
    void theCountdownCoversTheScreenAndATouchCallsActivity() throws Exception {
        JourneyView pin = english.pin(SampleViews.entry(PinKind.AUTHENTICATION, 3));
        open(pin, BoothPreferences.defaults());
        assertFalse(exists(window, "#countdown-overlay"));
        show(journey, SampleViews.with(pin).countdown(15).build());
        assertTrue(exists(window, "#countdown-overlay"));
        assertEquals("15", lookup(window, "#countdown-seconds", Label.class).getText());
        assertTrue(lookup(window, "#countdown-text", Label.class).getText().contains("15 seconds"));
        journey.clearActions();
        robot.clickOn("#countdown-seconds");
        BoothFx.settle();
        assertEquals(List.of("activity"), journey.actions(), "a touch on the overlay is activity and nothing else");
        robot.clickOn("#countdown-continue");
        BoothFx.settle();
        assertTrue(journey.count("activity") >= 2);
        assertEquals(List.of(), journey.actionsBesidesActivity());
    }

    @Test
    void backAndCancelCallTheirActionsAndShowWhereTheStepAllows() throws Exception {
        open(english.choiceQuestion(), BoothPreferences.defaults());
        robot.clickOn("#nav-back");
        robot.clickOn("#nav-cancel");
        BoothFx.settle();
        assertEquals(List.of("back", "cancel"), journey.actionsBesidesActivity());
        show(journey, english.call(SampleViews.queued(3, 300)));
        assertFalse(exists(window, "#nav-back"), "no way back once signed");
        assertTrue(exists(window, "#nav-cancel"));
        assertEquals("You are number 3 in line.", lookup(window, "#call-status", Label.class).getText());
        assertEquals("Expected wait: about 5 minutes.", lookup(window, "#call-wait", Label.class).getText());
        assertFalse(exists(window, "#call-returned"));
        show(journey, english.call(SampleViews.returned(1)));
        assertEquals("The connection to the staff member was lost. You keep your place in line; another staff member"
                + " will answer you.", lookup(window, "#call-returned", Label.class).getText());
        assertEquals("You are number 1 in line.", lookup(window, "#call-status", Label.class).getText());
        show(journey, SampleViews.attract());
        assertFalse(exists(window, "#nav-cancel"));
        assertFalse(exists(window, "#nav-back"));
    }

    @Test
    void everyScreensButtonsCallTheirActions() throws Exception {
        open(SampleViews.attract(), BoothPreferences.defaults());
        robot.clickOn("#attract-language-english");
        robot.clickOn("#touch-to-start");
        BoothFx.settle();
        // a touch on the background, below the language buttons
        robot.clickOn(fx(() -> window.scene().getRoot().localToScreen(300, BoothWindow.HEIGHT - 12)));
        // the maintenance corner does not start a session
        robot.clickOn(fx(() -> window.scene().getRoot().localToScreen(10, 10)));
        BoothFx.settle();
        assertEquals(List.of("chooseLanguage ENGLISH", "touchToStart", "touchToStart"),
                journey.actionsBesidesActivity());
        journey.clearActions();
        fire(english.languageScreen(), "#language-korean");
        fire(english.procedure(), "#procedure-juminhyo");
        fire(english.procedure(), "#procedure-talk-to-clerk");
        fire(english.identity(true), "#identity-yes");
        fire(english.identity(true), "#identity-no");
        fire(english.usualAnswers(), "#usual-accept");
        fire(english.usualAnswers(), "#usual-change");
        fire(english.choiceQuestion(), "#choice-household");
        show(journey, english.numberQuestion());
        fxRun(() -> lookup0("#number-plus").fire());
        fxRun(() -> lookup0("#number-plus").fire());
        fxRun(() -> lookup0("#number-minus").fire());
        fire(english.numberQuestion(), "#number-next");
        fire(english.review(), "#review-confirm");
        fire(english.receipt(false, false), "#receipt-done");
        assertEquals(List.of("chooseLanguage KOREAN", "chooseProcedure juminhyo", "talkToClerk",
                "confirmIdentity true", "confirmIdentity false", "acceptUsualAnswers", "changeAnswers",
                "answer household", "answer 2", "confirmReview", "finish"), journey.actionsBesidesActivity());
    }

    @Test
    void theCardScreenSaysWhatTheReaderIsDoing() throws Exception {
        open(english.placeCard(CardPrompt.WAITING_FOR_CARD), BoothPreferences.defaults());
        assertEquals(messages.text(BoothLanguage.ENGLISH, "card.place"),
                lookup(window, "#card-prompt", Label.class).getText());
        show(journey, english.placeCard(CardPrompt.READER_MISSING));
        assertEquals(messages.text(BoothLanguage.ENGLISH, "card.reader_missing"),
                lookup(window, "#card-prompt", Label.class).getText());
        show(journey, english.placeCard(CardPrompt.PCSC_UNAVAILABLE));
        assertEquals(messages.text(BoothLanguage.ENGLISH, "card.service_down"),
                lookup(window, "#card-prompt", Label.class).getText());
        // busy: a spinner over the screen and every button disabled; a problem: the banner
        show(journey, SampleViews.with(english.placeCard(CardPrompt.READING)).busy("card.reading")
                .problem("card.unreadable").link(new JourneyView.LinkView(false, 1)).build());
        assertTrue(exists(window, "#busy-overlay"));
        assertTrue(lookup(window, "#nav-cancel", Button.class).isDisabled());
        assertEquals(messages.text(BoothLanguage.ENGLISH, "card.unreadable"),
                lookup(window, "#problem-text", Label.class).getText());
        assertTrue(exists(window, "#link-offline"));
        assertTrue(lookup(window, "#link-offline", Label.class).getText().contains("1 application waiting"));
    }

    @Test
    void reviewMarksTheClerkCheckAndTheResidentsData() throws Exception {
        open(english.review(), BoothPreferences.defaults());
        assertTrue(exists(window, "#review-clerk-check"));
        Node name = fx(() -> window.scene().lookup("#field-applicant-name"));
        assertNotNull(name);
        assertTrue(name.getStyleClass().containsAll(List.of("from-resident", "clerk-check")), name.getStyleClass().toString());
        Node fee = fx(() -> window.scene().lookup("#field-fee"));
        assertFalse(fee.getStyleClass().contains("from-resident"));
        javafx.scene.image.ImageView previewView = lookup(window, "#review-preview", javafx.scene.image.ImageView.class);
        jp.madoguchi.video.testing.Poll.until(java.time.Duration.ofSeconds(20), () -> previewView.getImage() != null,
                () -> "the preview is decoded off the FX thread and then shown");
        javafx.scene.image.Image preview = previewView.getImage();
        assertFalse(preview.isError(), () -> String.valueOf(preview.getException()));
        assertEquals(420, preview.getWidth(), "the sample preview's width");
        double before = fx(() -> ((javafx.scene.image.ImageView) window.scene().lookup("#review-preview")).getFitWidth());
        fxRun(() -> lookup0("#review-zoom-in").fire());
        double after = fx(() -> ((javafx.scene.image.ImageView) window.scene().lookup("#review-preview")).getFitWidth());
        assertEquals(1.25, after / before, 0.001);
        assertEquals(messages.text(BoothLanguage.ENGLISH, UiText.REVIEW_PREVIEW),
                fx(() -> window.scene().lookup("#review-preview").getAccessibleText()));
    }

    @Test
    void theAttractScreenSaysHowTheLastSessionEndedInTheBoothsLanguage() throws Exception {
        open(japanese.attractAfter(jp.madoguchi.kiosk.session.EndCause.CARD_REMOVED),
                BoothPreferences.defaults().withDefaultLanguage(BoothLanguage.ENGLISH));
        assertEquals(messages.text(BoothLanguage.ENGLISH, "session.end.card_removed"),
                lookup(window, "#last-end", Label.class).getText());
        assertEquals(messages.text(BoothLanguage.ENGLISH, "attract.touch_to_start"),
                lookup(window, "#touch-to-start", Button.class).getAccessibleText());
        assertEquals(7, fx(() -> window.scene().getRoot().lookupAll(".language").size()),
                "one touch both starts and chooses any of the seven languages");
        show(journey, SampleViews.attract());
        assertFalse(exists(window, "#last-end"));
    }

    private void fire(JourneyView view, String selector) throws Exception {
        show(journey, view);
        fxRun(() -> lookup0(selector).fire());
    }

    private Button lookup0(String selector) {
        Node node = window.scene().lookup(selector);
        if (!(node instanceof Button button)) {
            throw new AssertionError("no button " + selector);
        }
        return button;
    }
}
