package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A text frame on the presence WebSocket ({@code wss://…/api/v1/presence}): a JSON object whose
 * {@code "type"} names the frame and which carries {@code "v": 1} like every message.
 * {@link BoothFrame}s go from booth to headquarters, {@link HqFrame}s the other way.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PresenceFrame.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = PresenceFrame.State.class, name = "state"),
        @JsonSubTypes.Type(value = PresenceFrame.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = PresenceFrame.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = PresenceFrame.CallAnswered.class, name = "call_answered"),
        @JsonSubTypes.Type(value = PresenceFrame.Decision.class, name = "decision"),
        @JsonSubTypes.Type(value = PresenceFrame.QueuePosition.class, name = "queue"),
        @JsonSubTypes.Type(value = PresenceFrame.ClerkShows.class, name = "clerk_shows"),
        @JsonSubTypes.Type(value = PresenceFrame.CallReturned.class, name = "call_returned"),
})
public sealed interface PresenceFrame {

    int v();

    /** Booth → headquarters. */
    sealed interface BoothFrame extends PresenceFrame {
    }

    /** Headquarters → booth. */
    sealed interface HqFrame extends PresenceFrame {
    }

    /**
     * The first frame on every connection: the booth's current state. The booth is identified by its TLS certificate.
     *
     * <p>Optional, added later (absent from older booths, ignored by older headquarters): {@code startedAt}, when
     * this run of the booth started (the same on every reconnection of the run), and {@code restartedAfter}, why the
     * run before it ended: {@value #AFTER_UNCLEAN_STOP} when it did not stop cleanly (crash, kill, power loss; the
     * booth cannot tell which), absent after a clean stop or when the booth does not know. Readers treat any other
     * value as unclean too (a newer booth may be more precise).
     */
    record Hello(int v, BoothState state, Instant startedAt, String restartedAfter) implements BoothFrame {
        /** {@code restartedAfter}: the previous run left its running marker behind. */
        public static final String AFTER_UNCLEAN_STOP = "unclean_stop";
        /** The longest {@code restartedAfter} accepted. */
        public static final int MAX_REASON = 40;

        public Hello {
            Require.version(v, "hello frame");
            Require.present(state, "hello frame", "state");
            restartedAfter = restartedAfter == null || restartedAfter.isBlank() ? null : restartedAfter;
            if (restartedAfter != null && restartedAfter.length() > MAX_REASON) {
                throw new IllegalArgumentException("hello frame: restartedAfter longer than " + MAX_REASON
                        + " characters");
            }
        }

        public Hello(int v, BoothState state) {
            this(v, state, null, null);
        }

        public Hello(BoothState state) {
            this(Protocol.VERSION, state);
        }

        /** A hello of a run that started at {@code startedAt}, after an unclean stop or not. */
        public Hello(BoothState state, Instant startedAt, boolean afterUncleanStop) {
            this(Protocol.VERSION, state, startedAt, afterUncleanStop ? AFTER_UNCLEAN_STOP : null);
        }

        /** Whether the booth says its previous run did not stop cleanly. */
        public boolean afterUncleanStop() {
            return restartedAfter != null;
        }
    }

    /** The booth's state changed. */
    record State(int v, BoothState state) implements BoothFrame {
        public State {
            Require.version(v, "state frame");
            Require.present(state, "state frame", "state");
        }

        public State(BoothState state) {
            this(Protocol.VERSION, state);
        }
    }

    /** Liveness probe; headquarters answers with a {@link Pong} carrying the same {@code t}. */
    record Ping(int v, long t) implements BoothFrame {
        public Ping {
            Require.version(v, "ping frame");
        }

        public Ping(long t) {
            this(Protocol.VERSION, t);
        }
    }

    /** The answer to a {@link Ping}, echoing its {@code t}. */
    record Pong(int v, long t) implements HqFrame {
        public Pong {
            Require.version(v, "pong frame");
        }

        public Pong(long t) {
            this(Protocol.VERSION, t);
        }
    }

    /** A clerk answered the booth's call: join {@code room} on {@code jitsiDomain} with the guest {@code jwt}. */
    record CallAnswered(int v, String callId, String room, String jwt, String jitsiDomain) implements HqFrame {
        public CallAnswered {
            Require.version(v, "call_answered frame");
            Require.text(callId, "call_answered frame", "callId");
            Require.text(room, "call_answered frame", "room");
            Require.text(jwt, "call_answered frame", "jwt");
            Require.text(jitsiDomain, "call_answered frame", "jitsiDomain");
        }

