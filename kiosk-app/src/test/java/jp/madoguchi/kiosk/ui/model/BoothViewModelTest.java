package jp.madoguchi.kiosk.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.StringBinding;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.i18n.BoothMessages;
import jp.madoguchi.kiosk.journey.AudioCue;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.kiosk.ui.FakeJourney;
import jp.madoguchi.kiosk.ui.SampleViews;
import org.junit.jupiter.api.Test;

/** The view model without a screen: snapshots in, properties and actions out (no JavaFX toolkit started). */
class BoothViewModelTest {
    private final SampleViews english = new SampleViews(BoothLanguage.ENGLISH);
    private final FakeJourney journey = new FakeJourney(SampleViews.attract());
    private final List<AudioCue> cues = new ArrayList<>();
    private final BoothViewModel model = attached(BoothPreferences.defaults());

    private BoothViewModel attached(BoothPreferences preferences) {
        BoothViewModel vm = new BoothViewModel(journey, BoothMessages.strict(), preferences);
        vm.setCueSink(cues::add);
        vm.attach();
        return vm;
    }

    @Test
    void theAttractScreenSpeaksTheBoothsDefaultLanguageWithNeitherBackNorCancel() {
        assertEquals(BoothLanguage.JAPANESE, model.getLanguage());
        assertEquals(JourneyStep.ATTRACT, model.stepProperty().get());
        assertFalse(model.backShownProperty().get());
        assertFalse(model.cancelShownProperty().get());
        assertEquals("ようこそ", model.titleText().get().isEmpty() ? "" : model.titleText().get().substring(0, 4));

        BoothViewModel vietnameseBooth = new BoothViewModel(journey, BoothMessages.strict(),
                BoothPreferences.defaults().withDefaultLanguage(BoothLanguage.VIETNAMESE));
        vietnameseBooth.apply(SampleViews.attract());
        assertEquals(BoothLanguage.VIETNAMESE, vietnameseBooth.getLanguage());
    }

    @Test
    void theResidentsLanguageChangesEveryBoundText() {
        StringBinding back = model.text(UiText.BACK);
        assertEquals("戻る", back.get());
        journey.show(english.procedure());
        assertEquals(BoothLanguage.ENGLISH, model.getLanguage());
        assertEquals("Back", back.get());
        assertEquals("What would you like to do?", model.titleText().get());
        assertTrue(model.backShownProperty().get());
        assertTrue(model.cancelShownProperty().get());
    }

    @Test
    void typingGoesIntoTheSecretEntryAndOnlyTheMaskIsShown() {
        journey.show(english.pin(SampleViews.entry(PinKind.AUTHENTICATION, 3)));
        model.submitSecret();
        assertEquals(0, journey.secretsSubmitted(), "OK before four digits must not spend a try");
        for (char c : "1234".toCharArray()) {
            model.typeSecret(c);
        }
        model.typeSecret('5');
        String mask = String.valueOf(SecretEntry.MASK);
        assertEquals(mask.repeat(4), model.secretMaskedProperty().get());
        assertTrue(model.secretCompleteProperty().get());
        model.backspaceSecret();
        assertEquals(mask.repeat(3), model.secretMaskedProperty().get());
        assertFalse(model.secretCompleteProperty().get());
        model.typeSecret('4');
        model.submitSecret();
        assertEquals(1, journey.secretsSubmitted());
        assertEquals(4, journey.lastSubmittedLength());
        assertEquals("", model.secretMaskedProperty().get(), "the entry is wiped once handed over");
        model.clearSecret();
        assertEquals(0, model.secretLengthProperty().get());
    }

    @Test
    void theCountdownAndTheBusySpinnerDoNotRebuildTheScreen() {
        JourneyView pin = english.pin(SampleViews.entry(PinKind.AUTHENTICATION, 3));
        journey.show(pin);
        JourneyView screen = model.screenProperty().get();
        journey.show(SampleViews.with(pin).countdown(20).busy("pin.checking").problem("pin.error.card_unreadable")
                .build());
        assertSame(screen, model.screenProperty().get());
        assertTrue(model.countdownShownProperty().get());
        assertEquals("Are you still there? This session will end in 20 seconds.", model.countdownText().get());
        assertTrue(model.busyProperty().get());
        assertEquals("Checking your PIN. Please do not remove your card.", model.busyText().get());
        assertTrue(model.problemShownProperty().get());
        assertTrue(model.problemText().get().startsWith("Your card could not be read"));
        journey.show(pin);
        assertFalse(model.countdownShownProperty().get());
        assertFalse(model.busyProperty().get());
        assertEquals("", model.problemText().get());
        journey.show(english.pin(SampleViews.entry(PinKind.AUTHENTICATION, 1)));
        assertFalse(screen.equals(model.screenProperty().get()), "a new PIN screen is a new screen");
    }

    @Test
    void headquartersOfflineShowsWithTheApplicationsWaiting() {
        journey.show(SampleViews.with(english.procedure()).link(new JourneyView.LinkView(false, 2)).build());
        assertTrue(model.offlineProperty().get());
        assertEquals("Not connected to the office · 2 applications waiting to be sent", model.linkText().get());
        journey.show(english.procedure());
        assertFalse(model.offlineProperty().get());
    }

    @Test
    void eachSnapshotsCuePlaysOnce() {
        JourneyView detected = SampleViews.with(english.placeCard(jp.madoguchi.kiosk.journey.CardPrompt.READING))
                .cue(AudioCue.CARD_DETECTED).build();
        journey.show(detected);
        model.apply(detected);
        journey.show(english.pin(SampleViews.entry(PinKind.AUTHENTICATION, 3)));
        assertEquals(List.of(AudioCue.CARD_DETECTED), cues);
    }

    @Test
    void actionsGoToTheJourneyAndDetachStopsListening() {
        model.touchToStart();
        model.chooseLanguage(BoothLanguage.KOREAN);
        model.chooseProcedure("juminhyo");
        model.confirmIdentity(false);
        model.answer("2");
        model.back();
        model.cancel();
        model.activity();
        assertEquals(List.of("touchToStart", "chooseLanguage KOREAN", "chooseProcedure juminhyo",
                "confirmIdentity false", "answer 2", "back", "cancel", "activity"), journey.actions());
        model.detach();
        journey.show(english.procedure());
        assertEquals(JourneyStep.ATTRACT, model.stepProperty().get());
    }

    @Test
    void preferencesComeFromTheSettingsValues() {
        assertEquals(BoothLanguage.EASY_JAPANESE, BoothPreferences.language("ja-easy"));
        assertEquals(BoothLanguage.JAPANESE, BoothPreferences.language("ja"));
        assertEquals(BoothLanguage.PORTUGUESE, BoothPreferences.language("pt"));
        assertEquals(BoothLanguage.JAPANESE, BoothPreferences.language("fr"));
        BoothViewModel large = attached(BoothPreferences.defaults().withLargeText(true).withHighContrast(true));
        assertTrue(large.largeTextProperty().get());
        assertTrue(large.highContrastProperty().get());
    }
}
