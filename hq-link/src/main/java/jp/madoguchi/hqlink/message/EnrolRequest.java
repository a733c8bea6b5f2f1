package jp.madoguchi.hqlink.message;

/**
 * {@code POST /api/v1/enrol}: a booth presents its one-time code and a PKCS#10 request for its own key pair.
 * An empty {@code boothName} asks headquarters to keep the name the code was made for.
 */
public record EnrolRequest(int v, String code, String boothName, String csrPem) {
    public EnrolRequest {
        Require.version(v, "enrol request");
        Require.text(code, "enrol request", "code");
        boothName = boothName == null ? "" : boothName;
        Require.text(csrPem, "enrol request", "csrPem");
    }

    public EnrolRequest(String code, String boothName, String csrPem) {
        this(Protocol.VERSION, code, boothName, csrPem);
    }

    /** The enrolment code is a one-time secret: it is not shown in logs. */
    @Override
    public String toString() {
        return "EnrolRequest[v=" + v + ", code=***, boothName=" + boothName + "]";
    }
}
