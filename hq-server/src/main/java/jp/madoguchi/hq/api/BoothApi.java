package jp.madoguchi.hq.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.enrol.EnrolmentService;
import jp.madoguchi.hq.intake.IntakeService;
import jp.madoguchi.hq.server.ApiError;
import jp.madoguchi.hq.server.ApiException;
import jp.madoguchi.hq.server.BoothIdentity;
import jp.madoguchi.hq.server.RequestLog;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.EnrolRequest;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.ProtocolException;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth endpoints of {@code hq-link/PROTOCOL.md}, registered on an {@code HqServer}:
 * <pre>{@code
 * HqServer.builder()
 *         .tls(tls).revocations(booths)
 *         .json(HqJson.protocol())          // error bodies in the protocol's JSON too
 *         .route(new BoothApi(enrolment, intake, calls, Clock.systemUTC()))
 *         .build().start();
 * }</pre>
 * <ul>
 * <li>{@code POST /api/v1/enrol} (no client certificate): {@code 201} {@link jp.madoguchi.hqlink.message.EnrolResponse},
 *     or {@code 404 code_unknown}, {@code 409 code_used}, {@code 410 code_expired}, {@code 400 bad_csr}. The code is
 *     a one-time secret: nothing here logs the request.</li>
 * <li>{@code POST /api/v1/applications} with {@code Idempotency-Key}: {@code 201} {@link SubmissionReceipt} the first
 *     time, {@code 200} with the byte-identical body for every resend; {@code 422 idempotency_key_reused};
 *     {@code 429} with {@code Retry-After: 1} while the first request with that (booth, key) is still being processed.</li>
 * <li>{@code POST /api/v1/calls}: {@code 201} {@link CallTicket}; a {@code reference} must be one of this booth's
 *     applications ({@code 404 unknown_reference} otherwise, so a clerk is never shown another booth's resident).</li>
 * <li>{@code DELETE /api/v1/calls/{callId}}: {@code 204} always (the client retries it), but only the booth that
 *     placed a call removes it: another booth's call id is left alone (and logged).</li>
 * </ul>
 * The booth is always the one in the verified client certificate ({@link BoothIdentity}), never a body field; the
 * server's access gate has refused requests without one (and revoked booths) before these handlers run.
 *
 * <p><b>Bodies.</b> Read and written with hq-link's {@link ProtocolJson} configuration, whatever mapper the server
 * was built with, so booth and headquarters cannot disagree. A body that is not a message of the endpoint's type
 * is {@code 400 bad_request} (the message names the field, never a value); {@code v} missing or not 1 is
 * {@code 400 unsupported_version}. Bodies are read here with their own limits, independent of Javalin's global
 * {@code maxRequestSize}: {@value #MAX_SUBMISSION_BYTES} bytes for an application (a signed application is a few
 * KB today; the limit leaves room for forms of a few hundred KB), {@value #MAX_SMALL_BODY_BYTES} bytes for
 * enrolment (a CSR is at most 64 K characters) and calls. Beyond that: {@code 413 too_large}, not retried by the client.
 *
 * <p>Thread-safe: the services are; the in-flight set is concurrent.
 */
public final class BoothApi implements Consumer<Javalin> {
    /** The largest application body accepted: 1 MiB. */
    public static final int MAX_SUBMISSION_BYTES = 1024 * 1024;
    /** The largest enrolment or call body accepted: 96 KiB. */
    public static final int MAX_SMALL_BODY_BYTES = 96 * 1024;
    /** PROTOCOL.md: "a UUID, 8 to 128 visible ASCII characters". */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{8,128}");
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");
    private static final int MAX_FIELD_CHARS = 128;
    private static final Duration SLOW_SUBMISSION = Duration.ofSeconds(5);
    private static final String JSON_TYPE = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(BoothApi.class);

    private final EnrolmentService enrolment;
    private final IntakeService intake;
    private final CallQueue calls;
    private final Clock clock;
    private final ObjectMapper json = ProtocolJson.newMapper();
    /** (booth, key) of the submissions being processed now: a concurrent repeat waits (429) instead of racing. */
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();

    private record InFlight(String boothId, String idempotencyKey) {
    }

    public BoothApi(EnrolmentService enrolment, IntakeService intake, CallQueue calls, Clock clock) {
        this.enrolment = Objects.requireNonNull(enrolment, "enrolment");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void accept(Javalin app) {
        app.post(Protocol.ENROL, this::enrol);
        app.post(Protocol.APPLICATIONS, this::submit);
        app.post(Protocol.CALLS, this::requestCall);
        app.delete(Protocol.CALLS + "/{callId}", this::cancelCall);
    }

    private void enrol(Context ctx) {
        EnrolRequest request = read(ctx, EnrolRequest.class, MAX_SMALL_BODY_BYTES);
        EnrolmentService.Result result = enrolment.enrol(request.code(), request.boothName(), request.csrPem());
        if (result instanceof EnrolmentService.Result.Refused refused) {
            throw new ApiException(refused.status(), refused.error(), refused.message());
        }
        answer(ctx, 201, ((EnrolmentService.Result.Enrolled) result).response());
    }

    private void submit(Context ctx) {
        String boothId = BoothIdentity.of(ctx).boothId();
        String key = ctx.header(Protocol.IDEMPOTENCY_KEY_HEADER);
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST,
                    "an Idempotency-Key header of 8 to 128 visible ASCII characters is required");
        }
        Submission submission = read(ctx, Submission.class, MAX_SUBMISSION_BYTES);
        InFlight mine = new InFlight(boothId, key);
        if (!inFlight.add(mine)) {
            // the first request with this key is still being verified and stored: never 409 (final to the booth)
            ctx.header("Retry-After", "1");
            refuse(ctx, 429, "busy", "a submission with this Idempotency-Key is still being processed; retry");
            return;
        }
        Instant started = clock.instant();
        IntakeService.Result result;
        try {
            result = intake.submit(boothId, key, submission);
        } finally {
            inFlight.remove(mine);
        }
        Duration took = Duration.between(started, clock.instant());
        if (took.compareTo(SLOW_SUBMISSION) > 0) {
            LOG.warn("submission from booth {} took {} ms", boothId, took.toMillis());
        }
        if (result instanceof IntakeService.Result.Refused refused) {
            throw new ApiException(refused.status(), refused.error(), refused.message());
        }
        IntakeService.Result.Received received = (IntakeService.Result.Received) result;
        RequestLog.reference(ctx, received.receipt().reference());
        // the receipt is rebuilt from the stored row each time, so a resend gets the very same bytes
        answer(ctx, received.resubmission() ? 200 : 201, received.receipt());
    }

    private void requestCall(Context ctx) {
        String boothId = BoothIdentity.of(ctx).boothId();
        CallRequest request = read(ctx, CallRequest.class, MAX_SMALL_BODY_BYTES);
        if (request.routing().length() > MAX_FIELD_CHARS || request.procedureId().length() > MAX_FIELD_CHARS) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "call request: routing and procedureId are at most "
                    + MAX_FIELD_CHARS + " characters");
        }
        String reference = request.reference();
        if (reference != null) {
            if (!REFERENCE.matcher(reference).matches() || !intake.submittedBy(boothId, reference)) {
                // not this booth's application: the clerk must never be shown another booth's resident
                throw new ApiException(404, ErrorCodes.UNKNOWN_REFERENCE,
                        "call request: 'reference' is not an application this booth submitted");
            }
            RequestLog.reference(ctx, reference);
        }
        CallQueue.Ticket ticket = calls.enqueue(boothId, request.routing(), request.procedureId(), request.priority(),
                reference);
        RequestLog.reference(ctx, ticket.callId());
        long seconds = Math.min(Integer.MAX_VALUE, Math.max(0, ticket.estimatedWait().toSeconds()));
        answer(ctx, 201, new CallTicket(ticket.callId(), ticket.position(), (int) seconds));
    }

    private void cancelCall(Context ctx) {
        String boothId = BoothIdentity.of(ctx).boothId();
        String callId = ctx.pathParam("callId");
        if (!CALL_ID.matcher(callId).matches()) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "not a call id");
        }
        if (REFERENCE.matcher(callId).matches()) {
            RequestLog.reference(ctx, callId);
        }
        if (calls.cancel(callId, boothId) == CallQueue.Cancellation.OTHER_BOOTH) {
            // 204 all the same (PROTOCOL.md: always 204), but the call stays: booth A never removes booth B's resident
            LOG.warn("booth {} asked to cancel call {} of another booth; left it waiting", boothId, callId);
        }
        ctx.status(204);
    }

    /** Reads the body as one protocol message of {@code type}, or answers 400/413 (by throwing). */
    private <T> T read(Context ctx, Class<T> type, int maxBytes) {
        byte[] body = RequestBodies.read(ctx, maxBytes);
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            // never Jackson's message: it quotes the input
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, type.getSimpleName() + ": the body is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, type.getSimpleName() + ": the body is not a JSON object");
        }
        JsonNode v = tree.get("v");
        if (v == null || !v.isIntegralNumber() || v.asLong() != Protocol.VERSION) {
            throw new ApiException(400, ErrorCodes.UNSUPPORTED_VERSION,
                    type.getSimpleName() + ": \"v\" must be " + Protocol.VERSION);
        }
        try {
            return ProtocolJson.read(body, type);
        } catch (ProtocolException e) {
            // ProtocolJson's messages name the message and the field, never a value
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, e.getMessage());
        }
    }

    private void answer(Context ctx, int status, Object message) {
        try {
            ctx.status(status).contentType(JSON_TYPE).result(json.writeValueAsBytes(message));
        } catch (JacksonException e) {
            throw new IllegalStateException("protocol messages always serialise: " + message.getClass().getSimpleName(), e);
        }
    }

    private void refuse(Context ctx, int status, String code, String message) {
        answer(ctx, status, new ApiError(code, message, RequestLog.requestId(ctx)));
    }
}
