package jp.madoguchi.hqlink.message;

/**
 * One verification check and its result, e.g. {@code {check: "signature", status: "passed", reason: null}}.
 * Check names used by headquarters: {@code signature}, {@code signing_certificate}, {@code chain},
 * {@code key_usage}, {@code validity}, {@code revocation}, {@code card_data} (the application's applicant
 * matches the signature certificate's holder); a booth shows unknown names as they are.
 */
public record Check(String check, CheckStatus status, String reason) {
    public Check {
        Require.text(check, "check", "check");
        Require.present(status, "check", "status");
    }
}
