package jp.madoguchi.hq.server;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.javalin.http.Context;
import jakarta.servlet.ServletRequest;

/**
 * What handlers add to the one log line the server writes per request, and the request id.
 * The line is written by the server after the response: {@code request id=… method=… route=…
 * status=… ms=… booth=… clerk=… refs=…}. It never has bodies, query strings or personal data, so
 * only identifiers go in here: reference numbers, a clerk's account id.
 */
public final class RequestLog {
    static final String REQUEST_ID = "madoguchi.requestId";
    static final String CLERK = "madoguchi.log.clerk";
    static final String REFERENCES = "madoguchi.log.refs";
    static final String ROUTE = "madoguchi.log.route";

    /** Identifiers only: letters, digits and {@code - _ . : /}, at most 64 characters. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    private RequestLog() {
    }

    /** The id of this request, also in the {@code X-Request-Id} response header and error bodies. */
    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** Logs the clerk account id that made this request (set by clerk authentication). */
    public static void clerk(Context ctx, String clerkId) {
        ctx.attribute(CLERK, identifier(clerkId));
    }

    /** Adds an application's or call's reference number to this request's log line. */
    public static void reference(Context ctx, String referenceNumber) {
        List<String> references = ctx.attribute(REFERENCES);
        if (references == null) {
            references = new ArrayList<>();
            ctx.attribute(REFERENCES, references);
        }
        references.add(identifier(referenceNumber));
    }

    static String requestId(ServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID);
        return id == null ? "-" : id.toString();
    }

    private static String identifier(String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            // a log field must not become a channel for arbitrary (possibly personal) text
            throw new IllegalArgumentException("not a loggable identifier");
        }
        return value;
    }
}
