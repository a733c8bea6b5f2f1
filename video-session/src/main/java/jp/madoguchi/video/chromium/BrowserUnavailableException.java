package jp.madoguchi.video.chromium;

/** The browser is not installed, or would not start and open its DevTools endpoint. */
public final class BrowserUnavailableException extends RuntimeException {
    public BrowserUnavailableException(String message) {
        super(message);
    }

    public BrowserUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
