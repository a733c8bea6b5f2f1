package jp.madoguchi.hqlink.message;

import java.util.List;

/** {@code GET /api/v1/clerk/admin/booths} (admin): every enrolled booth, revoked ones too, by name. */
public record BoothList(int v, List<BoothHealth> booths) {
    public BoothList {
        Require.version(v, "booth list");
        booths = Require.list(booths, "booth list", "booths");
    }

    public BoothList(List<BoothHealth> booths) {
        this(Protocol.VERSION, booths);
    }
}
