package jp.madoguchi.clerk.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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
 * What the console asks of headquarters, blocking: the view models call it on their work thread, never on the FX
 * thread. Production: {@link HqClerkService} over hq-link's {@code ClerkClient}; tests: a scripted fake or the real
 * client against a headquarters in the test's JVM. Every method but {@link #login} needs a session and throws
 * {@link HqRejectedException} {@code unauthorized} once it has ended.
 */
public interface ClerkService {
    /**
     * Starts a clerk session. The caller wipes {@code password} afterwards (whatever happens here).
     *
     * @throws HqRejectedException {@code bad_credentials}, {@code locked_out} and the like
     */
    ClerkLoginResponse login(String username, char[] password) throws HqUnavailableException, HqRejectedException;

    /** Ends the session at headquarters; the service forgets its token even when headquarters cannot be reached. */
    void logout() throws HqUnavailableException, HqRejectedException;

    /** The queues of the clerk's departments and the booths' presence. */
    ClerkQueues queues() throws HqUnavailableException, HqRejectedException;

    /**
     * Takes the call {@code callId} of {@code routing}, or the longest-waiting one when {@code callId} is null; empty
     * when nobody waits. {@code already_taken} when that call was answered by someone else or left.
     */
    Optional<AnsweredCall> answer(String routing, String callId) throws HqUnavailableException, HqRejectedException;

    /** Records the clerk's decision; headquarters passes it on to the booth. */
    void decide(DecisionRequest decision) throws HqUnavailableException, HqRejectedException;

    /** Shows a short text and/or a picture on the screen of the booth of the clerk's call {@code callId}. */
    void show(String callId, ShowOnBooth content) throws HqUnavailableException, HqRejectedException;

    /** The calls and decisions of {@code date} (null: today), those whose reference contains {@code reference}. */
    ClerkHistory history(String reference, LocalDate date) throws HqUnavailableException, HqRejectedException;

    // ---- administrators only (else forbidden) ----

    EnrolmentCodeResponse createEnrolmentCode(EnrolmentCodeRequest request) throws HqUnavailableException, HqRejectedException;

    List<BoothHealth> booths() throws HqUnavailableException, HqRejectedException;

    void revokeBooth(String boothId) throws HqUnavailableException, HqRejectedException;

    List<ClerkAccountView> clerks() throws HqUnavailableException, HqRejectedException;

    /** Creates a clerk account; the caller wipes the request's password afterwards. */
    ClerkAccountView createClerk(NewClerkRequest request) throws HqUnavailableException, HqRejectedException;

    void setClerkDisabled(String clerkId, boolean disabled) throws HqUnavailableException, HqRejectedException;

    void unlockClerk(String clerkId) throws HqUnavailableException, HqRejectedException;
}
