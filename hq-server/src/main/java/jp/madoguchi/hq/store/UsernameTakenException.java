package jp.madoguchi.hq.store;

/** {@link ClerkAccounts#create} was given a username another clerk already has. */
public class UsernameTakenException extends RuntimeException {
    public UsernameTakenException(String username) {
        super("username already taken: " + username);
    }
}
