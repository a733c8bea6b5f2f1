package jp.madoguchi.clerk.model;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.clerk.service.ClerkService;
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

/**
 * Headquarters as the view model tests script it: each call takes the next scripted answer (a value, or an exception
 * to throw) and records what the console sent. A call with nothing scripted fails the test. Not thread-safe: the
 * tests run work and ui on the test thread.
 */
public final class ScriptedClerkService implements ClerkService {
    /** A scripted answer: returns a value or throws. */
    public interface Answer<T> {
        T get() throws HqUnavailableException, HqRejectedException;
    }

    /** A scripted answer to a request without a result. */
    public interface Done {
        void run() throws HqUnavailableException, HqRejectedException;
    }

    public final Deque<Answer<ClerkLoginResponse>> logins = new ArrayDeque<>();
    public final Deque<Answer<ClerkQueues>> queues = new ArrayDeque<>();
    public final Deque<Answer<Optional<AnsweredCall>>> answers = new ArrayDeque<>();
    public final Deque<Done> decisions = new ArrayDeque<>();
    public final Deque<Done> shows = new ArrayDeque<>();
    public final Deque<Answer<ClerkHistory>> histories = new ArrayDeque<>();
    public final List<String> loginsSent = new ArrayList<>();
    /** The password arrays the console handed over, kept to check that they were zeroed afterwards. */
    public final List<char[]> passwordsSeen = new ArrayList<>();
    /** What each password array held while headquarters was being asked. */
    public final List<String> passwordsAtCall = new ArrayList<>();
    /** routing + " " + callId (or "next") of each answer request. */
    public final List<String> answersSent = new ArrayList<>();
    public final List<DecisionRequest> decisionsSent = new ArrayList<>();
    public final List<String> showsSent = new ArrayList<>();
    public final List<String> historiesSent = new ArrayList<>();
    public int logouts;
    int queueCalls;

    @Override
    public ClerkLoginResponse login(String username, char[] password) throws HqUnavailableException, HqRejectedException {
        loginsSent.add(username);
        passwordsSeen.add(password);
        passwordsAtCall.add(new String(password));
        return logins.removeFirst().get();
    }

    @Override
    public void logout() {
        logouts++;
    }

    @Override
    public ClerkQueues queues() throws HqUnavailableException, HqRejectedException {
        queueCalls++;
        return queues.removeFirst().get();
    }

    @Override
    public Optional<AnsweredCall> answer(String routing, String callId) throws HqUnavailableException, HqRejectedException {
        answersSent.add(routing + " " + (callId == null ? "next" : callId));
        return answers.removeFirst().get();
    }

    @Override
    public void decide(DecisionRequest decision) throws HqUnavailableException, HqRejectedException {
        decisionsSent.add(decision);
        decisions.removeFirst().run();
    }

    @Override
    public void show(String callId, ShowOnBooth content) throws HqUnavailableException, HqRejectedException {
        showsSent.add(callId + " text=" + content.text() + " image=" + content.imageType());
        shows.removeFirst().run();
    }

    @Override
    public ClerkHistory history(String reference, LocalDate date) throws HqUnavailableException, HqRejectedException {
        historiesSent.add(reference + " " + date);
        return histories.removeFirst().get();
    }

    @Override
    public EnrolmentCodeResponse createEnrolmentCode(EnrolmentCodeRequest request) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public List<BoothHealth> booths() {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public void revokeBooth(String boothId) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public List<ClerkAccountView> clerks() {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public ClerkAccountView createClerk(NewClerkRequest request) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public void setClerkDisabled(String clerkId, boolean disabled) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public void unlockClerk(String clerkId) {
        throw new UnsupportedOperationException("not scripted");
    }
}
