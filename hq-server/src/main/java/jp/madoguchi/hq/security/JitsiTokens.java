package jp.madoguchi.hq.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Mints the short-lived Jitsi Meet JWTs that let a booth and a clerk into one call's room.
 *
 * <p>Tokens are HS256 with the deployment's {@code app_secret}, checked by Prosody's token authentication
 * ({@code mod_auth_token}) and room check ({@code token_verification}). Claims, as documented in
 * lib-jitsi-meet's {@code doc/tokens.md}:
 * <ul>
 *   <li>{@code iss} — the application id ({@code app_id} in Prosody);</li>
 *   <li>{@code aud} — {@code "jitsi"} by default (the value Jitsi's documentation and JaaS use; Prosody must
 *       accept it in {@code asap_accepted_audiences});</li>
 *   <li>{@code sub} — the lower-case domain (for {@code /ROOM} URLs) or tenant (for {@code TENANT/ROOM});</li>
 *   <li>{@code room} — the room name, never {@code "*"}: a leaked token must not open any other room;</li>
 *   <li>{@code iat} = now, {@code nbf} = now − 30 s (a Prosody clock slightly behind ours must not reject a
 *       fresh token), {@code exp} = now + ttl;</li>
 *   <li>{@code context.user} — {@code id}, {@code name}, and the moderator flag described below. Every value
 *       is a string: lib-jitsi-meet's documentation warns that non-string {@code user} fields throw.</li>
 * </ul>
 *
 * <p><b>Moderator flag.</b> Stock Jitsi (Jicofo's auto-owner) makes every authenticated participant a
 * moderator and ignores the token. Deployments that want the booth to be a plain guest enable
 * jitsi-contrib's {@code token_affiliation} plugin and disable auto-owner; that plugin grants owner when
 * {@code context.user.affiliation} is {@code "owner"}/{@code "moderator"} or when
 * {@code context.user.moderator} is {@code "true"} (string or boolean), and member otherwise. 8x8's JaaS
 * documents the same {@code context.user.moderator: "true"/"false"} string. We therefore write both
 * {@code moderator: "true"|"false"} and {@code affiliation: "owner"|"member"} in {@code context.user}, which
 * the plugin, JaaS and the lobby plugins that read {@code moderator} all understand, and which stock Jitsi
 * harmlessly ignores.
 *
 * <p><b>Secret.</b> At least 32 bytes (the HS256 key size; nimbus refuses shorter, and so do we, with a
 * clearer message). It is copied in, never logged, never in {@link #toString()}, and wiped by
 * {@link #close()}.
 *
 * <p>Thread-safe: {@link #mint} may be called concurrently ({@link MACSigner} is thread-safe).
 */
public final class JitsiTokens implements AutoCloseable {

    /** Who a token is for. */
    public enum Role {
        /** The booth: joins the call, cannot moderate. */
        GUEST,
        /** The clerk: moderates (admits from the lobby, ends the conference). */
        MODERATOR
    }

    public static final String DEFAULT_AUDIENCE = "jitsi";
    /** Upper bound on a token's life; these tokens only need to reach a call that starts now. */
    public static final Duration MAX_TTL = Duration.ofHours(12);
    static final Duration NOT_BEFORE_SKEW = Duration.ofSeconds(30);
    private static final int MIN_SECRET_BYTES = 32;

    private final String appId;
    private final String audience;
    private final String subject;
    private final byte[] secret;
    private final MACSigner signer;
    /** Set by {@link #close()}: the signer shares {@link #secret}, so after wiping it would sign with zeros. */
    private volatile boolean closed;

    /**
     * @param appId Prosody's {@code app_id}, used as {@code iss}
     * @param subject the Jitsi domain or tenant for {@code sub} (lower-cased here, as Prosody compares it)
     * @param secret Prosody's {@code app_secret}; copied, so the caller may wipe its array
     */
    public JitsiTokens(String appId, String subject, byte[] secret) {
        this(appId, DEFAULT_AUDIENCE, subject, secret);
    }

    /** As {@link #JitsiTokens(String, String, byte[])} with a deployment-specific {@code aud}. */
    public JitsiTokens(String appId, String audience, String subject, byte[] secret) {
        this.appId = requireText(appId, "appId");
        this.audience = requireText(audience, "audience");
        this.subject = requireText(subject, "subject").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the Jitsi app secret must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256; got a shorter one (its value is not shown)");
        }
        this.secret = secret.clone();
        try {
            this.signer = new MACSigner(this.secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the Jitsi app secret is not usable for HS256", e);
        }
    }

    /**
     * From a secret held as characters (how Prosody's config holds {@code app_secret}): its UTF-8 bytes are the
     * HMAC key. The UTF-8 copy is wiped; the caller wipes {@code secret}.
     */
    public static JitsiTokens fromSecretChars(String appId, String subject, char[] secret) {
        Objects.requireNonNull(secret, "secret");
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            return new JitsiTokens(appId, subject, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * A signed compact JWT for one person in one room.
     *
     * @param room the room name exactly as in the Jitsi URL (see {@link RoomNames#unguessable()})
     * @param role guest (booth) or moderator (clerk)
     * @param userId a stable, non-personal identifier (booth id, clerk account id) for Jitsi's reports
     * @param displayName what the other side sees, e.g. the clerk's work name or the booth's location
     * @param now the issuing instant (injected so tests and callers share one clock)
     * @param ttl how long the token lets someone join; positive and at most {@link #MAX_TTL}
     */
    public String mint(String room, Role role, String userId, String displayName, Instant now, Duration ttl) {
        if (closed) {
            throw new IllegalStateException("JitsiTokens is closed; its secret has been wiped");
        }
        requireText(room, "room");
        if (room.equals("*")) {
            throw new IllegalArgumentException("a token for every room (\"*\") is never minted");
        }
        Objects.requireNonNull(role, "role");
        requireText(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("token lifetime must be positive and at most " + MAX_TTL);
        }
        boolean moderator = role == Role.MODERATOR;
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", userId);
        user.put("name", displayName);
        user.put("moderator", Boolean.toString(moderator));
        user.put("affiliation", moderator ? "owner" : "member");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("user", user);

        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(appId)
                .audience(audience)
                .subject(subject)
                .claim("room", room)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minus(NOT_BEFORE_SKEW)))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("context", context)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * Wipes this instance's copy of the secret; {@link #mint} throws afterwards. Nimbus's {@link MACSigner} keeps a
     * reference to the key array rather than a copy, so without that check a closed instance would quietly sign
     * with an all-zero key.
     */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public String toString() {
        return "JitsiTokens[iss=" + appId + ", aud=" + audience + ", sub=" + subject + ", secret=<hidden>]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
