package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Arrays;

/**
 * {@code POST /api/v1/clerk/admin/clerks} (admin): a new clerk account. The password is a {@code char[]} so the
 * caller can wipe it with {@link #wipe()} once sent; headquarters wipes its copy after hashing, refuses one shorter
 * than {@value #MIN_PASSWORD_LENGTH} characters ({@code 400 weak_password}), and it never appears in
 * {@link #toString()}. {@code admin} is false when absent.
 */
public record NewClerkRequest(int v, String username, String displayName, char[] password,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean admin) {
    public static final int MIN_PASSWORD_LENGTH = 12;

    public NewClerkRequest {
        Require.version(v, "new clerk request");
        Require.text(username, "new clerk request", "username");
        Require.text(displayName, "new clerk request", "displayName");
        Require.present(password, "new clerk request", "password");
    }

    public NewClerkRequest(String username, String displayName, char[] password, boolean admin) {
        this(Protocol.VERSION, username, displayName, password, admin);
    }

    /** Overwrites the password in place. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NewClerkRequest that && v == that.v && username.equals(that.username)
                && displayName.equals(that.displayName) && Arrays.equals(password, that.password)
                && admin == that.admin;
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return "NewClerkRequest[v=" + v + ", username=" + username + ", admin=" + admin + ", password=***]";
    }
}
