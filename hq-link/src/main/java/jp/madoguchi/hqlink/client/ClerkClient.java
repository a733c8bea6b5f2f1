package jp.madoguchi.hqlink.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.hqlink.message.AnswerNextRequest;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.BoothList;
import jp.madoguchi.hqlink.message.ClerkAccountView;
import jp.madoguchi.hqlink.message.ClerkHistory;
import jp.madoguchi.hqlink.message.ClerkList;
import jp.madoguchi.hqlink.message.ClerkLoginRequest;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.EnrolmentCodeRequest;
import jp.madoguchi.hqlink.message.EnrolmentCodeResponse;
import jp.madoguchi.hqlink.message.NewClerkRequest;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.ShowOnBooth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clerk console's requests to headquarters, over the same transport as the booth's (TLS trusting HQ's CA;
 * clerks authenticate with a session token, not a certificate). Blocking; thread-safe once logged in.
 */
public final class ClerkClient {
    private static final Logger log = LoggerFactory.getLogger(ClerkClient.class);

    private final HqTransport transport;
    private volatile String token;

    public ClerkClient(HqTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Logs in and keeps the session token for the other calls. The caller wipes {@code password} afterwards. */
    public ClerkLoginResponse login(String username, char[] password) throws HqUnavailableException, HqRejectedException {
        ClerkLoginResponse session = transport.send(HqTransport.post(Protocol.CLERK_LOGIN,
                new ClerkLoginRequest(username, password), Map.of(), false), ClerkLoginResponse.class)
                .orElseThrow(() -> HqClient.emptyAnswer(Protocol.CLERK_LOGIN));
        token = session.token();
        log.info("clerk session started, expires {}", session.expiresAt());
        return session;
    }

    /** {@code GET /api/v1/clerk/queues}; retried. */
    public ClerkQueues queues() throws HqUnavailableException, HqRejectedException {
        return transport.send(HqTransport.get(Protocol.CLERK_QUEUES, auth()), ClerkQueues.class)
                .orElseThrow(() -> HqClient.emptyAnswer(Protocol.CLERK_QUEUES));
    }

    /** {@code POST /api/v1/clerk/answer-next}; empty when nobody waits (204). Not retried: a lost answer would strand a call. */
    public Optional<AnsweredCall> answerNext(String routing) throws HqUnavailableException, HqRejectedException {
        return answer(routing, null);
    }

    /**
     * {@code POST /api/v1/clerk/answer-next} for the chosen {@code callId} (null: the next call of {@code routing}).
     * A call that no longer waits is {@link HqRejectedException} {@code 409 already_taken}. Not retried.
     */
    public Optional<AnsweredCall> answer(String routing, String callId) throws HqUnavailableException, HqRejectedException {
        Optional<AnsweredCall> call = transport.send(HqTransport.post(Protocol.CLERK_ANSWER_NEXT,
                new AnswerNextRequest(routing, callId), auth(), false), AnsweredCall.class);
        call.ifPresent(answered -> log.info("answered call {}", answered.callId()));
        return call;
    }

    /**
     * {@code POST /api/v1/clerk/logout}. The token is forgotten first, so this client is logged out even when
     * headquarters cannot be told (then this throws, and the session ends by itself at its expiry). Does nothing
     * when not logged in.
     */
    public void logout() throws HqUnavailableException, HqRejectedException {
        String current = token;
        if (current == null) {
            return;
        }
        token = null;
        transport.send(HqTransport.post(Protocol.CLERK_LOGOUT, null,
                HqTransport.headers("Authorization", "Bearer " + current), false), Void.class);
        log.info("clerk session ended");
    }

    /** Whether this client holds a session token. */
    public boolean loggedIn() {
        return token != null;
    }

    /**
     * {@code POST /api/v1/clerk/calls/{callId}/show}: shows text and/or a picture on the booth of a call this clerk
     * answered ({@link ShowOnBooth#clear()} takes it away). Not retried.
     */
    public void show(String callId, ShowOnBooth show) throws HqUnavailableException, HqRejectedException {
        transport.send(HqTransport.post(Protocol.clerkShow(callId), show, auth(), false), Void.class);
        log.info("showed {} on the booth of call {}", show, callId);
    }

    /**
     * {@code GET /api/v1/clerk/history}: the calls and decisions of {@code dateOrNull} (null: today at headquarters),
     * only those whose reference contains {@code referenceOrNull} (any case) if given. Retried.
     */
    public ClerkHistory history(String referenceOrNull, LocalDate dateOrNull) throws HqUnavailableException, HqRejectedException {
        List<String> query = new ArrayList<>();
        if (referenceOrNull != null && !referenceOrNull.isBlank()) {
            query.add("reference=" + URLEncoder.encode(referenceOrNull.strip(), StandardCharsets.UTF_8));
        }
        if (dateOrNull != null) {
            query.add("date=" + dateOrNull);
        }
        String path = Protocol.CLERK_HISTORY + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return transport.send(HqTransport.get(path, auth()), ClerkHistory.class)
                .orElseThrow(() -> HqClient.emptyAnswer(Protocol.CLERK_HISTORY));
    }

    // administration (an admin clerk's session; others get 403 forbidden)

    /** {@code POST /api/v1/clerk/admin/enrolment-codes}: a one-time code for a new booth. Not retried. */
    public EnrolmentCodeResponse createEnrolmentCode(EnrolmentCodeRequest request)
            throws HqUnavailableException, HqRejectedException {
        return transport.send(HqTransport.post(Protocol.CLERK_ADMIN_ENROLMENT_CODES, request, auth(), false),
                EnrolmentCodeResponse.class).orElseThrow(() -> HqClient.emptyAnswer(Protocol.CLERK_ADMIN_ENROLMENT_CODES));
    }

    /** {@code GET /api/v1/clerk/admin/booths}; retried. */
    public BoothList booths() throws HqUnavailableException, HqRejectedException {
        return transport.send(HqTransport.get(Protocol.CLERK_ADMIN_BOOTHS, auth()), BoothList.class)
                .orElseThrow(() -> HqClient.emptyAnswer(Protocol.CLERK_ADMIN_BOOTHS));
    }

    /** {@code POST /api/v1/clerk/admin/booths/{boothId}/revoke}: final; the booth is refused from then on. */
    public void revokeBooth(String boothId) throws HqUnavailableException, HqRejectedException {
        adminAction(Protocol.adminPath(Protocol.CLERK_ADMIN_REVOKE_BOOTH, boothId));
        log.info("booth {} revoked", boothId);
    }

    /** {@code GET /api/v1/clerk/admin/clerks}; retried. */
    public ClerkList clerks() throws HqUnavailableException, HqRejectedException {
        return transport.send(HqTransport.get(Protocol.CLERK_ADMIN_CLERKS, auth()), ClerkList.class)
                .orElseThrow(() -> HqClient.emptyAnswer(Protocol.CLERK_ADMIN_CLERKS));
    }

    /** {@code POST /api/v1/clerk/admin/clerks}: a new account. The caller wipes the request's password afterwards. */
    public ClerkAccountView createClerk(NewClerkRequest request) throws HqUnavailableException, HqRejectedException {
        return transport.send(HqTransport.post(Protocol.CLERK_ADMIN_CLERKS, request, auth(), false),
                ClerkAccountView.class).orElseThrow(() -> HqClient.emptyAnswer(Protocol.CLERK_ADMIN_CLERKS));
    }

    /** The clerk can no longer log in, and their sessions end at once. An admin cannot disable themself (409). */
    public void disableClerk(String clerkId) throws HqUnavailableException, HqRejectedException {
        adminAction(Protocol.adminPath(Protocol.CLERK_ADMIN_DISABLE_CLERK, clerkId));
    }

    public void enableClerk(String clerkId) throws HqUnavailableException, HqRejectedException {
        adminAction(Protocol.adminPath(Protocol.CLERK_ADMIN_ENABLE_CLERK, clerkId));
    }

    /** Clears a lockout after too many wrong passwords. */
    public void unlockClerk(String clerkId) throws HqUnavailableException, HqRejectedException {
        adminAction(Protocol.adminPath(Protocol.CLERK_ADMIN_UNLOCK_CLERK, clerkId));
    }

    private void adminAction(String path) throws HqUnavailableException, HqRejectedException {
        transport.send(HqTransport.post(path, null, auth(), false), Void.class);
    }

    /** {@code POST /api/v1/clerk/decisions}; HQ answers 204 and pushes a {@code decision} frame to the booth. */
    public void decide(DecisionRequest decision) throws HqUnavailableException, HqRejectedException {
        transport.send(HqTransport.post(Protocol.CLERK_DECISIONS, decision, auth(), false), Void.class);
        log.info("decision {} recorded for reference {}", decision.outcome(), decision.reference());
    }

    private Map<String, String> auth() {
        String current = token;
        if (current == null) {
            throw new IllegalStateException("not logged in");
        }
        return HqTransport.headers("Authorization", "Bearer " + current);
    }
}
