package jp.madoguchi.clerk.service;

import java.util.Optional;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;

/**
 * What the console asks of headquarters, blocking: the view models call it on their work thread, never on the FX
 * thread. Production: {@link HqClerkService} over hq-link's {@code ClerkClient}; tests: a scripted fake.
 */
public interface ClerkService {
    /**
     * Starts a clerk session. The caller wipes {@code password} afterwards (whatever happens here).
     *
     * @throws HqRejectedException {@code bad_credentials}, {@code locked_out} and the like
     */
    ClerkLoginResponse login(String username, char[] password) throws HqUnavailableException, HqRejectedException;

    /** The queues of the clerk's departments; {@code unauthorized} once the session has expired. */
    ClerkQueues queues() throws HqUnavailableException, HqRejectedException;

    /** Takes the longest-waiting call of {@code routing}; empty when that queue is empty (someone was faster). */
    Optional<AnsweredCall> answerNext(String routing) throws HqUnavailableException, HqRejectedException;

    /** Records the clerk's decision; headquarters passes it on to the booth. */
    void decide(DecisionRequest decision) throws HqUnavailableException, HqRejectedException;
}
