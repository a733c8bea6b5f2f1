package jp.madoguchi.hqlink.message;

import java.util.Arrays;

/**
 * {@code POST /api/v1/clerk/login}. The password is a {@code char[]} so the caller can wipe it with
 * {@link #wipe()} once the request is sent; it never appears in {@link #toString()}.
 */
public record ClerkLoginRequest(int v, String username, char[] password) {
    public ClerkLoginRequest {
        Require.version(v, "clerk login");
        Require.text(username, "clerk login", "username");
        Require.present(password, "clerk login", "password");
    }

    public ClerkLoginRequest(String username, char[] password) {
        this(Protocol.VERSION, username, password);
    }

    /** Overwrites the password in place. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClerkLoginRequest that && v == that.v && username.equals(that.username)
                && Arrays.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return "ClerkLoginRequest[v=" + v + ", username=" + username + ", password=***]";
    }
}
