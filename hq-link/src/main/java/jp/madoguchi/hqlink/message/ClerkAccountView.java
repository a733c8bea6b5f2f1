package jp.madoguchi.hqlink.message;

import java.time.Instant;

/**
 * A clerk account as an admin sees it. {@code disabled}: may not log in (an admin's choice); {@code locked}: refused
 * for now after too many wrong passwords (an admin may unlock it).
 */
public record ClerkAccountView(String id, String username, String displayName, boolean admin, boolean disabled,
        boolean locked, Instant createdAt) {
    public ClerkAccountView {
        Require.text(id, "clerk account", "id");
        Require.text(username, "clerk account", "username");
        Require.present(displayName, "clerk account", "displayName");
        Require.present(createdAt, "clerk account", "createdAt");
    }
}
