package jp.madoguchi.clerk.service;

import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;

/** {@link ClerkService} over hq-link's {@link ClerkClient} (TLS to headquarters, the session token it keeps). */
public final class HqClerkService implements ClerkService {
    private final ClerkClient client;

    public HqClerkService(ClerkClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public ClerkLoginResponse login(String username, char[] password) throws HqUnavailableException, HqRejectedException {
        return client.login(username, password);
    }

    @Override
    public ClerkQueues queues() throws HqUnavailableException, HqRejectedException {
        return client.queues();
    }

    @Override
    public Optional<AnsweredCall> answerNext(String routing) throws HqUnavailableException, HqRejectedException {
        return client.answerNext(routing);
    }

    @Override
    public void decide(DecisionRequest decision) throws HqUnavailableException, HqRejectedException {
        client.decide(decision);
    }
}
