package jp.madoguchi.video;

/** Which side of the call this session is. */
public enum CallRole {
    /** The booth: a guest who knocks and waits in the lobby until the clerk admits them. */
    RESIDENT,
    /** The clerk console: the moderator, who admits the resident and may end the call for everyone. */
    CLERK
}
