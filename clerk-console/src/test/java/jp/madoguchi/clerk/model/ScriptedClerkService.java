package jp.madoguchi.clerk.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.clerk.service.ClerkService;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;

/**
 * Headquarters as the view model tests script it: each call takes the next scripted answer (a value, or an exception
 * to throw) and records what the console sent. Not thread-safe: the tests run work and ui on the test thread.
 */
public final class ScriptedClerkService implements ClerkService {
    /** A scripted answer: returns a value or throws. */
    public interface Answer<T> {
        T get() throws HqUnavailableException, HqRejectedException;
    }

    public final Deque<Answer<ClerkLoginResponse>> logins = new ArrayDeque<>();
    public final Deque<Answer<ClerkQueues>> queues = new ArrayDeque<>();
    public final List<String> loginsSent = new ArrayList<>();
    /** The password arrays the console handed over, kept to check that they were zeroed afterwards. */
    public final List<char[]> passwordsSeen = new ArrayList<>();
    /** What each password array held while headquarters was being asked. */
    public final List<String> passwordsAtCall = new ArrayList<>();
    int queueCalls;

    @Override
    public ClerkLoginResponse login(String username, char[] password) throws HqUnavailableException, HqRejectedException {
        loginsSent.add(username);
        passwordsSeen.add(password);
        passwordsAtCall.add(new String(password));
        return logins.removeFirst().get();
    }

    @Override
    public ClerkQueues queues() throws HqUnavailableException, HqRejectedException {
        queueCalls++;
        return queues.removeFirst().get();
    }

    @Override
    public Optional<AnsweredCall> answerNext(String routing) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public void decide(DecisionRequest decision) {
        throw new UnsupportedOperationException("not scripted");
    }
}
