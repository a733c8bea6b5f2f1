package jp.madoguchi.hqlink.message;

/**
 * {@code POST /api/v1/applications}: a signed application. {@code canonicalJsonBase64} is the canonical
 * application JSON exactly as signed; {@code cmsBase64} the resident's detached CMS signature over it.
 * {@link #toString()} never shows the content.
 */
public record Submission(int v, String formId, String routing, String canonicalJsonBase64, String cmsBase64) {
    public Submission {
        Require.version(v, "submission");
        Require.text(formId, "submission", "formId");
        Require.text(routing, "submission", "routing");
        Require.text(canonicalJsonBase64, "submission", "canonicalJsonBase64");
        Require.text(cmsBase64, "submission", "cmsBase64");
    }

    public Submission(String formId, String routing, String canonicalJsonBase64, String cmsBase64) {
        this(Protocol.VERSION, formId, routing, canonicalJsonBase64, cmsBase64);
    }

    @Override
    public String toString() {
        return "Submission[v=" + v + ", formId=" + formId + ", routing=" + routing + ", content=***]";
    }
}
