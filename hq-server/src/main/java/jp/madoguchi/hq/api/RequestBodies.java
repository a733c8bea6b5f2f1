package jp.madoguchi.hq.api;

import java.io.IOException;
import java.io.InputStream;
import io.javalin.http.Context;
import jp.madoguchi.hq.server.ApiException;
import jp.madoguchi.hqlink.message.ErrorCodes;

/** Request bodies read with a ceiling, for the booth and the clerk APIs alike. */
final class RequestBodies {
    private RequestBodies() {
    }

    /** The body, at most {@code maxBytes}: 413 too_large beyond (by Content-Length or by what arrives). */
    static byte[] read(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "the request body could not be read");
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, ErrorCodes.TOO_LARGE, "the body is larger than the " + maxBytes
                + " bytes this endpoint accepts");
    }
}
