package jp.madoguchi.hqlink.message;

/** The answer to a call request: the call's id and where it stands in its queue (1 = next). */
public record CallTicket(int v, String callId, int position, int estimatedWaitSeconds) {
    public CallTicket {
        Require.version(v, "call ticket");
        Require.text(callId, "call ticket", "callId");
        Require.notNegative(position, "call ticket", "position");
        Require.notNegative(estimatedWaitSeconds, "call ticket", "estimatedWaitSeconds");
    }

    public CallTicket(String callId, int position, int estimatedWaitSeconds) {
        this(Protocol.VERSION, callId, position, estimatedWaitSeconds);
    }
}
