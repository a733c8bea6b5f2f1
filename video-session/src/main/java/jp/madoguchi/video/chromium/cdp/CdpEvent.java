package jp.madoguchi.video.chromium.cdp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One DevTools Protocol event.
 *
 * @param method    the event's name ({@code Runtime.bindingCalled})
 * @param params    its parameters (an empty object when there are none)
 * @param sessionId the flattened target session it came from, or {@code null} for the browser's own session
 */
public record CdpEvent(String method, JsonNode params, String sessionId) {
}
