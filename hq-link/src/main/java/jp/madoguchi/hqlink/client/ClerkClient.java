package jp.madoguchi.hqlink.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.hqlink.message.AnswerNextRequest;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ClerkLoginRequest;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.Protocol;
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
        Optional<AnsweredCall> call = transport.send(HqTransport.post(Protocol.CLERK_ANSWER_NEXT,
                new AnswerNextRequest(routing), auth(), false), AnsweredCall.class);
        call.ifPresent(answered -> log.info("answered call {}", answered.callId()));
        return call;
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
