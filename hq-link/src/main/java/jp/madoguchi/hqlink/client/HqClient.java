package jp.madoguchi.hqlink.client;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.EnrolRequest;
import jp.madoguchi.hqlink.message.EnrolResponse;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's requests to headquarters. Blocking: call it from the booth's network executor, never
 * from the FX thread. Thread-safe.
 *
 * <p>Enrolment uses a client over {@link BoothTlsContexts#trustOnly}; everything else a client over
 * {@link BoothTlsContexts#from} (mutual TLS with the booth's device certificate).
 */
public final class HqClient {
    private static final Logger log = LoggerFactory.getLogger(HqClient.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{8,128}");

    private final HqTransport transport;

    public HqClient(HqTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    public HqTransport transport() {
        return transport;
    }

    /**
     * A new idempotency key for one submission. The booth stores it with the outbox entry and passes the same
     * key on every later attempt, including after a restart, so headquarters stores the application once.
     */
    public static String newIdempotencyKey() {
        return UUID.randomUUID().toString();
    }

    /** {@code POST /api/v1/enrol}; not retried (the code works once). */
    public EnrolResponse enrol(EnrolRequest request) throws HqUnavailableException, HqRejectedException {
        Objects.requireNonNull(request, "request");
        EnrolResponse response = transport.send(HqTransport.post(Protocol.ENROL, request, Map.of(), false),
                EnrolResponse.class).orElseThrow(() -> emptyAnswer(Protocol.ENROL));
        log.info("enrolled as booth {}", response.boothId());
        return response;
    }

    /**
     * {@code POST /api/v1/applications} with {@code Idempotency-Key}: retried with backoff, and safe to call
     * again later with the same key; headquarters answers a repeated key with the first receipt.
     *
     * @param idempotencyKey from {@link #newIdempotencyKey()}, persisted with the outbox entry
     * @throws HqUnavailableException keep the submission in the outbox and try again later with the same key
     * @throws HqRejectedException headquarters will not take this submission (e.g. malformed); do not resend
     */
    public SubmissionReceipt submitApplication(Submission submission, String idempotencyKey)
            throws HqUnavailableException, HqRejectedException {
        Objects.requireNonNull(submission, "submission");
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("idempotency key must be 8-128 visible ASCII characters");
        }
        SubmissionReceipt receipt = transport.send(HqTransport.post(Protocol.APPLICATIONS, submission,
                        HqTransport.headers(Protocol.IDEMPOTENCY_KEY_HEADER, idempotencyKey), true),
                SubmissionReceipt.class).orElseThrow(() -> emptyAnswer(Protocol.APPLICATIONS));
        log.info("application submitted: reference {}, status {}", receipt.reference(), receipt.status());
        return receipt;
    }

    /** {@code POST /api/v1/calls}: queue for a clerk. Not retried: if it fails, the booth asks again. */
    public CallTicket requestCall(CallRequest request) throws HqUnavailableException, HqRejectedException {
        Objects.requireNonNull(request, "request");
        CallTicket ticket = transport.send(HqTransport.post(Protocol.CALLS, request, Map.of(), false), CallTicket.class)
                .orElseThrow(() -> emptyAnswer(Protocol.CALLS));
        log.info("call {} queued at position {}", ticket.callId(), ticket.position());
        return ticket;
    }

    /** {@code DELETE /api/v1/calls/{callId}}: the resident left. Idempotent, so retried; HQ answers 204 even if already gone. */
    public void cancelCall(String callId) throws HqUnavailableException, HqRejectedException {
        transport.send(HqTransport.delete(Protocol.call(callId), Map.of()), Void.class);
        log.info("call {} cancelled", callId);
    }

    static HqUnavailableException emptyAnswer(String path) {
        return new HqUnavailableException(HqUnavailableException.Reason.BAD_RESPONSE,
                path + ": headquarters answered with no content", 1, null, null);
    }
}
