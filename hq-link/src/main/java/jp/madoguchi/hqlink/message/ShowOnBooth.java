package jp.madoguchi.hqlink.message;

/**
 * {@code POST /api/v1/clerk/calls/{callId}/show}: the clerk who answered the call shows a short {@code text} and/or a
 * picture ({@code imageBase64} of a PNG or JPEG of at most 1 MiB, {@code imageType} {@code image/png} or
 * {@code image/jpeg}) on the booth's screen; all three "" (or absent) clear it. Headquarters passes it on as a
 * {@link PresenceFrame.ClerkShows} frame. Neither text nor picture is shown in {@link #toString()}.
 */
public record ShowOnBooth(int v, String text, String imageBase64, String imageType) {
    public ShowOnBooth {
        Require.version(v, "show on booth");
        text = text == null ? "" : text;
        imageBase64 = imageBase64 == null ? "" : imageBase64;
        imageType = imageType == null ? "" : imageType;
        if (text.length() > PresenceFrame.ClerkShows.MAX_TEXT) {
            throw new IllegalArgumentException("show on booth: field 'text' is longer than "
                    + PresenceFrame.ClerkShows.MAX_TEXT + " characters");
        }
        if (imageBase64.isEmpty() != imageType.isEmpty()) {
            throw new IllegalArgumentException("show on booth: fields 'imageBase64' and 'imageType' go together");
        }
        if (!imageType.isEmpty() && !imageType.equals("image/png") && !imageType.equals("image/jpeg")) {
            throw new IllegalArgumentException("show on booth: field 'imageType' must be image/png or image/jpeg");
        }
    }

    public ShowOnBooth(String text, String imageBase64, String imageType) {
        this(Protocol.VERSION, text, imageBase64, imageType);
    }

    /** Takes away what the clerk showed. */
    public static ShowOnBooth clear() {
        return new ShowOnBooth("", "", "");
    }

    @Override
    public String toString() {
        return "ShowOnBooth[v=" + v + ", text=" + text.length() + " chars, image="
                + (imageBase64.isEmpty() ? "none" : imageType) + "]";
    }
}
