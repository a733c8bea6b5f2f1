package jp.madoguchi.clerk.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.BoothHealth;
import jp.madoguchi.hqlink.message.ClerkAccountView;
import jp.madoguchi.hqlink.message.ClerkHistory;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.EnrolmentCodeRequest;
import jp.madoguchi.hqlink.message.EnrolmentCodeResponse;
import jp.madoguchi.hqlink.message.NewClerkRequest;
import jp.madoguchi.hqlink.message.ShowOnBooth;

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
    public void logout() throws HqUnavailableException, HqRejectedException {
        client.logout();
    }

    @Override
    public ClerkQueues queues() throws HqUnavailableException, HqRejectedException {
        return client.queues();
    }

    @Override
    public Optional<AnsweredCall> answer(String routing, String callId) throws HqUnavailableException, HqRejectedException {
        return callId == null ? client.answerNext(routing) : client.answer(routing, callId);
    }

    @Override
    public void decide(DecisionRequest decision) throws HqUnavailableException, HqRejectedException {
        client.decide(decision);
    }

    @Override
    public void show(String callId, ShowOnBooth content) throws HqUnavailableException, HqRejectedException {
        client.show(callId, content);
    }

    @Override
    public ClerkHistory history(String reference, LocalDate date) throws HqUnavailableException, HqRejectedException {
        return client.history(reference, date);
    }

    @Override
    public EnrolmentCodeResponse createEnrolmentCode(EnrolmentCodeRequest request)
            throws HqUnavailableException, HqRejectedException {
        return client.createEnrolmentCode(request);
    }

    @Override
    public List<BoothHealth> booths() throws HqUnavailableException, HqRejectedException {
        return client.booths().booths();
    }

    @Override
    public void revokeBooth(String boothId) throws HqUnavailableException, HqRejectedException {
        client.revokeBooth(boothId);
    }

    @Override
    public List<ClerkAccountView> clerks() throws HqUnavailableException, HqRejectedException {
        return client.clerks().clerks();
    }

    @Override
    public ClerkAccountView createClerk(NewClerkRequest request) throws HqUnavailableException, HqRejectedException {
        return client.createClerk(request);
    }

    @Override
    public void setClerkDisabled(String clerkId, boolean disabled) throws HqUnavailableException, HqRejectedException {
        if (disabled) {
            client.disableClerk(clerkId);
        } else {
            client.enableClerk(clerkId);
        }
    }

    @Override
    public void unlockClerk(String clerkId) throws HqUnavailableException, HqRejectedException {
        client.unlockClerk(clerkId);
    }
}
