package jp.madoguchi.clerk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import org.junit.jupiter.api.Test;

class LoginViewModelTest {
    private final ScriptedClerkService hq = new ScriptedClerkService();
    private final List<Runnable> pendingWork = new ArrayList<>();
    private final Executor work = pendingWork::add; // runs when the test says so: "while headquarters is asked"
    private final List<ClerkLoginResponse> sessions = new ArrayList<>();
    private final LoginViewModel ja = model(Locale.JAPANESE);

    private LoginViewModel model(Locale locale) {
        LoginViewModel model = new LoginViewModel(hq, work, Runnable::run, locale);
        model.setOnLoggedIn(sessions::add);
        return model;
    }

    private void headquartersAnswers() {
        List<Runnable> now = new ArrayList<>(pendingWork);
        pendingWork.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aGoodLoginGivesTheSessionAndTheTypedPasswordIsZeroedAfterHeadquartersHadIt() {
        ClerkLoginResponse granted = new ClerkLoginResponse("tok", Instant.parse("2026-11-24T12:00:00Z"), "山田 花子");
        hq.logins.add(() -> granted);
        ja.usernameProperty().set("  yamada ");
        char[] typed = "s3cret-pass".toCharArray();

        ja.logIn(typed);
        assertTrue(ja.busyProperty().get(), "the login screen shows that it is logging in");
        assertEquals("ログインしています…", ja.messageProperty().get());
        assertTrue(sessions.isEmpty(), "no session before headquarters answered");

        headquartersAnswers();
        assertEquals(List.of("yamada"), hq.loginsSent, "the clerk ID without the spaces around it");
        assertEquals(List.of("s3cret-pass"), hq.passwordsAtCall, "headquarters got what was typed");
        assertArrayEquals(new char[typed.length], typed, "the password array is zeroed afterwards");
        assertEquals(List.of(granted), sessions);
        assertFalse(ja.busyProperty().get());
        assertEquals("", ja.messageProperty().get());
    }

    @Test
    void aWrongPasswordSaysSoInJapaneseAndTheArrayIsZeroedToo() {
        hq.logins.add(() -> {
            throw new HqRejectedException(401, "bad_credentials", "wrong");
        });
        ja.usernameProperty().set("yamada");
        char[] typed = "wrong".toCharArray();
        ja.logIn(typed);
        headquartersAnswers();
        assertEquals("職員IDまたはパスワードが違います。", ja.messageProperty().get());
        assertArrayEquals(new char[5], typed);
        assertTrue(sessions.isEmpty());
        assertFalse(ja.busyProperty().get(), "the clerk can try again");
    }

    @Test
    void aLockedAccountAndAnUnreachableHeadquartersAreExplainedInEnglishToo() {
        LoginViewModel en = model(Locale.ENGLISH);
        en.usernameProperty().set("tanaka");
        hq.logins.add(() -> {
            throw new HqRejectedException(423, "locked_out", "");
        });
        en.logIn("x".toCharArray());
        headquartersAnswers();
        assertTrue(en.messageProperty().get().startsWith("This account is locked for a while"), en.messageProperty().get());

        hq.logins.add(() -> {
            throw new HqUnavailableException(HqUnavailableException.Reason.UNREACHABLE, "refused", 3, Duration.ZERO, null);
        });
        en.logIn("x".toCharArray());
        headquartersAnswers();
        assertEquals("Headquarters cannot be reached. Check the network and log in again.", en.messageProperty().get());

        hq.logins.add(() -> {
            throw new HqRejectedException(400, "unsupported_version", "");
        });
        en.logIn("x".toCharArray());
        headquartersAnswers();
        assertEquals("Headquarters refused the login (unsupported_version). Please ask an administrator.",
                en.messageProperty().get());
    }

    @Test
    void anEmptyIdOrPasswordIsRefusedWithoutAskingHeadquarters() {
        char[] typed = "pw".toCharArray();
        ja.usernameProperty().set("   ");
        ja.logIn(typed);
        assertEquals("職員IDとパスワードを入力してください。", ja.messageProperty().get());
        assertArrayEquals(new char[2], typed);
        ja.usernameProperty().set("yamada");
        ja.logIn(new char[0]);
        assertTrue(pendingWork.isEmpty(), "no request was sent");
        assertFalse(ja.busyProperty().get());
    }

    @Test
    void aSecondClickWhileLoggingInSendsNoSecondRequestAndItsCopyIsZeroed() {
        hq.logins.add(() -> new ClerkLoginResponse("tok", Instant.parse("2026-11-24T12:00:00Z"), "山田"));
        ja.usernameProperty().set("yamada");
        ja.logIn("pw".toCharArray());
        char[] again = "pw".toCharArray();
        ja.logIn(again);
        assertArrayEquals(new char[2], again);
        assertEquals(1, pendingWork.size(), "one request");
        headquartersAnswers();
        assertEquals(1, sessions.size());
    }

    @Test
    void aResetClearsTheIdAndShowsWhy() {
        ja.usernameProperty().set("yamada");
        ja.reset("一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。");
        assertEquals("", ja.usernameProperty().get());
        assertTrue(ja.messageProperty().get().startsWith("一定時間操作がなかった"));
    }
}
