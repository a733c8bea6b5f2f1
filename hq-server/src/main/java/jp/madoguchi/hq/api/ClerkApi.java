package jp.madoguchi.hq.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import jp.madoguchi.hq.calls.HeldCalls;
import jp.madoguchi.hq.enrol.EnrolmentService;
import jp.madoguchi.hq.intake.IntakeService;
import jp.madoguchi.hq.presence.PresenceRegistry;
import jp.madoguchi.hq.security.Sha256;
import jp.madoguchi.hq.server.ApiException;
import jp.madoguchi.hq.server.RequestLog;
import jp.madoguchi.hq.store.Applications;
import jp.madoguchi.hq.store.Booth;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.CallLog;
import jp.madoguchi.hq.store.Clerk;
import jp.madoguchi.hq.store.ClerkAccounts;
import jp.madoguchi.hq.store.ClerkSessions;
import jp.madoguchi.hq.store.DecisionResult;
import jp.madoguchi.hq.store.Decisions;
import jp.madoguchi.hq.store.LoginOutcome;
import jp.madoguchi.hq.store.StoreException;
import jp.madoguchi.hq.store.StoredApplication;
import jp.madoguchi.hqlink.message.AnswerNextRequest;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.BoothPresence;
import jp.madoguchi.hqlink.message.Check;
import jp.madoguchi.hqlink.message.ClerkApplication;
import jp.madoguchi.hqlink.message.ClerkHistory;
import jp.madoguchi.hqlink.message.ClerkLoginRequest;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.HistoryEntry;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.QueueSummary;
import jp.madoguchi.hqlink.message.QueuedCall;
import jp.madoguchi.hqlink.message.ShowOnBooth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clerk API of {@code hq-link/PROTOCOL.md}: login and logout, the live queues with the booths' presence,
 * answering (the next call or a chosen one), showing things on the booth of an answered call, decisions, the day's
 * history, and (for admin clerks) {@link ClerkAdminApi}. Clerks authenticate with {@code Authorization: Bearer <token>}
 * from login (no client certificate; {@code /api/v1/clerk} is an open path of the server). Thread-safe.
 *
 * <ul>
 * <li><b>Login.</b> Argon2 takes ~50–100 ms and 19 MiB: at most {@link #CONCURRENT_HASHES} logins hash at
 * once; a login that waits longer than {@link #LOGIN_WAIT} gets {@code 503 busy} with {@code Retry-After: 1}.
 * The caller learns only {@link LoginOutcome#forCaller()}: a wrong password, an unknown username and a disabled
 * account are the same {@code 401 bad_credentials}, with the same text; a locked account is {@code 423 locked_out}
 * (an unknown username "locks" after as many failures, so 423 does not reveal that a username exists,
 * and the lock's end is not told).</li>
 * <li><b>Answer</b> hands the first waiting call ({@link CallQueue#answerNext}) or the chosen one
 * ({@link CallQueue#answer}) to exactly one clerk, removing it atomically (a chosen call that no longer waits is
 * {@code 409 already_taken}), logs it in the {@link CallLog}, opens its video room, answers the clerk with the
 * moderator token and the application, and pushes {@code call_answered} with the guest token to the booth. If the
 * booth is offline at that moment the call is not put back (its resident may be gone; a reconnecting booth would
 * otherwise be answered twice): the clerk still gets 200 with the room and the application, and the
 * header {@value #BOOTH_OFFLINE_HEADER}{@code : true} so the console can say the booth did not get the call.</li>
 * <li><b>Holding</b>: the answering clerk holds the call until the booth leaves {@code in_call}; a clerk who sends no
 * request for a while, or whose answering session logs out, loses it back to the queue ({@link VanishedClerks},
 * decision 0032); they then get {@code 409 call_returned} for it.</li>
 * <li><b>Show</b>: only the clerk who answered the call, within {@link #SHOW_WINDOW} of answering, may send the booth a
 * {@code clerk_shows} frame; the picture is checked (PNG or JPEG by its first bytes, as declared, at most 1 MiB).</li>
 * <li><b>Decisions</b> are made by the clerk who answered the application's call only ({@code 403 not_your_call};
 * an application no call carried: admins), recorded once, attributed to the clerk, and pushed to the booth that
 * submitted the application ({@code decision} frame; a booth offline at that moment
 * is not told now; the decision stands). A second decision is {@code 409 already_decided}.</li>
 * </ul>
 * The request log gets the clerk's id and the reference numbers; never passwords, tokens, content, the shown text
 * or picture, or the history.
 */
public final class ClerkApi implements Consumer<Javalin> {
    private static final Logger LOG = LoggerFactory.getLogger(ClerkApi.class);
    static final int CONCURRENT_HASHES = 2;
    static final Duration LOGIN_WAIT = Duration.ofSeconds(2);
    public static final String BOOTH_OFFLINE_HEADER = "X-Madoguchi-Booth-Offline";
    public static final String BUSY = "busy";
    public static final String ALREADY_DECIDED = ErrorCodes.ALREADY_DECIDED;
    /** How long after answering a call its clerk may still show things on its booth. */
    public static final Duration SHOW_WINDOW = Duration.ofHours(4);
    /** The largest show body: a 1 MiB picture is about 1.4 MB of base64. */
    static final int MAX_SHOW_BODY_BYTES = 2 * 1024 * 1024;
    /** The time zone of "today" in the history when the caller names no date. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Tokyo");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");
    private static final int MAX_REFERENCE_FRAGMENT = 64;
    private static final int CLERK_CHECK_CACHE = 10_000;
    private static final ObjectMapper JSON = ProtocolJson.newMapper();

    private final ClerkAccounts accounts;
    private final ClerkSessions sessions;
    private final CallQueue calls;
    private final CallRooms rooms;
    private final Applications applications;
    private final Decisions decisions;
    private final PresenceRegistry presence;
    private final Booths booths;
    private final CallLog callLog;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration sessionTtl;
    private final ClerkRequests requests;
    private final ClerkAdminApi admin;
    private final VanishedClerks vanished;
    private final Semaphore hashing = new Semaphore(CONCURRENT_HASHES, true);
    /** Whether an application (booth id + "/" + reference) has clerk checks; its content never changes. */
    private final Map<String, Boolean> clerkChecks = new ConcurrentHashMap<>();

    /**
     * @param zone where "today" is for the history (headquarters' municipality; {@link #DEFAULT_ZONE})
     */
    public ClerkApi(ClerkAccounts accounts, ClerkSessions sessions, CallQueue calls, CallRooms rooms,
            Applications applications, Decisions decisions, PresenceRegistry presence, Booths booths, CallLog callLog,
            EnrolmentService enrolment, Clock clock, ZoneId zone, Duration sessionTtl) {
        this(accounts, sessions, calls, rooms, applications, decisions, presence, booths, callLog, enrolment, clock, zone,
                sessionTtl, new VanishedClerks(new HeldCalls(HeldCalls.DEFAULT_VANISH_AFTER), calls, callLog, presence,
                        clock));
    }

    /**
     * @param vanished where answered calls are held, and given back to the queue when their clerk goes away; its
     *     {@link VanishedClerks#sweep()} is the caller's to schedule
     */
    public ClerkApi(ClerkAccounts accounts, ClerkSessions sessions, CallQueue calls, CallRooms rooms,
            Applications applications, Decisions decisions, PresenceRegistry presence, Booths booths, CallLog callLog,
            EnrolmentService enrolment, Clock clock, ZoneId zone, Duration sessionTtl, VanishedClerks vanished) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.booths = Objects.requireNonNull(booths, "booths");
        this.callLog = Objects.requireNonNull(callLog, "callLog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.sessionTtl = Objects.requireNonNull(sessionTtl, "sessionTtl");
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive");
        }
        this.vanished = Objects.requireNonNull(vanished, "vanished");
        this.requests = new ClerkRequests(sessions, clock, vanished.held()::seen);
        this.admin = new ClerkAdminApi(requests, accounts, sessions, booths, presence,
                Objects.requireNonNull(enrolment, "enrolment"), clock);
    }

    @Override
    public void accept(Javalin app) {
        app.post(Protocol.CLERK_LOGIN, this::login);
        app.post(Protocol.CLERK_LOGOUT, this::logout);
        app.get(Protocol.CLERK_QUEUES, this::queues);
        app.post(Protocol.CLERK_ANSWER_NEXT, this::answerNext);
        app.post(Protocol.CLERK_SHOW, this::show);
        app.post(Protocol.CLERK_DECISIONS, this::decide);
        app.get(Protocol.CLERK_HISTORY, this::history);
        admin.accept(app);
    }

    void login(Context ctx) throws InterruptedException {
        ClerkLoginRequest request = ClerkRequests.parseSecret(ctx, ClerkLoginRequest.class);
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
                            new ClerkLoginResponse(token, now.plus(sessionTtl), clerk.displayName(), clerk.admin())));
                }
                case LOCKED -> throw new ApiException(423, ErrorCodes.LOCKED_OUT,
                        "too many failed logins; try again later");
                default -> throw badCredentials();
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    void logout(Context ctx) {
        Clerk clerk = requests.authenticate(ctx);
        String token = ClerkRequests.bearerToken(ctx);
        sessions.logout(token);
        int returned = vanished.sessionEnded(Sha256.hex(token));
        LOG.info("clerk {} logged out{}", clerk.id(), returned == 0 ? "" : " holding " + returned
                + " call(s), which went back to the queue");
        ctx.status(204);
    }

    void queues(Context ctx) {
        requests.authenticate(ctx);
        Instant now = clock.instant();
        Map<String, Booth> known = new HashMap<>();
        for (Booth booth : booths.list()) {
            known.put(booth.id(), booth);
        }
        Map<String, List<CallQueue.WaitingCall>> waiting = calls.snapshot();
        List<QueueSummary> queues = new ArrayList<>();
        for (String queue : calls.queueNames()) {
            List<QueuedCall> list = new ArrayList<>();
            for (CallQueue.WaitingCall call : waiting.getOrDefault(queue, List.of())) {
                long seconds = Math.max(0, call.waiting(now).getSeconds());
                Booth booth = known.get(call.boothId());
                list.add(new QueuedCall(call.callId(), call.procedureId(), call.priority(),
                        (int) Math.min(Integer.MAX_VALUE, seconds), call.reference(), call.boothId(),
                        booth == null ? "" : booth.name(), booth == null ? "" : booth.location(), needsClerkCheck(call)));
            }
            queues.add(new QueueSummary(queue, list));
        }
        Map<String, PresenceRegistry.BoothPresence> present = new HashMap<>();
        for (PresenceRegistry.BoothPresence booth : presence.snapshot()) {
            present.put(booth.boothId(), booth);
        }
        List<BoothPresence> boothList = new ArrayList<>();
        for (Booth booth : known.values().stream()
                .sorted(java.util.Comparator.comparing(Booth::name).thenComparing(Booth::id)).toList()) {
            if (booth.revoked()) {
                continue;
            }
            PresenceRegistry.BoothPresence seen = present.get(booth.id());
            boolean online = seen != null && seen.online();
            boothList.add(new BoothPresence(booth.id(), booth.name(), booth.location(), online,
                    online ? seen.state() : null, presence.lastSeen(booth.id())));
        }
        ctx.header("Cache-Control", "no-store");
        ctx.result(ProtocolJson.write(new ClerkQueues(queues, boothList)));
    }

    /** Whether the call's application (of the same booth) lists characters the card substituted; cached per application. */
    private boolean needsClerkCheck(CallQueue.WaitingCall call) {
        if (call.reference() == null) {
            return false;
        }
        String key = call.boothId() + "/" + call.reference();
        Boolean known = clerkChecks.get(key);
        if (known != null) {
            return known;
        }
        Optional<StoredApplication> stored = applications.findForBooth(call.boothId(), call.reference());
        if (stored.isEmpty()) {
            return false; // not (yet) here: ask again next time
        }
        boolean checks;
        try {
            JsonNode list = JSON.readTree(stored.get().canonicalJson()).path("clerkChecks");
            checks = list.isArray() && !list.isEmpty();
        } catch (IOException e) {
            LOG.warn("application {}: canonical JSON unreadable; clerk checks unknown", call.reference());
            checks = false;
        }
        if (clerkChecks.size() >= CLERK_CHECK_CACHE) {
            clerkChecks.clear();
        }
        clerkChecks.put(key, checks);
        return checks;
    }

    void answerNext(Context ctx) {
        Clerk clerk = requests.authenticate(ctx);
        AnswerNextRequest request = ClerkRequests.parse(ClerkRequests.body(ctx, ClerkRequests.MAX_BODY_BYTES),
                AnswerNextRequest.class);
        Optional<CallQueue.WaitingCall> taken;
        if (request.callId() != null) {
            taken = calls.answer(request.callId());
            if (taken.isEmpty()) {
                throw new ApiException(409, ErrorCodes.ALREADY_TAKEN,
                        "this call no longer waits: another clerk answered it, or the resident left");
            }
        } else {
            String queue = calls.queueNames().contains(request.routing()) ? request.routing()
                    : calls.queueFor(request.routing());
            taken = calls.answerNext(queue);
            if (taken.isEmpty()) {
                ctx.status(204);
                return;
            }
        }
        handOver(ctx, clerk, taken.get());
    }

    /** Gives a call just taken from the queue to the clerk: logged, a room, the booth told, the clerk answered. */
    private void handOver(Context ctx, Clerk clerk, CallQueue.WaitingCall call) {
        RequestLog.reference(ctx, call.callId());
        Instant now = clock.instant();
        // held before the booth hears of it, so its "in_call" always finds the hold
        vanished.held().answered(call, clerk.id(), Sha256.hex(ClerkRequests.bearerToken(ctx)), now);
        try {
            callLog.answered(logged(call), clerk.id(), now);
        } catch (StoreException e) {
            // the call is already out of the queue: the clerk gets it all the same (it cannot be shown things)
            LOG.error("call {}: answered by clerk {} but not logged", call.callId(), clerk.id(), e);
        }
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

    /** A waiting call as the call log keeps it. */
    public static CallLog.Call logged(CallQueue.WaitingCall call) {
        return new CallLog.Call(call.callId(), call.boothId(), call.procedureId(), call.routing(), call.reference(),
                call.priority(), call.since());
    }

    void show(Context ctx) {
        Clerk clerk = requests.authenticate(ctx);
        String callId = ClerkRequests.pathId(ctx, "callId", ErrorCodes.UNKNOWN_CALL, "no such answered call");
        RequestLog.reference(ctx, callId);
        ShowOnBooth request = ClerkRequests.parse(ClerkRequests.body(ctx, MAX_SHOW_BODY_BYTES), ShowOnBooth.class);
        Optional<CallLog.Answered> found = callLog.findAnswered(callId, clock.instant().minus(SHOW_WINDOW));
        if (found.isEmpty() || !found.get().answeredBy().equals(clerk.id())) {
            if (callLog.wasReturnedFrom(callId, clerk.id())) {
                throw callReturned();
            }
            if (found.isEmpty()) {
                throw new ApiException(404, ErrorCodes.UNKNOWN_CALL,
                        "no call with this id was answered in the last " + SHOW_WINDOW.toHours() + " hours");
            }
            throw new ApiException(403, ErrorCodes.NOT_YOUR_CALL, "another clerk answered this call");
        }
        CallLog.Answered answered = found.get();
        if (!request.imageBase64().isEmpty()) {
            checkPicture(request);
        }
        PresenceFrame.ClerkShows frame = new PresenceFrame.ClerkShows(callId, request.text(), request.imageBase64(),
                request.imageType());
        if (!presence.send(answered.boothId(), frame)) {
            throw new ApiException(409, ErrorCodes.BOOTH_OFFLINE, "the booth is not connected right now");
        }
        // the frame's toString has the text's length and the picture's type, never the text or picture
        LOG.info("call {}: clerk {} showed the booth {}", callId, clerk.id(), frame.clears() ? "nothing (cleared)" : frame);
        ctx.status(204);
    }

    /** 400 unless the picture is base64 of at most 1 MiB of PNG or JPEG, as its {@code imageType} says. */
    static void checkPicture(ShowOnBooth request) {
        byte[] picture;
        try {
            picture = Base64.getDecoder().decode(request.imageBase64());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "imageBase64 is not base64 (RFC 4648, no line breaks)");
        }
        if (picture.length > PresenceFrame.ClerkShows.MAX_IMAGE_BYTES) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "the picture is larger than 1 MiB");
        }
        String actual = isPng(picture) ? "image/png" : isJpeg(picture) ? "image/jpeg" : null;
        if (actual == null) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "the picture is neither PNG nor JPEG");
        }
        if (!actual.equals(request.imageType())) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "imageType says " + request.imageType()
                    + " but the picture is " + actual);
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static boolean isPng(byte[] picture) {
        return picture.length > PNG_SIGNATURE.length
                && Arrays.equals(picture, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }

    private static boolean isJpeg(byte[] picture) {
        return picture.length > 3 && (picture[0] & 0xff) == 0xff && (picture[1] & 0xff) == 0xd8
                && (picture[2] & 0xff) == 0xff;
    }

    void decide(Context ctx) {
        Clerk clerk = requests.authenticate(ctx);
        DecisionRequest request = ClerkRequests.parse(ClerkRequests.body(ctx, ClerkRequests.MAX_BODY_BYTES),
                DecisionRequest.class);
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
        mayDecide(clerk, request.reference());
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

    /**
     * Only the clerk holding the application's call decides it (decision 0032): the clerk who answered the latest
     * answered call carrying it. 409 call_returned to a clerk whose call went back to the queue while they were away;
     * 403 not_your_call to any other clerk. An application no call of which was answered or waits now (the resident
     * left, or it arrived after the call) may be decided by an admin only. 404 for an unknown reference.
     */
    private void mayDecide(Clerk clerk, String reference) {
        StoredApplication application = applications.findByReference(reference)
                .orElseThrow(() -> new ApiException(404, ErrorCodes.UNKNOWN_REFERENCE, "no application has this reference"));
        Optional<CallLog.Answered> answered = callLog.answeredCallOf(application.boothId(), reference);
        if (answered.isPresent() && answered.get().answeredBy().equals(clerk.id())) {
            return;
        }
        if (callLog.applicationReturnedFrom(application.boothId(), reference, clerk.id())) {
            throw callReturned();
        }
        if (answered.isPresent()) {
            throw new ApiException(403, ErrorCodes.NOT_YOUR_CALL, "another clerk answered this application's call");
        }
        boolean waiting = calls.snapshot().values().stream().flatMap(List::stream)
                .anyMatch(call -> call.boothId().equals(application.boothId()) && reference.equals(call.reference()));
        if (waiting) {
            throw new ApiException(403, ErrorCodes.NOT_YOUR_CALL,
                    "this application's call waits for a clerk: answer it first");
        }
        if (!clerk.admin()) {
            throw new ApiException(403, ErrorCodes.NOT_YOUR_CALL,
                    "no call of yours carries this application; an admin decides applications without a call");
        }
    }

    private static ApiException callReturned() {
        return new ApiException(409, ErrorCodes.CALL_RETURNED, "you were away too long (or logged out) while holding"
                + " this call, so it went back to the queue for another clerk");
    }

    /** {@code GET history?reference=&date=}: one day's calls and decisions. Neither the query nor the answer is logged. */
    void history(Context ctx) {
        requests.authenticate(ctx);
        String date = ctx.queryParam("date");
        LocalDate day;
        if (date == null || date.isBlank()) {
            day = LocalDate.ofInstant(clock.instant(), zone);
        } else {
            try {
                day = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                throw new ApiException(400, ErrorCodes.BAD_REQUEST, "date is not a day such as 2026-11-23");
            }
        }
        String reference = ctx.queryParam("reference");
        reference = reference == null || reference.isBlank() ? null : reference.strip();
        if (reference != null && reference.length() > MAX_REFERENCE_FRAGMENT) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "reference is longer than " + MAX_REFERENCE_FRAGMENT
                    + " characters");
        }
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<HistoryEntry> entries = new ArrayList<>();
        for (CallLog.HistoryRow row : callLog.history(from, to, reference, ClerkHistory.MAX_ENTRIES)) {
            entries.add(new HistoryEntry(row.callId(), row.reference(), row.procedureId(), row.boothName(),
                    row.location(), row.queuedAt(), row.answeredAt(), row.answeredBy(), outcome(row.status()),
                    row.decidedAt(), row.decidedBy(), row.message()));
        }
        ctx.header("Cache-Control", "no-store");
        ctx.result(ProtocolJson.write(new ClerkHistory(entries)));
    }

    private static Outcome outcome(jp.madoguchi.hq.store.ApplicationStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case RECEIVED -> null;
            case ACCEPTED -> Outcome.ACCEPTED;
            case CORRECTION_NEEDED -> Outcome.CORRECTION_NEEDED;
            case REJECTED -> Outcome.REJECTED;
        };
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
