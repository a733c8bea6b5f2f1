package jp.madoguchi.hq.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.calls.CallRooms;
import jp.madoguchi.hq.intake.IntakeService;
import jp.madoguchi.hq.presence.PresenceRegistry;
import jp.madoguchi.hq.server.ApiException;
import jp.madoguchi.hq.server.RequestLog;
import jp.madoguchi.hq.store.Applications;
import jp.madoguchi.hq.store.Booth;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.Clerk;
import jp.madoguchi.hq.store.ClerkAccounts;
import jp.madoguchi.hq.store.ClerkSessions;
import jp.madoguchi.hq.store.DecisionResult;
import jp.madoguchi.hq.store.Decisions;
import jp.madoguchi.hq.store.LoginOutcome;
import jp.madoguchi.hq.store.StoredApplication;
import jp.madoguchi.hqlink.message.AnswerNextRequest;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.Check;
import jp.madoguchi.hqlink.message.ClerkApplication;
import jp.madoguchi.hqlink.message.ClerkLoginRequest;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.ProtocolException;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.QueueSummary;
import jp.madoguchi.hqlink.message.QueuedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clerk API of {@code hq-link/PROTOCOL.md}: login, the live queues, answer-next and decisions.
 * Clerks authenticate with {@code Authorization: Bearer <token>} from login (no client certificate;
 * {@code /api/v1/clerk} is an open path of the server). Thread-safe.
 *
 * <ul>
 * <li><b>Login.</b> Argon2 takes ~50–100 ms and 19 MiB: at most {@link #CONCURRENT_HASHES} logins hash at
 * once; a login that waits longer than {@link #LOGIN_WAIT} gets {@code 503 busy} with {@code Retry-After: 1}.
 * The caller learns only {@link LoginOutcome#forCaller()}: a wrong password and an unknown username are
 * the same {@code 401 bad_credentials}, with the same text; a locked account is {@code 423 locked_out}
 * (an unknown username "locks" after as many failures, so 423 does not reveal that a username exists,
 * and the lock's end is not told).</li>
 * <li><b>Answer-next</b> hands the first waiting call to exactly one clerk ({@link CallQueue#answerNext}
 * removes it atomically), opens its video room, answers the clerk with the moderator token and the
 * application, and pushes {@code call_answered} with the guest token to the booth. If the booth is
 * offline at that moment the call is not put back (its resident may be gone; a reconnecting booth would
 * otherwise be answered twice): the clerk still gets 200 with the room and the application, and the
 * header {@value #BOOTH_OFFLINE_HEADER}{@code : true} so the console can say the booth did not get the call.</li>
 * <li><b>Decisions</b> are recorded once, attributed to the clerk, and pushed to the booth that
 * submitted the application ({@code decision} frame; a booth offline at that moment
 * is not told now; the decision stands). A second decision is {@code 409 already_decided}.</li>
 * </ul>
 * The request log gets the clerk's id and the reference numbers; never passwords, tokens or content.
 */
public final class ClerkApi implements Consumer<Javalin> {
    private static final Logger LOG = LoggerFactory.getLogger(ClerkApi.class);
    static final int CONCURRENT_HASHES = 2;
    static final Duration LOGIN_WAIT = Duration.ofSeconds(2);
    public static final String BOOTH_OFFLINE_HEADER = "X-Madoguchi-Booth-Offline";
    public static final String BUSY = "busy";
    public static final String ALREADY_DECIDED = "already_decided";
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");
    private static final ObjectMapper JSON = ProtocolJson.newMapper();

    private final ClerkAccounts accounts;
    private final ClerkSessions sessions;
    private final CallQueue calls;
    private final CallRooms rooms;
    private final Applications applications;
    private final Decisions decisions;
    private final PresenceRegistry presence;
    private final Booths booths;
    private final Clock clock;
    private final Duration sessionTtl;
    private final Semaphore hashing = new Semaphore(CONCURRENT_HASHES, true);

    public ClerkApi(ClerkAccounts accounts, ClerkSessions sessions, CallQueue calls, CallRooms rooms,
            Applications applications, Decisions decisions, PresenceRegistry presence, Booths booths, Clock clock,
            Duration sessionTtl) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.booths = Objects.requireNonNull(booths, "booths");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessionTtl = Objects.requireNonNull(sessionTtl, "sessionTtl");
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive");
        }
    }

    @Override
    public void accept(Javalin app) {
        app.post(Protocol.CLERK_LOGIN, this::login);
        app.get(Protocol.CLERK_QUEUES, this::queues);
        app.post(Protocol.CLERK_ANSWER_NEXT, this::answerNext);
        app.post(Protocol.CLERK_DECISIONS, this::decide);
    }

    void login(Context ctx) throws InterruptedException {
        byte[] body = ctx.bodyAsBytes();
        ClerkLoginRequest request;
        try {
            request = parse(body, ClerkLoginRequest.class);
        } finally {
            Arrays.fill(body, (byte) 0); // the password was in there
        }
        char[] password = request.password();
        try {
            if (!hashing.tryAcquire(LOGIN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                ctx.header("Retry-After", "1");
                throw new ApiException(503, BUSY, "too many logins at once; try again in a second");
            }
            LoginOutcome outcome;
            try {
                outcome = accounts.authenticate(request.username(), password, clock.instant());
            } catch (IllegalArgumentException e) { // a username no account can have (too long)
                throw badCredentials();
            } finally {
                hashing.release();
            }
            switch (outcome.forCaller()) {
                case SIGNED_IN -> {
                    Clerk clerk = ((LoginOutcome.Ok) outcome).clerk();
                    RequestLog.clerk(ctx, clerk.id());
                    Instant now = clock.instant();
                    String token = sessions.create(clerk.id(), now, sessionTtl);
                    ctx.header("Cache-Control", "no-store");
                    ctx.status(200).result(ProtocolJson.write(
                            new ClerkLoginResponse(token, now.plus(sessionTtl), clerk.displayName())));
                }
                case LOCKED -> throw new ApiException(423, ErrorCodes.LOCKED_OUT,
                        "too many failed logins; try again later");
                default -> throw badCredentials();
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    void queues(Context ctx) {
        authenticate(ctx);
        Instant now = clock.instant();
        Map<String, List<CallQueue.WaitingCall>> waiting = calls.snapshot();
        List<QueueSummary> queues = new ArrayList<>();
        for (String queue : calls.queueNames()) {
            List<QueuedCall> list = new ArrayList<>();
            for (CallQueue.WaitingCall call : waiting.getOrDefault(queue, List.of())) {
                long seconds = Math.max(0, call.waiting(now).getSeconds());
                list.add(new QueuedCall(call.callId(), call.procedureId(), call.priority(),
                        (int) Math.min(Integer.MAX_VALUE, seconds), call.reference()));
            }
            queues.add(new QueueSummary(queue, list));
        }
        ctx.header("Cache-Control", "no-store");
        ctx.result(ProtocolJson.write(new ClerkQueues(queues)));
    }

    void answerNext(Context ctx) {
        Clerk clerk = authenticate(ctx);
        AnswerNextRequest request = parse(ctx.bodyAsBytes(), AnswerNextRequest.class);
        String queue = calls.queueNames().contains(request.routing()) ? request.routing()
                : calls.queueFor(request.routing());
        Optional<CallQueue.WaitingCall> next = calls.answerNext(queue);
        if (next.isEmpty()) {
            ctx.status(204);
            return;
        }
        CallQueue.WaitingCall call = next.get();
        RequestLog.reference(ctx, call.callId());
        String boothName = booths.findById(call.boothId()).map(Booth::name).orElse(call.boothId());
        CallRooms.Room room = rooms.open(call, clerk.id(), clerk.displayName(), boothName);
        ClerkApplication application = null;
        if (call.reference() != null) {
            // only an application of the calling booth: a booth cannot show a clerk another booth's resident
            Optional<StoredApplication> stored = applications.findForBooth(call.boothId(), call.reference());
            if (stored.isPresent()) {
                application = clerkApplication(stored.get());
                RequestLog.reference(ctx, stored.get().reference());
            } else {
                LOG.warn("answered call {} names an application the booth {} did not submit; not shown",
                        call.callId(), call.boothId());
            }
        }
        boolean pushed = presence.send(call.boothId(),
                new PresenceFrame.CallAnswered(call.callId(), room.room(), room.boothToken(), room.jitsiDomain()));
        presence.notifyQueuePositions(calls);
        if (!pushed) {
            LOG.warn("answered call {}: booth {} is offline and was not told", call.callId(), call.boothId());
            ctx.header(BOOTH_OFFLINE_HEADER, "true");
        }
        LOG.info("call {} of booth {} answered by clerk {}", call.callId(), call.boothId(), clerk.id());
        ctx.header("Cache-Control", "no-store");
        ctx.result(ProtocolJson.write(new AnsweredCall(call.callId(), room.room(), room.clerkToken(),
                room.jitsiDomain(), application)));
    }

    void decide(Context ctx) {
        Clerk clerk = authenticate(ctx);
        DecisionRequest request = parse(ctx.bodyAsBytes(), DecisionRequest.class);
        if (!REFERENCE.matcher(request.reference()).matches()) {
            throw new ApiException(404, ErrorCodes.UNKNOWN_REFERENCE, "no application has this reference");
        }
        RequestLog.reference(ctx, request.reference());
        jp.madoguchi.hq.store.ApplicationStatus status = switch (request.outcome()) {
            case ACCEPTED -> jp.madoguchi.hq.store.ApplicationStatus.ACCEPTED;
            case CORRECTION_NEEDED -> jp.madoguchi.hq.store.ApplicationStatus.CORRECTION_NEEDED;
            case REJECTED -> jp.madoguchi.hq.store.ApplicationStatus.REJECTED;
            case UNKNOWN -> throw new ApiException(400, ErrorCodes.BAD_REQUEST, "outcome may not be unknown");
        };
        String message = request.message().isEmpty() ? null : request.message();
        DecisionResult result = decisions.decide(request.reference(), status, message, clerk.id(), clock.instant());
        if (result instanceof DecisionResult.NotFound) {
            throw new ApiException(404, ErrorCodes.UNKNOWN_REFERENCE, "no application has this reference");
        }
        if (result instanceof DecisionResult.AlreadyDecided) {
            throw new ApiException(409, ALREADY_DECIDED, "this application was already decided");
        }
        StoredApplication decided = ((DecisionResult.Recorded) result).application();
        boolean pushed = presence.send(decided.boothId(),
                new PresenceFrame.Decision(decided.reference(), request.outcome(), request.message()));
        if (!pushed) {
            LOG.info("decision on {}: booth {} is offline and was not told now", decided.reference(), decided.boothId());
        }
        ctx.status(204);
    }

    /** The clerk behind the request's bearer token, also put in the request's log line; 401 otherwise. */
    private Clerk authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        }
        Optional<Clerk> clerk = token == null || token.isEmpty() ? Optional.empty()
                : sessions.validate(token, clock.instant());
        if (clerk.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, "log in first (Authorization: Bearer <token>)");
        }
        RequestLog.clerk(ctx, clerk.get().id());
        return clerk.get();
    }

    /** Reads a request body: 400 unsupported_version without v = 1, 400 bad_request if malformed (field named, no value). */
    private static <T> T parse(byte[] body, Class<T> type) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "the body is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "the body is not a JSON object");
        }
        JsonNode v = tree.get("v");
        if (v == null || !v.isInt() || v.intValue() != Protocol.VERSION) {
            throw new ApiException(400, ErrorCodes.UNSUPPORTED_VERSION, "this server speaks v=" + Protocol.VERSION);
        }
        try {
            return ProtocolJson.read(body, type);
        } catch (ProtocolException e) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, e.getMessage());
        }
    }

    private static ApiException badCredentials() {
        return new ApiException(401, ErrorCodes.BAD_CREDENTIALS, "wrong username or password");
    }

    /** The application as the clerk sees it; its status follows the checks as the booth's receipt did (IntakeService). */
    static ClerkApplication clerkApplication(StoredApplication stored) {
        List<Check> checks = IntakeService.storedChecks(stored);
        Base64.Encoder base64 = Base64.getEncoder();
        return new ClerkApplication(stored.reference(), stored.formId(), base64.encodeToString(stored.canonicalJson()),
                base64.encodeToString(stored.cms()), IntakeService.status(checks), checks, stored.createdAt());
    }
}
