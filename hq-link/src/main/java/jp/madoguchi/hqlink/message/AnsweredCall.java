package jp.madoguchi.hqlink.message;

/**
 * The call a clerk got from answer-next: the room, the clerk's moderator {@code jwt}, and the application
 * the booth submitted for this call, if any.
 */
public record AnsweredCall(int v, String callId, String room, String jwt, String jitsiDomain,
        ClerkApplication application) {
    public AnsweredCall {
        Require.version(v, "answered call");
        Require.text(callId, "answered call", "callId");
        Require.text(room, "answered call", "room");
        Require.text(jwt, "answered call", "jwt");
        Require.text(jitsiDomain, "answered call", "jitsiDomain");
    }

    public AnsweredCall(String callId, String room, String jwt, String jitsiDomain, ClerkApplication application) {
        this(Protocol.VERSION, callId, room, jwt, jitsiDomain, application);
    }

    @Override
    public String toString() {
        return "AnsweredCall[v=" + v + ", callId=" + callId + ", room=" + room + ", jwt=***, jitsiDomain=" + jitsiDomain
                + ", application=" + (application == null ? "none" : application.reference()) + "]";
    }
}
