package jp.madoguchi.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JoinRequestTest {

    private static JoinRequest request(String server, String room) {
        return new JoinRequest(URI.create(server), room, "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl", "Booth 1",
                Locale.JAPANESE, CallRole.RESIDENT);
    }

    @Test
    void httpsAnywhereAndTheBaseEndsWithASlash() {
        JoinRequest request = request("https://meet.example.jp", "booth-1");
        assertEquals(URI.create("https://meet.example.jp/"), request.meetingServer());
        assertEquals("meet.example.jp", request.domain());
        assertEquals("meet.example.jp:8443", request("https://meet.example.jp:8443/", "r").domain());
        assertEquals(URI.create("https://meet.example.jp/"),
                JoinRequest.forDomain("meet.example.jp", "r", "t", "Booth", Locale.ENGLISH, CallRole.CLERK).meetingServer());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "localhost:8080, http://localhost:8080/, localhost:8080",
        "127.0.0.1:41234, http://127.0.0.1:41234/, 127.0.0.1:41234",
        "[::1]:9000, http://[::1]:9000/, [::1]:9000",
        "localhost, http://localhost/, localhost"})
    void aLoopbackDomainFromHeadquartersIsJoinedOverPlainHttp(String domain, String server, String jitsiDomain) {
        JoinRequest request = JoinRequest.forDomain(domain, "r", "t", "Booth", Locale.JAPANESE, CallRole.RESIDENT);
        assertEquals(URI.create(server), request.meetingServer());
        assertEquals(jitsiDomain, request.domain(), "Jitsi gets the domain back as headquarters gave it");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "meet.example.jp, https://meet.example.jp/",
        "meet.example.jp:8443, https://meet.example.jp:8443/",
        "192.168.1.10:8080, https://192.168.1.10:8080/",
        "127.0.0.1.example.jp, https://127.0.0.1.example.jp/",
        "localhost.example.jp:80, https://localhost.example.jp:80/"})
    void anyOtherDomainIsJoinedOverHttps(String domain, String server) {
        assertEquals(URI.create(server),
                JoinRequest.forDomain(domain, "r", "t", "Booth", Locale.JAPANESE, CallRole.RESIDENT).meetingServer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "meet.example.jp/evil", "user@localhost:8080", "localhost:8080?x", "localhost#x"})
    void aDomainThatIsNotHostAndPortIsRefused(String domain) {
        assertThrows(IllegalArgumentException.class,
                () -> JoinRequest.forDomain(domain, "r", "t", "Booth", Locale.JAPANESE, CallRole.RESIDENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/", "http://localhost:9/", "http://[::1]:9/"})
    void plainHttpOnlyOnLoopback(String server) {
        assertEquals("r", request(server, "r").room());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://meet.example.jp/", "http://192.168.1.10/", "http://127.0.0.1.example.jp/",
            "ftp://meet.example.jp/", "file:///tmp/x", "meet.example.jp"})
    void anythingElseThanHttpsIsRefused(String server) {
        assertThrows(IllegalArgumentException.class, () -> request(server, "r"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "room with spaces", "../etc", "a/b", "部屋", "room?x=1", "room#1"})
    void roomNamesAreLettersDigitsDashAndUnderscore(String room) {
        assertThrows(IllegalArgumentException.class, () -> request("https://meet.example.jp/", room));
    }

    @Test
    void roomNamesUpTo128Characters() {
        assertEquals(128, request("https://m.example.jp/", "a".repeat(128)).room().length());
        assertThrows(IllegalArgumentException.class, () -> request("https://m.example.jp/", "a".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> request("https://m.example.jp/", null));
        assertEquals("Booth_7-a", request("https://m.example.jp/", "Booth_7-a").room());
    }

    @Test
    void aTokenADisplayNameALanguageAndARoleAreNeeded() {
        URI server = URI.create("https://m.example.jp/");
        assertThrows(IllegalArgumentException.class, () -> new JoinRequest(server, "r", " ", "B", Locale.JAPANESE, CallRole.RESIDENT));
        assertThrows(IllegalArgumentException.class, () -> new JoinRequest(server, "r", null, "B", Locale.JAPANESE, CallRole.RESIDENT));
        assertThrows(IllegalArgumentException.class, () -> new JoinRequest(server, "r", "t", "", Locale.JAPANESE, CallRole.RESIDENT));
        assertThrows(NullPointerException.class, () -> new JoinRequest(server, "r", "t", "B", null, CallRole.RESIDENT));
        assertThrows(NullPointerException.class, () -> new JoinRequest(server, "r", "t", "B", Locale.JAPANESE, null));
        assertThrows(NullPointerException.class, () -> new JoinRequest(null, "r", "t", "B", Locale.JAPANESE, CallRole.RESIDENT));
    }

    @Test
    void jitsiGetsItsOwnLanguageCodes() {
        assertEquals("ja", language(Locale.JAPANESE));
        assertEquals("ja", language(new Locale("ja", "JP", "EASY")), "easy Japanese is Japanese to Jitsi");
        assertEquals("ja", language(Locale.ROOT));
        assertEquals("en", language(Locale.ENGLISH));
        assertEquals("zhCN", language(Locale.CHINESE));
        assertEquals("zhCN", language(Locale.SIMPLIFIED_CHINESE));
        assertEquals("zhTW", language(Locale.TRADITIONAL_CHINESE));
        assertEquals("ptBR", language(new Locale("pt")));
        assertEquals("ptBR", language(new Locale("pt", "BR")));
        assertEquals("pt", language(new Locale("pt", "PT")));
        assertEquals("ko", language(Locale.KOREAN));
        assertEquals("vi", language(new Locale("vi")));
    }

    @Test
    void toStringNeverShowsTheToken() {
        JoinRequest request = request("https://meet.example.jp/", "booth-1");
        String text = request.toString();
        assertFalse(text.contains("eyJ"), text);
        assertFalse(text.contains("c2lnbmF0dXJl"), text);
        assertTrue(text.contains("jwt=***"), text);
        assertTrue(text.contains("booth-1"), text);
    }

    private static String language(Locale locale) {
        return new JoinRequest(URI.create("https://m.example.jp/"), "r", "t", "B", locale, CallRole.RESIDENT).jitsiLanguage();
    }
}