        public CallAnswered(String callId, String room, String jwt, String jitsiDomain) {
            this(Protocol.VERSION, callId, room, jwt, jitsiDomain);
        }

        /** The JWT is a credential: it is not shown in logs. */
        @Override
        public String toString() {
            return "CallAnswered[v=" + v + ", callId=" + callId + ", room=" + room + ", jwt=***, jitsiDomain="
                    + jitsiDomain + "]";
        }
    }

    /** A clerk decided on an application the booth submitted. */
    record Decision(int v, String reference, Outcome outcome, String message) implements HqFrame {
        public Decision {
            Require.version(v, "decision frame");
            Require.text(reference, "decision frame", "reference");
            Require.present(outcome, "decision frame", "outcome");
            message = message == null ? "" : message;
        }

        public Decision(String reference, Outcome outcome, String message) {
            this(Protocol.VERSION, reference, outcome, message);
        }
    }

    /** The booth's waiting call moved in its queue (1 = next). */
    record QueuePosition(int v, String callId, int position) implements HqFrame {
        public QueuePosition {
            Require.version(v, "queue frame");
            Require.text(callId, "queue frame", "callId");
            Require.notNegative(position, "queue frame", "position");
        }

        public QueuePosition(String callId, int position) {
            this(Protocol.VERSION, callId, position);
        }
    }

    /**
     * The clerk of the booth's answered call shows something on the booth's screen beside the video: a short
     * {@code text} (in the clerk's words; "" for none) and/or a picture ({@code imageBase64} of a PNG or JPEG,
     * {@code imageType} {@code image/png} or {@code image/jpeg}; both "" for none). A frame with neither clears
     * what is shown. Headquarters checks the picture's size and type before it sends the frame.
     */
    record ClerkShows(int v, String callId, String text, String imageBase64, String imageType) implements HqFrame {
        /** The longest text a clerk may show (characters). */
        public static final int MAX_TEXT = 500;
        /** The largest picture headquarters passes on (bytes, before base64). */
        public static final int MAX_IMAGE_BYTES = 1024 * 1024;

        public ClerkShows {
            Require.version(v, "clerk_shows frame");
            Require.text(callId, "clerk_shows frame", "callId");
            text = text == null ? "" : text;
            imageBase64 = imageBase64 == null ? "" : imageBase64;
            imageType = imageType == null ? "" : imageType;
            if (text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("clerk_shows frame: text longer than " + MAX_TEXT + " characters");
            }
            if (imageBase64.isEmpty() != imageType.isEmpty()) {
                throw new IllegalArgumentException("clerk_shows frame: imageBase64 and imageType go together");
            }
            if (!imageType.isEmpty() && !imageType.equals("image/png") && !imageType.equals("image/jpeg")) {
                throw new IllegalArgumentException("clerk_shows frame: imageType must be image/png or image/jpeg");
            }
        }

        public ClerkShows(String callId, String text, String imageBase64, String imageType) {
            this(Protocol.VERSION, callId, text, imageBase64, imageType);
        }

        /** Whether this frame takes away what the clerk showed before. */
        public boolean clears() {
            return text.isEmpty() && imageBase64.isEmpty();
        }

        /** The picture is not printed in logs (it may be a resident's document). */
        @Override
        public String toString() {
            return "ClerkShows[v=" + v + ", callId=" + callId + ", text=" + text.length() + " chars, image="
                    + (imageBase64.isEmpty() ? "none" : imageType) + "]";
        }
    }

    /**
     * The clerk who answered the booth's call went away (their console stopped asking headquarters anything, or
     * their session ended) before the call ended: the call is back in its queue at its old place ({@code position},
     * 1 = next), keeping its waiting time, and another clerk will answer it with a new {@link CallAnswered} for the
     * same {@code callId}. The booth leaves the video room and shows the resident that they are waiting again.
     * Added later: an older booth skips it as an unknown type (and its resident waits in a room nobody joins).
     */
    record CallReturned(int v, String callId, int position) implements HqFrame {
        public CallReturned {
            Require.version(v, "call_returned frame");
            Require.text(callId, "call_returned frame", "callId");
            Require.notNegative(position, "call_returned frame", "position");
        }

        public CallReturned(String callId, int position) {
            this(Protocol.VERSION, callId, position);
        }
    }
}
