package jp.madoguchi.hq.server;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

/**
 * The booth a request comes from, taken from its verified TLS client certificate: the subject's
 * CN is the booth id, the serial number identifies this certificate (what revocation is keyed on).
 * Set by the server before any booth handler runs; a booth handler never sees a request without one.
 *
 * @param boothId     the certificate subject's CN: letters, digits, '.', '_' or '-', at most 64
 * @param serial      the certificate's serial number
 * @param certificate the verified leaf certificate
 */
public record BoothIdentity(String boothId, BigInteger serial, X509Certificate certificate) {
    /** The request attribute holding the identity (also visible from the WebSocket context). */
    public static final String ATTRIBUTE = "madoguchi.booth";

    private static final Pattern BOOTH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public BoothIdentity {
        Objects.requireNonNull(boothId, "boothId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** The identity of the booth behind an HTTP request to a booth endpoint. */
    public static BoothIdentity of(Context ctx) {
        return require(ctx.attribute(ATTRIBUTE));
    }

    /** The identity of the booth behind a WebSocket connection to a booth endpoint. */
    public static BoothIdentity of(WsContext ctx) {
        return require(ctx.attribute(ATTRIBUTE));
    }

    /** The identity if the request came with a verified booth certificate (any endpoint). */
    public static Optional<BoothIdentity> optional(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    private static BoothIdentity require(BoothIdentity identity) {
        if (identity == null) {
            // a booth handler registered outside the booth paths: a programming error, not a client's
            throw new IllegalStateException("no booth identity on this request: is the route under a booth path prefix?");
        }
        return identity;
    }

    /** The booth identity in {@code certificate}, or empty when its CN is missing or not a booth id. */
    static Optional<BoothIdentity> fromCertificate(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            String cn = null;
            for (Rdn rdn : name.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    if (cn != null) {
                        return Optional.empty(); // two CNs: ambiguous, refuse
                    }
                    cn = rdn.getValue().toString();
                }
            }
            if (cn == null || !BOOTH_ID.matcher(cn).matches()) {
                return Optional.empty();
            }
            return Optional.of(new BoothIdentity(cn, certificate.getSerialNumber(), certificate));
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "BoothIdentity{boothId=" + boothId + ", serial=" + serial.toString(16) + "}";
    }
}
