package jp.madoguchi.hqlink.message;

/**
 * {@code POST /api/v1/clerk/admin/enrolment-codes} (admin): a one-time code for enrolling a booth named
 * {@code boothName} at {@code location} ("" for none), valid for {@code validHours} (1 to 168).
 */
public record EnrolmentCodeRequest(int v, String boothName, String location, int validHours) {
    public static final int MAX_VALID_HOURS = 168;

    public EnrolmentCodeRequest {
        Require.version(v, "enrolment code request");
        Require.text(boothName, "enrolment code request", "boothName");
        location = location == null ? "" : location;
        if (validHours < 1 || validHours > MAX_VALID_HOURS) {
            throw new IllegalArgumentException("enrolment code request: field 'validHours' must be 1 to "
                    + MAX_VALID_HOURS);
        }
    }

    public EnrolmentCodeRequest(String boothName, String location, int validHours) {
        this(Protocol.VERSION, boothName, location, validHours);
    }
}
