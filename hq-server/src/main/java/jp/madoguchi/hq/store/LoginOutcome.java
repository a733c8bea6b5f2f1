package jp.madoguchi.hq.store;

import java.time.Instant;

/**
 * The result of {@link ClerkAccounts#authenticate}. The detail (attempts left, unknown username)
 * is for the audit log; what a caller over the network may learn is {@link #forCaller()}, in
 * which {@link Unknown} and {@link WrongPassword} are the same {@link CallerView#REFUSED}, so the
 * login screen cannot be used to find out which usernames exist. (Both also take the same time:
 * an unknown username is checked against a dummy hash.) {@link Locked} is shown so a clerk knows
 * to wait; so that it does not tell someone who failed five times that the username exists, an
 * unknown username is "locked" after as many failures too ({@link Unknown#lockedUntil()}).
 * The HTTP layer should answer REFUSED and LOCKED with the same status code and a fixed text.
 */
public sealed interface LoginOutcome {

    /** What the HTTP layer may tell the person logging in. */
    enum CallerView { SIGNED_IN, REFUSED, LOCKED }

    CallerView forCaller();

    record Ok(Clerk clerk) implements LoginOutcome {
        @Override
        public CallerView forCaller() {
            return CallerView.SIGNED_IN;
        }
    }

    /** The password was wrong; {@code attemptsLeft} more wrong ones lock the account. Not for the caller. */
    record WrongPassword(String clerkId, int attemptsLeft) implements LoginOutcome {
        @Override
        public CallerView forCaller() {
            return CallerView.REFUSED;
        }
    }

    /** An admin disabled the account: refused like a wrong password (the password was checked, for the same time). */
    record Disabled(String clerkId) implements LoginOutcome {
        @Override
        public CallerView forCaller() {
            return CallerView.REFUSED;
        }
    }

    /** The account is locked until {@code until}; the password was not checked. */
    record Locked(String clerkId, Instant until) implements LoginOutcome {
        @Override
        public CallerView forCaller() {
            return CallerView.LOCKED;
        }
    }

    /**
     * No clerk has that username. Not for the caller. Failures with an unknown username are
     * counted like real ones (in memory), so after as many tries the caller sees {@code LOCKED}
     * too: {@code lockedUntil} is then set, and no password was checked.
     */
    record Unknown(Instant lockedUntil) implements LoginOutcome {
        @Override
        public CallerView forCaller() {
            return lockedUntil == null ? CallerView.REFUSED : CallerView.LOCKED;
        }
    }
}
