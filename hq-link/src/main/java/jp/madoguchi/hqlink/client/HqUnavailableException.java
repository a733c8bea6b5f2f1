package jp.madoguchi.hqlink.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Headquarters could not be reached or could not answer now (after the retries the request allowed).
 * The booth keeps working locally: it keeps the submission in its outbox and sends it again later with
 * the same idempotency key, and tells the resident "headquarters offline".
 */
public final class HqUnavailableException extends HqException {
    private static final long serialVersionUID = 1L;

    /** Why headquarters is unavailable. */
    public enum Reason {
        /** Nothing answered: refused connection, reset, DNS, no route. */
        UNREACHABLE,
        /** Connecting or waiting for the answer took longer than the configured timeout. */
        TIMEOUT,
        /** The TLS handshake failed: HQ's certificate is not from the trusted CA, or HQ refused this booth's certificate (revoked?). */
        TLS_REFUSED,
        /** HQ answered 5xx. */
        SERVER_ERROR,
        /** HQ answered 429 (or asked to retry later than this client waits). */
        BUSY,
        /** HQ answered something this protocol version cannot read. */
        BAD_RESPONSE,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Reason reason;
    private final int attempts;
    private final transient Duration retryAfter;

    /** Made by the transport; public for fakes of headquarters in other modules' tests (the clerk console's). */
    public HqUnavailableException(Reason reason, String message, int attempts, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** How many times the request was sent (or tried to be). */
    public int attempts() {
        return attempts;
    }

    /** When HQ asked to be asked again (Retry-After on the last answer), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
