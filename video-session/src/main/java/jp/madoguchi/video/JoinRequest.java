package jp.madoguchi.video;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What it takes to join one call.
 *
 * @param meetingServer the Jitsi Meet deployment, as a base URI ({@code https://meet.example.jp/}); its
 *                      {@code external_api.js} is loaded from there, and nothing else may be navigated to
 * @param room          the room name, as headquarters gave it
 * @param jwt           the room's token from headquarters (guest for the booth, moderator for the clerk)
 * @param displayName   the name the other side sees (for a booth: its location, never the resident's name)
 * @param language      the resident's or clerk's language; Jitsi's own texts follow it
 * @param role          which side of the call this is
 */
public record JoinRequest(URI meetingServer, String room, String jwt, String displayName, Locale language,
                          CallRole role) {

    public JoinRequest {
        Objects.requireNonNull(meetingServer, "meetingServer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(language, "language");
        String scheme = meetingServer.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme) || meetingServer.getHost() == null) {
            throw new IllegalArgumentException("the meeting server must be an https:// URL: " + meetingServer);
        }
        if ("http".equals(scheme) && !isLoopback(meetingServer.getHost())) {
            throw new IllegalArgumentException("plain http is allowed only on loopback, not for " + meetingServer);
        }
        if (room == null || !room.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new IllegalArgumentException("a room name is 1-128 letters, digits, '-' or '_': " + room);
        }
        if (jwt == null || jwt.isBlank()) {
            throw new IllegalArgumentException("a call needs its token from headquarters");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("a call needs a display name");
        }
        if (!meetingServer.getPath().endsWith("/")) {
            meetingServer = URI.create(meetingServer + "/");
        }
    }

    /**
     * A request for the domain headquarters names in a {@code call_answered} frame: {@code https://DOMAIN/}, or
     * {@code http://DOMAIN/} when its host is this machine ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}),
     * as for the loopback meeting server of the demo and the tests ({@code localhost:PORT}). The domain may carry
     * a port ({@code meet.example.jp:8443}).
     *
     * @throws IllegalArgumentException if {@code jitsiDomain} is not a host with an optional port
     */
    public static JoinRequest forDomain(String jitsiDomain, String room, String jwt, String displayName,
                                        Locale language, CallRole role) {
        if (jitsiDomain == null || jitsiDomain.isBlank() || jitsiDomain.contains("/") || jitsiDomain.contains("@")
                || jitsiDomain.contains("?") || jitsiDomain.contains("#")) {
            throw new IllegalArgumentException("a Jitsi domain is a host with an optional port: " + jitsiDomain);
        }
        URI probe = URI.create("https://" + jitsiDomain + "/");
        if (probe.getHost() == null) {
            throw new IllegalArgumentException("a Jitsi domain is a host with an optional port: " + jitsiDomain);
        }
        String scheme = isLoopback(probe.getHost()) ? "http" : "https";
        return new JoinRequest(URI.create(scheme + "://" + jitsiDomain + "/"), room, jwt, displayName, language, role);
    }

    /** Jitsi's domain argument: host, and port when one is given. */
    public String domain() {
        return meetingServer.getPort() < 0 ? meetingServer.getHost()
                : meetingServer.getHost() + ":" + meetingServer.getPort();
    }

    /** Jitsi Meet's language code for {@link #language()} ({@code ja}, {@code en}, {@code zhCN}, {@code ptBR} …). */
    public String jitsiLanguage() {
        String lang = language.getLanguage();
        return switch (lang) {
            case "zh" -> "TW".equals(language.getCountry()) ? "zhTW" : "zhCN";
            case "pt" -> "PT".equals(language.getCountry()) ? "pt" : "ptBR";
            case "" -> "ja";
            default -> lang;
        };
    }

    @Override
    public String toString() {
        return "JoinRequest[meetingServer=" + meetingServer + ", room=" + room + ", jwt=***, displayName="
                + displayName + ", language=" + language.toLanguageTag() + ", role=" + role + "]";
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }
}
