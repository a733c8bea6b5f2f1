package jp.madoguchi.hq.server;

/**
 * What {@code GET /health} reports besides the server's own version and uptime. Storage and
 * presence plug their implementation in with {@link HqServer.Builder#health(HealthStatus)}.
 * Called on every health request, possibly concurrently: implementations must be thread-safe and
 * answer within milliseconds (cache a periodic database probe rather than query on each call).
 */
public interface HealthStatus {
    /** {@code "ok"}, or a short reason without personal data or secrets (e.g. {@code "unreachable"}). */
    String database();

    /** How many booths hold an open presence connection. */
    int boothsOnline();

    /** Until storage and presence exist: a database that is "ok" and no booth online. */
    static HealthStatus stub() {
        return new HealthStatus() {
            @Override
            public String database() {
                return "ok";
            }

            @Override
            public int boothsOnline() {
                return 0;
            }
        };
    }
}
