package jp.madoguchi.hqlink.message;

import java.util.List;

/** {@code GET /api/v1/clerk/admin/clerks} (admin): every clerk account, by username. */
public record ClerkList(int v, List<ClerkAccountView> clerks) {
    public ClerkList {
        Require.version(v, "clerk list");
        clerks = Require.list(clerks, "clerk list", "clerks");
    }

    public ClerkList(List<ClerkAccountView> clerks) {
        this(Protocol.VERSION, clerks);
    }
}
